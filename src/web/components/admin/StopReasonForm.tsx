import {
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import {
  OEE_LOSSES,
  type OeeLoss,
  type StopReason,
  type StopReasonCategory,
} from '../../../common/api/stop-reasons.js';
import { useSaveStopReason } from '../../api/admin.js';
import { fieldError } from './errors.js';
import { FormModal } from './FormModal.js';

const FIELDS = ['parentId', 'code', 'name', 'planned', 'oeeLoss', 'active', 'sortOrder'] as const;
const LOSS_LABELS: Record<OeeLoss, string> = {
  availability: 'Availability',
  performance: 'Performance',
  quality: 'Quality',
};

/**
 * Create or edit a node of the reason tree: a category (parentId null: planned/unplanned and the
 * OEE loss it counts against) or a reason under a category (inherits both).
 */
export function StopReasonForm({
  node,
  parentId,
  categories,
  onClose,
}: {
  node: StopReason | null;
  /** For a new node: the category it goes under, or null for a new category. */
  parentId: number | null;
  categories: readonly StopReasonCategory[];
  onClose: () => void;
}) {
  const save = useSaveStopReason();
  const isCategory = (node ? node.parentId : parentId) === null;
  const [parent, setParent] = useState<number | null>(node ? node.parentId : parentId);
  const [code, setCode] = useState(node?.code ?? '');
  const [name, setName] = useState(node?.name ?? '');
  const [planned, setPlanned] = useState(node?.planned ?? false);
  const [oeeLoss, setOeeLoss] = useState<OeeLoss>(node?.oeeLoss ?? 'availability');
  const [active, setActive] = useState(node?.active ?? true);
  const [sortOrder, setSortOrder] = useState<number | string>(node?.sortOrder ?? 0);
  const err = (f: string) => fieldError(save.error, f);
  const parentCategory = categories.find((c) => c.id === parent);

  const submit = () => {
    const common = { code, name, active, sortOrder: typeof sortOrder === 'number' ? sortOrder : 0 };
    const body = isCategory
      ? { ...common, planned, oeeLoss }
      : { ...common, parentId: parent ?? undefined };
    save.mutate({ id: node?.id, body }, { onSuccess: onClose });
  };

  const kind = isCategory ? 'category' : 'reason';
  return (
    <FormModal
      opened
      title={node ? `Edit ${kind} ${node.name}` : `New ${kind}`}
      onClose={onClose}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      shownFields={FIELDS}
      testId="stop-reason-form"
    >
      {!isCategory && (
        <Select
          label="Category"
          data={categories.map((c) => ({ value: String(c.id), label: c.name }))}
          value={parent === null ? null : String(parent)}
          onChange={(v) => setParent(v === null ? null : Number(v))}
          error={err('parentId')}
          allowDeselect={false}
          data-testid="reason-category"
        />
      )}
      <Group grow align="flex-start">
        <TextInput
          label="Code"
          description="upper-case, e.g. JAM"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={err('code')}
          required
          data-testid="reason-code"
        />
        <TextInput
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={err('name')}
          required
          data-testid="reason-name"
        />
      </Group>
      {isCategory ? (
        <Stack gap="xs">
          <div>
            <Text size="sm" fw={500} mb={4}>
              Kind of stop
            </Text>
            <SegmentedControl
              value={planned ? 'planned' : 'unplanned'}
              onChange={(v) => setPlanned(v === 'planned')}
              data={[
                { value: 'unplanned', label: 'Unplanned' },
                { value: 'planned', label: 'Planned' },
              ]}
            />
            {err('planned') && (
              <Text size="xs" c="red">
                {err('planned')}
              </Text>
            )}
          </div>
          <div>
            <Text size="sm" fw={500} mb={4}>
              Counts against OEE
            </Text>
            <SegmentedControl
              value={oeeLoss}
              onChange={(v) => setOeeLoss(v as OeeLoss)}
              data={OEE_LOSSES.map((l) => ({ value: l, label: LOSS_LABELS[l] }))}
            />
            {err('oeeLoss') && (
              <Text size="xs" c="red">
                {err('oeeLoss')}
              </Text>
            )}
          </div>
        </Stack>
      ) : (
        parentCategory && (
          <Text size="sm" c="dimmed">
            {parentCategory.planned ? 'Planned' : 'Unplanned'}, counts against{' '}
            {LOSS_LABELS[parentCategory.oeeLoss].toLowerCase()} (from the category).
          </Text>
        )
      )}
      <Group grow align="flex-end">
        <NumberInput
          label="Order"
          description="smaller first"
          min={0}
          max={10_000}
          allowDecimal={false}
          value={sortOrder}
          onChange={setSortOrder}
          error={err('sortOrder')}
        />
        <Switch
          label="Active (offered to operators)"
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
          error={err('active')}
          pb={8}
        />
      </Group>
    </FormModal>
  );
}
