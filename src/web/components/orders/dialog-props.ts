import type { useOrderAction } from '../../api/orders.js';

export interface DialogProps {
  opened: boolean;
  onClose: () => void;
  mutation: ReturnType<typeof useOrderAction>;
}
