import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ORDER_SORTS, type OrderSort } from '../../../common/api/orders.js';
import {
  ORDER_PRIORITIES,
  ORDER_STATUSES,
  type OrderPriority,
  type OrderStatus,
} from '../../../common/order-lifecycle.js';
import type { OrderFilters } from '../../api/orders.js';

const ARCHIVED = ['false', 'true', 'all'] as const;

function list<T extends string>(value: string | null, allowed: readonly T[]): T[] | undefined {
  const items = (value ?? '')
    .split(',')
    .filter((v): v is T => (allowed as readonly string[]).includes(v));
  return items.length > 0 ? items : undefined;
}

function id(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

function date(value: string | null): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** The board's filters live in the address, so a link or a reload shows the same board. */
export function useOrderFiltersFromUrl(): [OrderFilters, (patch: Partial<OrderFilters>) => void] {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<OrderFilters>(
    () => ({
      status: list<OrderStatus>(params.get('status'), ORDER_STATUSES),
      priority: list<OrderPriority>(params.get('priority'), ORDER_PRIORITIES),
      environmentId: id(params.get('environment')),
      machineId: id(params.get('machine')),
      dueFrom: date(params.get('dueFrom')),
      dueTo: date(params.get('dueTo')),
      q: params.get('q')?.trim() || undefined,
      archived: oneOf(params.get('archived'), ARCHIVED) ?? 'false',
      sort: oneOf<OrderSort>(params.get('sort'), ORDER_SORTS) ?? 'dueDate',
      dir: oneOf(params.get('dir'), ['asc', 'desc'] as const) ?? 'asc',
    }),
    [params],
  );

  const update = useCallback(
    (patch: Partial<OrderFilters>) => {
      const next = { ...filters, ...patch };
      const out = new URLSearchParams();
      const set = (key: string, value: string | number | undefined) => {
        if (value !== undefined && value !== '') out.set(key, String(value));
      };
      set('status', next.status?.join(','));
      set('priority', next.priority?.join(','));
      set('environment', next.environmentId);
      set('machine', next.machineId);
      set('dueFrom', next.dueFrom);
      set('dueTo', next.dueTo);
      set('q', next.q);
      if (next.archived !== 'false') set('archived', next.archived);
      if (next.sort !== 'dueDate') set('sort', next.sort);
      if (next.dir !== 'asc') set('dir', next.dir);
      setParams(out, { replace: true });
    },
    [filters, setParams],
  );

  return [filters, update];
}
