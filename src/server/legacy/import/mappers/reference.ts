import {
  categoryOfReasonCode,
  normaliseReasonCode,
  OEE_LOSS,
  showValue,
} from '../../values/index.js';
import type { TableMapper } from '../mapping.js';
import { RowReader } from '../row-reader.js';
import { TARGETS } from '../targets.js';
import { environmentCode, idOf, machineTypeCode } from './common.js';

/**
 * Reference tables: each row is found or created by code (Draft.self); a row whose code an
 * earlier row already holds is merged into it (imported, recorded as merged).
 */

/** environments (later versions) → environments; ids kept; slugs repeated are merged. */
export function environmentsMapper(): TableMapper {
  return {
    source: 'environments',
    target: TARGETS.environments,
    uses: ['id', 'code', 'name', 'colour', 'is_active', 'created_at'],
    prepare(row, ctx) {
      const r = new RowReader('environments', row.values, ctx);
      const raw = r.text('code', { required: true });
      const code = raw === null ? null : environmentCode(raw);
      if (raw !== null && code === null) r.problems.push(`code ${showValue(raw)} has no letters or digits`);
      const name = r.text('name', { max: 100 }) ?? raw?.slice(0, 100) ?? '';
      const colour = r.text('colour', { max: 32 });
      const active = r.bool('is_active', true, true);
      const createdAt = r.instant('created_at') ?? ctx.epoch;
      return r.result(null, {}, {
        self: {
          column: null,
          kind: 'environment',
          code: code ?? '',
          name,
          preferredId: idOf(row.key) ?? undefined,
          values: { name, colour, active, created_at: createdAt, updated_at: createdAt },
        },
      });
    },
  };
}

/** machine_types (later versions) → machine_types; code = the name as a slug. */
export function machineTypesMapper(): TableMapper {
  return {
    source: 'machine_types',
    target: TARGETS.machine_types,
    uses: ['id', 'name', 'description'],
    prepare(row, ctx) {
      const r = new RowReader('machine_types', row.values, ctx);
      const name = r.text('name', { max: 100 });
      const code = name === null ? null : machineTypeCode(name);
      if (name !== null && code === null) r.problems.push(`name ${showValue(name)} has no letters or digits`);
      const description = r.freeText('description');
      return r.result(null, {}, {
        self: {
          column: null,
          kind: 'machine_type',
          code: code ?? '',
          name: name ?? '',
          preferredId: idOf(row.key) ?? undefined,
          values: { description },
        },
      });
    },
  };
}

/** downtime_categories (later versions) → categories of the reason tree. */
export function downtimeCategoriesMapper(): TableMapper {
  return {
    source: 'downtime_categories',
    target: TARGETS.stop_reasons,
    uses: ['id', 'code', 'name', 'is_planned', 'oee_impact'],
    prepare(row, ctx) {
      const r = new RowReader('downtime_categories', row.values, ctx);
      const code = normaliseReasonCode(r.text('code', { max: 64 }));
      const name = r.text('name', { max: 200 }) ?? code ?? '';
      const planned = r.bool('is_planned', false, false);
      const oeeLoss = r.enumValue('oee_impact', OEE_LOSS) ?? 'availability';
      return r.result(null, {}, {
        self: {
          column: null,
          kind: 'category',
          code: code ?? '',
          name,
          values: { name, planned, oee_loss: oeeLoss },
        },
      });
    },
  };
}

/**
 * reason_codes → reasons of the tree under the code's category (REASON_CODE_CATEGORY, else
 * LEGACY); the first row of a code keeps its id, repeated codes are merged into it.
 */
export function reasonCodesMapper(): TableMapper {
  return {
    source: 'reason_codes',
    target: TARGETS.stop_reasons,
    uses: ['id', 'code', 'description'],
    prepare(row, ctx) {
      const r = new RowReader('reason_codes', row.values, ctx);
      const code = normaliseReasonCode(r.text('code', { max: 64 }));
      const name = r.text('description', { max: 200 }) ?? code ?? '';
      return r.result(null, {}, {
        self: {
          column: null,
          kind: 'reason',
          code: code ?? '',
          name,
          parent: code === null ? 'LEGACY' : categoryOfReasonCode(code),
          preferredId: idOf(row.key) ?? undefined,
          values: { name },
        },
      });
    },
  };
}
