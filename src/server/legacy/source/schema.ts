/** What the legacy file actually contains: tables, their columns, declared types and defaults. */
import type Database from 'better-sqlite3';
import { lit } from '../catalog/sql.js';

export interface SourceColumn {
  name: string;
  declaredType: string;
  notNull: boolean;
  /** The DEFAULT expression as written in the DDL, or null. */
  defaultSql: string | null;
  primaryKey: boolean;
}

export interface SourceTable {
  name: string;
  columns: SourceColumn[];
  withoutRowid: boolean;
  sql: string | null;
}

export interface SourceSchema {
  tables: SourceTable[];
  views: string[];
  /** PRAGMA user_version (some apps version their schema with it). */
  userVersion: number;
  journalMode: string;
  pageSize: number;
  pageCount: number;
}

interface MasterRow {
  type: string;
  name: string;
  sql: string | null;
}

interface TableInfoRow {
  name: string;
  type: string;
  notnull: bigint | number;
  dflt_value: string | null;
  pk: bigint | number;
}

export function readSchema(db: Database.Database): SourceSchema {
  const master = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
        WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .all() as MasterRow[];
  const tables: SourceTable[] = master
    .filter((m) => m.type === 'table')
    .map((m) => {
      const info = db.prepare(`SELECT * FROM pragma_table_info(${lit(m.name)})`).all();
      const columns = (info as TableInfoRow[]).map((c) => ({
        name: c.name,
        declaredType: c.type,
        notNull: Number(c.notnull) === 1,
        defaultSql: c.dflt_value,
        primaryKey: Number(c.pk) > 0,
      }));
      return {
        name: m.name,
        columns,
        withoutRowid: /\bWITHOUT\s+ROWID\b/i.test(m.sql ?? ''),
        sql: m.sql,
      };
    });
  const pragma = (name: string) => db.pragma(name, { simple: true }) as unknown;
  return {
    tables,
    views: master.filter((m) => m.type === 'view').map((m) => m.name),
    userVersion: Number(pragma('user_version')),
    journalMode: String(pragma('journal_mode')),
    pageSize: Number(pragma('page_size')),
    pageCount: Number(pragma('page_count')),
  };
}

/** `table.column` exists in the file. */
export function hasColumn(schema: SourceSchema, table: string, column: string): boolean {
  return findTable(schema, table)?.columns.some((c) => c.name === column) ?? false;
}

export function findTable(schema: SourceSchema, table: string): SourceTable | undefined {
  return schema.tables.find((t) => t.name === table);
}

/** A DEFAULT that fills the column with the current UTC time (CURRENT_TIMESTAMP, datetime('now')). */
export function isUtcNowDefault(defaultSql: string | null): boolean {
  if (defaultSql === null) return false;
  const d = defaultSql
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/^\((.*)\)$/, '$1');
  if (d === 'current_timestamp' || d === "datetime('now')") return true;
  return /^strftime\('[^']*','now'\)$/.test(d);
}

/**
 * A DEFAULT that shifts the current time: datetime('now', '+2 hours') or 'localtime'. Returns the
 * modifier ('+2 hours'), or null.
 */
export function shiftedNowDefault(defaultSql: string | null): string | null {
  if (defaultSql === null) return null;
  const m = /'now'\s*,\s*'([+-]\s*\d+(?:\.\d+)?\s*hours?|localtime)'/i.exec(defaultSql);
  return m ? (m[1] ?? null) : null;
}
