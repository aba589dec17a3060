import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import {
  Order,
  OrderDetail,
  OrderPage,
  type CancelOrderBody,
  type CompleteOrderBody,
  type CountOrderBody,
  type CreateOrderBody,
  type OrderListQuery,
  type OrderSort,
  type PauseOrderBody,
  type ResumeOrderBody,
  type StartOrderBody,
  type UpdateOrderBody,
} from '../../common/api/orders.js';
import { Waste, type RecordWasteBody } from '../../common/api/waste.js';
import type { OrderAction, OrderPriority, OrderStatus } from '../../common/order-lifecycle.js';
import { ApiError, apiGet, apiSend, queryString } from './client.js';

/** The filters of the orders board (everything but paging), as GET /api/orders takes them. */
export interface OrderFilters {
  status?: OrderStatus[];
  priority?: OrderPriority[];
  environmentId?: number;
  machineId?: number;
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  archived?: OrderListQuery['archived'];
  sort?: OrderSort;
  dir?: 'asc' | 'desc';
  limit?: number;
}

export const orderKeys = {
  all: ['orders'] as const,
  list: (filters: OrderFilters) => ['orders', 'list', filters] as const,
  detail: (id: number) => ['orders', 'detail', id] as const,
};

const BOARD_REFRESH_MS = 15_000;

function listPath(filters: OrderFilters, cursor?: string): string {
  const { status, priority, ...rest } = filters;
  return `/api/orders${queryString({
    ...rest,
    status: status?.join(','),
    priority: priority?.join(','),
    cursor,
  })}`;
}

/** The orders board: pages of orders, "load more" with the cursor, refreshed every 15 s. */
export function useOrderList(filters: OrderFilters, refetchMs: number | false = BOARD_REFRESH_MS) {
  return useInfiniteQuery({
    queryKey: orderKeys.list(filters),
    queryFn: ({ pageParam, signal }) => apiGet(listPath(filters, pageParam), OrderPage, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: refetchMs,
  });
}

/** One page of orders, for pickers (e.g. the pending orders of an environment). */
export function useOrders(
  filters: OrderFilters,
  enabled = true,
  refetchMs: number | false = 10_000,
) {
  return useQuery({
    queryKey: [...orderKeys.list(filters), 'first'],
    queryFn: ({ signal }) => apiGet(listPath(filters), OrderPage, signal),
    select: (page) => page.items,
    enabled,
    refetchInterval: refetchMs,
  });
}

/** An order with its timeline, stops and waste; refreshed every 10 s. */
export function useOrder(id: number | undefined) {
  return useQuery({
    queryKey: orderKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiGet(`/api/orders/${id}`, OrderDetail, signal),
    enabled: id !== undefined,
    refetchInterval: 10_000,
  });
}

/** After any change to orders, refresh every list and detail of them, and the machines. */
export function refreshAfterOrderChange(queryClient: QueryClient, order?: Order): void {
  if (order) {
    queryClient.setQueryData<OrderDetail>(orderKeys.detail(order.id), (old) =>
      old ? { ...old, ...order } : old,
    );
  }
  void queryClient.invalidateQueries({ queryKey: orderKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['machines'] });
  void queryClient.invalidateQueries({ queryKey: ['stops'] });
}

/** True for a 409 whose order changed under us (stale version or a state that moved on). */
export function isConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409;
}

/** What to tell the user about a failed order change. */
export function orderErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : 'Failed.';
  if (error.status === 409) {
    const body = error.body as { error?: { current?: unknown; allowedActions?: unknown } };
    if (body.error?.current) return 'This order was changed by someone else — reloaded.';
    if (error.fields && Object.keys(error.fields).length > 0) return error.message;
    return `${error.message} — reloaded.`;
  }
  return error.message;
}

export interface ActionBodies {
  start: StartOrderBody;
  pause: PauseOrderBody;
  resume: ResumeOrderBody;
  count: CountOrderBody;
  complete: CompleteOrderBody;
  cancel: CancelOrderBody;
  archive: { version?: number };
  restore: { version?: number };
}
export type PostAction = keyof ActionBodies;

export type ActionVariables = {
  [A in PostAction]: { order: Pick<Order, 'id' | 'version'>; action: A; body: ActionBodies[A] };
}[PostAction];

/**
 * A lifecycle action: POST /api/orders/:id/<action> with the version the user saw. Any 409
 * (someone else changed the order) reloads the order so the screen shows the truth.
 */
export function useOrderAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ order, action, body }: ActionVariables) =>
      apiSend('POST', `/api/orders/${order.id}/${action}`, Order, {
        ...body,
        version: order.version,
      }),
    onSuccess: (order) => refreshAfterOrderChange(queryClient, order),
    onError: (error) => {
      if (isConflict(error)) refreshAfterOrderChange(queryClient);
    },
  });
}

/** Counts are sent without a version: adding to the count must not fail because of a pause. */
export function useCountOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ orderId, body }: { orderId: number; body: CountOrderBody }) =>
      apiSend('POST', `/api/orders/${orderId}/count`, Order, body),
    onSuccess: (order) => refreshAfterOrderChange(queryClient, order),
    onError: (error) => {
      if (isConflict(error)) refreshAfterOrderChange(queryClient);
    },
  });
}

export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrderBody) => apiSend('POST', '/api/orders', Order, body),
    onSuccess: (order) => refreshAfterOrderChange(queryClient, order),
  });
}

export function useUpdateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateOrderBody }) =>
      apiSend('PATCH', `/api/orders/${id}`, Order, body),
    onSuccess: (order) => refreshAfterOrderChange(queryClient, order),
    onError: (error) => {
      if (isConflict(error)) refreshAfterOrderChange(queryClient);
    },
  });
}

export function useRecordWaste() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ orderId, body }: { orderId: number; body: RecordWasteBody }) =>
      apiSend('POST', `/api/orders/${orderId}/waste`, Waste, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['waste'] });
    },
  });
}

export type { OrderAction };
