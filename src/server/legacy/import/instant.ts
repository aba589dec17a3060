/**
 * Instants travel as canonical UTC text with microseconds, 'YYYY-MM-DDTHH:MM:SS.ffffffZ': what
 * COPY reads into a timestamptz and what canonicalSql('timestamptz') prints back.
 */
export function instantText(d: Date): string {
  const iso = d.toISOString();
  // Years 0000-9999 print as 24 characters; others as ±YYYYYY (27).
  if (iso.length !== 24) throw new RangeError(`Instant outside years 0000-9999: ${iso}`);
  return `${iso.slice(0, 23)}000Z`;
}

export function instantDate(text: string): Date {
  return new Date(text.replace(/(\.\d{3})\d*Z$/, '$1Z'));
}
