import type { StopReason, StopReasonCategory } from '../../common/api/stop-reasons.js';
import type { StopReasonRow } from './stop-reason.repository.js';

/** A node; a reason shows its category's classification (it has none of its own). */
export function presentStopReason(r: StopReasonRow, category: StopReasonRow = r): StopReason {
  return {
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    name: r.name,
    planned: category.planned ?? false,
    oeeLoss: category.oee_loss ?? 'availability',
    active: r.active,
    sortOrder: r.sort_order,
  };
}

/** Categories in the rows' order, each with its reasons in the rows' order. */
export function presentTree(rows: StopReasonRow[]): StopReasonCategory[] {
  const categories = new Map<number, StopReasonCategory & { row: StopReasonRow }>();
  for (const r of rows) {
    if (r.parent_id === null)
      categories.set(r.id, { ...presentStopReason(r), reasons: [], row: r });
  }
  for (const r of rows) {
    const category = r.parent_id === null ? undefined : categories.get(r.parent_id);
    category?.reasons.push(presentStopReason(r, category.row));
  }
  return [...categories.values()].map(({ row: _row, ...c }) => c);
}
