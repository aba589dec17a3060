import { PlaceholderPage } from './PlaceholderPage.js';

export function OperatorPage() {
  return <PlaceholderPage title="Operator" description="Being built" />;
}
