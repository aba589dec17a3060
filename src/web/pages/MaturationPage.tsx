import { PlaceholderPage } from './PlaceholderPage.js';

/** Placeholder until the maturation room lands. */
export function MaturationPage() {
  return <PlaceholderPage title="Maturation" description="The maturation room" />;
}
