/** Inserting legacy rows with explicit ids, cached statements and counters. */
import type Database from 'better-sqlite3';
import { q } from '../catalog/sql.js';
import type { TimeFormat } from '../values/time.js';

export type Cell = string | number | bigint | null;
export type Row = Record<string, Cell>;

export class LegacyWriter {
  readonly counts: Record<string, number> = {};
  readonly injected: Record<string, string[]> = {};
  readonly formats: Record<string, Partial<Record<TimeFormat, number>>> = {};
  readonly facts: Record<string, string[]> = {};
  private readonly lastId = new Map<string, number>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  /** The next id of `table` (ids are assigned here, in order). */
  nextId(table: string): number {
    const id = (this.lastId.get(table) ?? 0) + 1;
    this.lastId.set(table, id);
    return id;
  }

  /** Inserts the row (an `id` is assigned when absent) and returns its id. */
  insert(table: string, row: Row): number | bigint {
    const full: Row = 'id' in row ? row : { id: this.nextId(table), ...row };
    const keys = Object.keys(full);
    const sig = `${table}|${keys.join(',')}`;
    let stmt = this.statements.get(sig);
    if (!stmt) {
      stmt = this.db.prepare(
        `INSERT INTO ${q(table)} (${keys.map(q).join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`,
      );
      this.statements.set(sig, stmt);
    }
    stmt.run(full);
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    return full.id as number | bigint;
  }

  /**
   * A fast positional insert for hot loops: returns a function taking the values of `columns`
   * (in order) that assigns the next id and returns it.
   */
  prepare(table: string, columns: readonly string[]): (...values: Cell[]) => number {
    const stmt = this.db.prepare(
      `INSERT INTO ${q(table)} (id, ${columns.map(q).join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`,
    );
    return (...values: Cell[]) => {
      const id = this.nextId(table);
      stmt.run(id, ...values);
      this.counts[table] = (this.counts[table] ?? 0) + 1;
      return id;
    };
  }

  /** Inserts a row of a table without an id column (WITHOUT ROWID tables). */
  insertKeyed(table: string, row: Row): void {
    const keys = Object.keys(row);
    this.db
      .prepare(
        `INSERT INTO ${q(table)} (${keys.map(q).join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`,
      )
      .run(row);
    this.counts[table] = (this.counts[table] ?? 0) + 1;
  }

  update(sql: string, ...params: Cell[]): void {
    this.db.prepare(sql).run(...params);
  }

  /** Records an injected anomaly the plan must report: 'table.column:code'. */
  inject(label: string, key: number | bigint | string): void {
    (this.injected[label] ??= []).push(String(key));
  }

  format(column: string, format: TimeFormat): void {
    const f = (this.formats[column] ??= {});
    f[format] = (f[format] ?? 0) + 1;
  }

  fact(name: string, key: number | bigint | string): void {
    (this.facts[name] ??= []).push(String(key));
  }
}
