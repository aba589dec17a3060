import type { Kysely } from 'kysely';
import type { Database, JsonObject } from '../db/schema.js';
import type { RequestContext } from '../auth/actor.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: object | null;
  after?: object | null;
}

const json = (v: object | null | undefined) =>
  v === undefined || v === null ? null : JSON.stringify(v);

/** Who changed what, before and after; call inside the transaction that makes the change. */
export async function recordAudit(
  trx: Kysely<Database>,
  ctx: Pick<RequestContext, 'requestId' | 'ip' | 'userAgent'> & { actor: { id: number } | null },
  e: AuditEntry,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      user_id: ctx.actor?.id ?? null,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId === null ? null : String(e.entityId),
      before: json(e.before),
      after: json(e.after),
      request_id: ctx.requestId,
      ip: ctx.ip,
      user_agent: ctx.userAgent,
    })
    .execute();
}

/** An event for live boards (WebSocket via NOTIFY); same transaction as the change. */
export async function publishEvent(
  trx: Kysely<Database>,
  topic: string,
  payload: JsonObject,
): Promise<void> {
  await trx
    .insertInto('event_outbox')
    .values({ topic, payload: JSON.stringify(payload) })
    .execute();
}
