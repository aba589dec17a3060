import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { copyField, type PgType, type PgValue } from './pg-text.js';

export interface CopyColumn {
  name: string;
  type: PgType;
}

/** Writes these rows with `COPY table (columns) FROM STDIN` (text format) on the client. */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly CopyColumn[],
  rows: Iterable<readonly PgValue[]>,
): Promise<number> {
  return copyLines(client, table, columns, encodeRows(columns, rows));
}

/** One row as a line of COPY's text format (without its newline). */
export function encodeLine(columns: readonly CopyColumn[], row: readonly PgValue[]): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) line += '\t';
    line += copyField(columns[i]!.type, row[i] ?? null);
  }
  return line;
}

function* encodeRows(
  columns: readonly CopyColumn[],
  rows: Iterable<readonly PgValue[]>,
): Generator<string> {
  for (const row of rows) yield encodeLine(columns, row);
}

/** Lines (no newline) joined into pieces of about 256 kB, each line ending in a newline. */
export function* chunked(lines: Iterable<string>, counter?: { count: number }): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line + '\n';
    if (counter) counter.count++;
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Writes lines already in COPY's text format (fields escaped, no newline) into the columns. */
export async function copyLines(
  client: pg.ClientBase,
  table: string,
  columns: readonly CopyColumn[],
  lines: Iterable<string>,
): Promise<number> {
  const counter = { count: 0 };
  await copyText(client, table, columns, chunked(lines, counter));
  return counter.count;
}

/** Writes COPY text (whole lines, each ending in a newline) into the columns, piece by piece. */
export async function copyText(
  client: pg.ClientBase,
  table: string,
  columns: readonly CopyColumn[],
  pieces: Iterable<string | Buffer>,
): Promise<void> {
  const cols = columns.map((c) => quoteIdent(c.name)).join(', ');
  const stream = client.query(copyStreams.from(`COPY ${table} (${cols}) FROM STDIN`));
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  for (const piece of pieces) {
    if (piece.length > 0 && !stream.write(piece)) {
      await Promise.race([once(stream, 'drain'), failed]);
    }
  }
  stream.end();
  await Promise.race([finished(stream), failed]);
}

/** A safe SQL identifier, always double-quoted (reserved words such as "order" included). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
