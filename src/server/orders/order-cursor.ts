import type { OrderSort } from '../../common/api/orders.js';
import { AppError } from '../http/app-error.js';

/**
 * The list's opaque cursor: base64url of JSON {s: sort, d: dir, v: the sort value as exact
 * text, i: id}. Decoding checks every part, so a forged cursor is a 400, never SQL trouble.
 */
export interface CursorPosition {
  value: string;
  id: number;
}

interface CursorJson {
  s: OrderSort;
  d: 'asc' | 'desc';
  v: string;
  i: number;
}

export function encodeCursor(sort: OrderSort, dir: 'asc' | 'desc', value: string, id: number) {
  const json: CursorJson = { s: sort, d: dir, v: value, i: id };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

const isCalendarDay = (v: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

/** Whether `v` is a value the sort expression can have (see order-query.repository SORTS). */
const VALID_VALUE: Record<OrderSort, (v: string) => boolean> = {
  dueDate: (v) => v === 'infinity' || (isCalendarDay(v) && v >= '0001-01-01'),
  createdAt: (v) => /^-?\d{1,17}$/.test(v),
  priority: (v) => /^[0-3]$/.test(v),
  status: (v) => /^[0-5]$/.test(v),
  orderNumber: (v) => v.length >= 1 && v.length <= 200 && !v.includes('\u0000'),
};

const bad = (why: string) =>
  new AppError('validation_failed', `Invalid request: cursor ${why}`, { cursor: why });

export function decodeCursor(cursor: string, sort: OrderSort, dir: 'asc' | 'desc'): CursorPosition {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad('is not a cursor from this list');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad('is not a cursor from this list');
  }
  if (typeof json !== 'object' || json === null) throw bad('is not a cursor from this list');
  const c = json as Partial<CursorJson>;
  if (c.s !== sort || c.d !== dir) throw bad('belongs to another sort order');
  if (
    typeof c.v !== 'string' ||
    !VALID_VALUE[sort](c.v) ||
    typeof c.i !== 'number' ||
    !Number.isInteger(c.i) ||
    c.i < 0 ||
    c.i > 2_147_483_647
  ) {
    throw bad('is not a cursor from this list');
  }
  return { value: c.v, id: c.i };
}
