import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, Database, EventOutboxTable, JsonObject } from '../db/schema.js';
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

export type AuditContext = Pick<RequestContext, 'requestId' | 'ip' | 'userAgent'> & {
  actor: { id: number } | null;
};

/** The audit_log row of an entry. */
export function auditRow(ctx: AuditContext, e: AuditEntry): Insertable<AuditLogTable> {
  return {
    user_id: ctx.actor?.id ?? null,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId === null ? null : String(e.entityId),
    before: json(e.before),
    after: json(e.after),
    request_id: ctx.requestId,
    ip: ctx.ip,
    user_agent: ctx.userAgent,
  };
}

/** Who changed what, before and after; call inside the transaction that makes the change. */
export async function recordAudit(
  trx: Kysely<Database>,
  ctx: AuditContext,
  e: AuditEntry,
): Promise<void> {
  await trx.insertInto('audit_log').values(auditRow(ctx, e)).execute();
}

/** The event_outbox row of a live-board event. */
export function outboxRow(topic: string, payload: JsonObject): Insertable<EventOutboxTable> {
  return { topic, payload: JSON.stringify(payload) };
}

/** An event for live boards (WebSocket via NOTIFY); same transaction as the change. */
export async function publishEvent(
  trx: Kysely<Database>,
  topic: string,
  payload: JsonObject,
): Promise<void> {
  await trx.insertInto('event_outbox').values(outboxRow(topic, payload)).execute();
}
