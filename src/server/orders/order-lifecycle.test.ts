import { describe, expect, it } from 'vitest';
import {
  ACTION_LEAST_ROLE,
  actionsFor,
  allowedActions,
  canApply,
  editableFields,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  PLANNED_FIELDS,
  statusAfter,
  type OrderAction,
  type OrderStatus,
} from '../../common/order-lifecycle.js';
import { PERMISSIONS } from '../../common/permissions.js';

/** The expected lifecycle, written out independently of TRANSITIONS: state → action → result. */
type State = `${OrderStatus}${'' | '+archived'}`;
const EXPECTED: Record<State, Partial<Record<OrderAction, State>>> = {
  draft: { release: 'pending' },
  pending: { start: 'in_progress', cancel: 'cancelled' },
  in_progress: { pause: 'paused', count: 'in_progress', complete: 'completed' },
  paused: { resume: 'in_progress', count: 'paused', complete: 'completed', cancel: 'cancelled' },
  completed: { archive: 'completed+archived' },
  cancelled: { archive: 'cancelled+archived' },
  'completed+archived': { restore: 'completed' },
  'cancelled+archived': { restore: 'cancelled' },
  // Impossible states (the database refuses them), but the function must still say "nothing".
  'draft+archived': {},
  'pending+archived': {},
  'in_progress+archived': {},
  'paused+archived': {},
};

const states = ORDER_STATUSES.flatMap((status) =>
  [false, true].map((archived) => ({ status, archived })),
);
const cases = states.flatMap(({ status, archived }) =>
  ORDER_ACTIONS.map((action) => {
    const state: State = archived ? `${status}+archived` : status;
    return { state, status, archived, action, expected: EXPECTED[state][action] ?? null };
  }),
);

describe('order lifecycle', () => {
  it.each(cases)('$state --$action--> $expected', ({ status, archived, action, expected }) => {
    expect(canApply(action, status, archived)).toBe(expected !== null);
    if (expected !== null) {
      const archivedAfter = action === 'archive' ? true : action === 'restore' ? false : archived;
      const after: State = archivedAfter
        ? `${statusAfter(action, status)}+archived`
        : statusAfter(action, status);
      expect(after).toBe(expected);
    }
  });

  it('allowedActions lists exactly the allowed ones, in a stable order', () => {
    expect(allowedActions('pending', false)).toEqual(['start', 'cancel']);
    expect(allowedActions('paused', false)).toEqual(['resume', 'count', 'complete', 'cancel']);
    expect(allowedActions('completed', true)).toEqual(['restore']);
    expect(allowedActions('in_progress', true)).toEqual([]);
    for (const { status, archived } of states) {
      const state: State = archived ? `${status}+archived` : status;
      expect(allowedActions(status, archived).sort()).toEqual(Object.keys(EXPECTED[state]).sort());
    }
  });

  it('actionsFor filters by role the way the permission table does', () => {
    expect(actionsFor('paused', false, 'viewer')).toEqual([]);
    expect(actionsFor('paused', false, 'operator')).toEqual(['resume', 'count', 'complete']);
    expect(actionsFor('paused', false, 'supervisor')).toEqual([
      'resume',
      'count',
      'complete',
      'cancel',
    ]);
    expect(actionsFor('draft', false, 'admin')).toEqual(['release']);
  });

  it('ACTION_LEAST_ROLE mirrors the permission table', () => {
    const table = PERMISSIONS as Record<string, string>;
    for (const action of ORDER_ACTIONS) {
      const key = action === 'release' ? 'PATCH /api/orders/:id' : `POST /api/orders/:id/${action}`;
      expect(table[key], key).toBe(ACTION_LEAST_ROLE[action]);
    }
  });

  it('editableFields: all planned fields before the start, three while running, none after', () => {
    expect(editableFields('draft', false)).toEqual(PLANNED_FIELDS);
    expect(editableFields('pending', false)).toEqual(PLANNED_FIELDS);
    expect([...editableFields('in_progress', false)].sort()).toEqual([
      'dueDate',
      'notes',
      'priority',
    ]);
    expect(editableFields('paused', false)).toEqual(editableFields('in_progress', false));
    expect(editableFields('completed', false)).toEqual([]);
    expect(editableFields('cancelled', false)).toEqual([]);
    expect(editableFields('completed', true)).toEqual([]);
  });
});
