import { describe, expect, it } from 'vitest';
import { CountOrderBody, OrderListQuery, quantityValue } from '../../common/api/orders.js';
import { AppError } from '../http/app-error.js';
import { decodeCursor, encodeCursor } from './order-cursor.js';
import { likeEscape } from './order-query.repository.js';

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('validation_failed');
    return (e as AppError).fields?.cursor;
  }
  throw new Error('accepted');
};

describe('order list cursor', () => {
  it('round-trips every sort value', () => {
    const samples = {
      dueDate: ['2026-03-01', 'infinity'],
      createdAt: ['1767600000123456', '0'],
      priority: ['0', '3'],
      status: ['0', '5'],
      orderNumber: ["PO-1'; drop table x; --", 'ü%_\\'],
    } as const;
    for (const [sort, values] of Object.entries(samples)) {
      for (const v of values) {
        for (const dir of ['asc', 'desc'] as const) {
          const c = encodeCursor(sort as 'dueDate', dir, v, 42);
          expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(decodeCursor(c, sort as 'dueDate', dir)).toEqual({ value: v, id: 42 });
        }
      }
    }
  });

  it('refuses a cursor of another sort or direction', () => {
    const c = encodeCursor('dueDate', 'asc', '2026-03-01', 1);
    expect(refused(() => decodeCursor(c, 'dueDate', 'desc'))).toBe('belongs to another sort order');
    expect(refused(() => decodeCursor(c, 'createdAt', 'asc'))).toBe(
      'belongs to another sort order',
    );
  });

  it('refuses forged and garbage cursors without reaching SQL', () => {
    const forge = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const bad = [
      '',
      '!!!',
      'a b',
      Buffer.from('not json').toString('base64url'),
      forge(null),
      forge([1, 2]),
      forge({ s: 'dueDate', d: 'asc', v: '2026-02-30', i: 1 }),
      forge({ s: 'dueDate', d: 'asc', v: '0000-01-01', i: 1 }),
      forge({ s: 'dueDate', d: 'asc', v: "2026-01-01'; drop table x", i: 1 }),
      forge({ s: 'dueDate', d: 'asc', v: '2026-01-01', i: -1 }),
      forge({ s: 'dueDate', d: 'asc', v: '2026-01-01', i: 1.5 }),
      forge({ s: 'dueDate', d: 'asc', v: '2026-01-01', i: 2 ** 31 }),
      forge({ s: 'dueDate', d: 'asc', v: '2026-01-01', i: '1' }),
      forge({ s: 'dueDate', d: 'asc', v: 20260101, i: 1 }),
    ];
    for (const c of bad) refused(() => decodeCursor(c, 'dueDate', 'asc'));
    const other = [
      forge({ s: 'createdAt', d: 'asc', v: '1.5', i: 1 }),
      forge({ s: 'createdAt', d: 'asc', v: '123456789012345678', i: 1 }),
    ];
    for (const c of other) refused(() => decodeCursor(c, 'createdAt', 'asc'));
    refused(() =>
      decodeCursor(forge({ s: 'priority', d: 'asc', v: '4', i: 1 }), 'priority', 'asc'),
    );
    refused(() => decodeCursor(forge({ s: 'status', d: 'asc', v: '-1', i: 1 }), 'status', 'asc'));
    refused(() =>
      decodeCursor(
        forge({ s: 'orderNumber', d: 'asc', v: 'x'.repeat(201), i: 1 }),
        'orderNumber',
        'asc',
      ),
    );
  });
});

describe('order schemas', () => {
  it('quantities: ≥ 0, at most 3 decimals, bounded', () => {
    for (const ok of [0, 1, 12.5, 0.001, 999.999, 1_000_000_000]) {
      expect(quantityValue.safeParse(ok).success, String(ok)).toBe(true);
    }
    for (const bad of [-1, -0.001, 1.2345, 0.0001, 1e-7, 1e10, Infinity, NaN, '5', null]) {
      expect(quantityValue.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it('count takes either producedQuantity or add', () => {
    expect(CountOrderBody.safeParse({ add: -2.5 }).success).toBe(true);
    expect(CountOrderBody.safeParse({ producedQuantity: 3 }).success).toBe(true);
    expect(CountOrderBody.safeParse({}).success).toBe(false);
    expect(CountOrderBody.safeParse({ add: 1, producedQuantity: 3 }).success).toBe(false);
    expect(CountOrderBody.safeParse({ add: 0.0001 }).success).toBe(false);
  });

  it('list query: multi values as repeated keys or commas; defaults', () => {
    const q = OrderListQuery.parse({ status: 'pending,paused', priority: ['high', 'urgent'] });
    expect(q.status).toEqual(['pending', 'paused']);
    expect(q.priority).toEqual(['high', 'urgent']);
    expect(q).toMatchObject({ archived: 'false', sort: 'dueDate', dir: 'asc', limit: 50 });
    expect(OrderListQuery.safeParse({ status: 'pending,bogus' }).success).toBe(false);
    expect(OrderListQuery.safeParse({ sort: 'due_date; drop table x' }).success).toBe(false);
    expect(OrderListQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(OrderListQuery.safeParse({ limit: '201' }).success).toBe(false);
    expect(OrderListQuery.safeParse({ limit: '2.5' }).success).toBe(false);
    expect(OrderListQuery.safeParse({ sortBy: 'x' }).success).toBe(false);
  });

  it('likeEscape makes %, _ and \\ literal', () => {
    expect(likeEscape('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
