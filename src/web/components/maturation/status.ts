import type { MaturationStatus } from '../../../common/api/maturation.js';

export const MATURATION_STATUS_STYLE: Record<MaturationStatus, { colour: string; label: string }> =
  {
    maturing: { colour: 'grape', label: 'Maturing' },
    ready: { colour: 'green', label: 'Ready' },
    quality_check: { colour: 'yellow', label: 'Quality check' },
    completed: { colour: 'gray', label: 'Completed' },
    rejected: { colour: 'red', label: 'Rejected' },
  };

/** What the button that moves a batch into a status says. */
export const MOVE_LABELS: Record<MaturationStatus, string> = {
  maturing: 'Back to maturing',
  ready: 'Mark ready',
  quality_check: 'Send to quality check',
  completed: 'Complete',
  rejected: 'Reject',
};
