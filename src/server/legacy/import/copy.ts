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

function* encodeRows(
  columns: readonly CopyColumn[],
  rows: Iterable<readonly PgValue[]>,
): Generator<string> {
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) line += '\t';
      line += copyField(columns[i]!.type, row[i] ?? null);
    }
    yield line;
  }
}

/** Writes lines already in COPY's text format (fields escaped, no newline) into the columns. */
export async function copyLines(
  client: pg.ClientBase,
  table: string,
  columns: readonly CopyColumn[],
  lines: Iterable<string>,
): Promise<number> {
  const cols = columns.map((c) => quoteIdent(c.name)).join(', ');
  const stream = client.query(copyStreams.from(`COPY ${table} (${cols}) FROM STDIN`));
  let chunk = '';
  let count = 0;
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  const write = async (text: string) => {
    if (!stream.write(text)) await Promise.race([once(stream, 'drain'), failed]);
  };
  for (const line of lines) {
    chunk += line + '\n';
    count++;
    if (chunk.length > 256 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk.length > 0) await write(chunk);
  stream.end();
  await Promise.race([finished(stream), failed]);
  return count;
}

/** A safe SQL identifier, always double-quoted (reserved words such as "order" included). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
