import type { TableMapper } from '../mapping.js';

/** A table with no home in the new model: copied verbatim into legacy.<table>. */
export function verbatimMapper(source: string): TableMapper {
  return {
    source,
    target: null,
    uses: [],
    prepare: () => ({
      kind: 'draft',
      draft: { id: null, values: {}, refs: [], ensures: [], changes: [] },
    }),
  };
}
