import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { IdParams } from '../../common/api/common.js';
import {
  ArchiveOrderBody,
  CancelOrderBody,
  CompleteOrderBody,
  CountOrderBody,
  CreateOrderBody,
  Order,
  OrderDetail,
  OrderListQuery,
  OrderPage,
  PauseOrderBody,
  ResumeOrderBody,
  StartOrderBody,
  UpdateOrderBody,
} from '../../common/api/orders.js';
import { contextOf, type RequestContext } from '../auth/actor.js';
import type { ZodApp } from '../http/zod-app.js';
import type { FeatureDeps } from '../routes.js';
import * as actions from './order-actions.service.js';
import type { OrderDeps } from './order-change.js';
import * as service from './order.service.js';

const tags = ['orders'];

type Action<B> = (deps: OrderDeps, ctx: RequestContext, id: number, body: B) => Promise<Order>;

export function orderRoutes(app: ZodApp, deps: FeatureDeps): void {
  app.get(
    '/api/orders',
    { schema: { tags, querystring: OrderListQuery, response: { 200: OrderPage } } },
    async (req) => service.listOrders(deps, req.query),
  );

  app.get(
    '/api/orders/:id',
    { schema: { tags, params: IdParams, response: { 200: OrderDetail } } },
    async (req) => service.getOrder(deps, req.params.id),
  );

  app.post(
    '/api/orders',
    { schema: { tags, body: CreateOrderBody, response: { 201: Order } } },
    async (req, reply) =>
      reply.status(201).send(await service.createOrder(deps, contextOf(req), req.body)),
  );

  app.patch(
    '/api/orders/:id',
    { schema: { tags, params: IdParams, body: UpdateOrderBody, response: { 200: Order } } },
    async (req) => service.updateOrder(deps, contextOf(req), req.params.id, req.body),
  );

  /** POST /api/orders/:id/<name>: one lifecycle action; an absent body counts as {}. */
  function action<S extends z.ZodType>(name: string, body: S, run: Action<z.infer<S>>) {
    app.post(
      `/api/orders/:id/${name}`,
      {
        schema: { tags, params: IdParams, body, response: { 200: Order } },
        preValidation: async (req: FastifyRequest) => {
          req.body ??= {};
        },
      },
      async (req) => run(deps, contextOf(req), (req.params as IdParams).id, req.body as z.infer<S>),
    );
  }

  action('start', StartOrderBody, actions.startOrder);
  action('pause', PauseOrderBody, actions.pauseOrder);
  action('resume', ResumeOrderBody, actions.resumeOrder);
  action('count', CountOrderBody, actions.countOrder);
  action('complete', CompleteOrderBody, actions.completeOrder);
  action('cancel', CancelOrderBody, actions.cancelOrder);
  action('archive', ArchiveOrderBody, actions.archiveOrder);
  action('restore', ArchiveOrderBody, actions.restoreOrder);
}
