import Database from 'better-sqlite3';
import fs from 'node:fs';
import type pg from 'pg';
import { decisionsFor } from '../../src/server/legacy/import/cli-support.js';
import { importLegacy } from '../../src/server/legacy/import/importer.js';
import { silentProgress } from '../../src/server/legacy/import/progress.js';
import type { ImportReport } from '../../src/server/legacy/import/report.js';
import { LegacySource, type OpenOptions } from '../../src/server/legacy/source/open.js';
import type { TimeBase } from '../../src/server/legacy/values/index.js';
import os from 'node:os';
import path from 'node:path';

/** A legacy production.db written by hand (the documented snapshot's DDL), for small cases. */
export const SNAPSHOT_DDL = `
CREATE TABLE machines (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, environment TEXT NOT NULL, status TEXT DEFAULT 'available', last_maintenance DATETIME, next_maintenance DATETIME, capacity INTEGER, efficiency_rating REAL DEFAULT 100.0);
CREATE TABLE operators (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, department TEXT, shift TEXT);
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL, email TEXT UNIQUE NOT NULL, role TEXT DEFAULT 'operator', created_at DATETIME DEFAULT CURRENT_TIMESTAMP, last_login DATETIME, is_active BOOLEAN DEFAULT 1);
CREATE TABLE production_orders (id INTEGER PRIMARY KEY AUTOINCREMENT, order_number TEXT UNIQUE NOT NULL, product_name TEXT NOT NULL, quantity INTEGER NOT NULL, environment TEXT NOT NULL, priority TEXT DEFAULT 'normal', due_date DATE, notes TEXT, status TEXT DEFAULT 'pending', machine_id INTEGER, operator_id INTEGER, start_time DATETIME, stop_time DATETIME, complete_time DATETIME, actual_quantity INTEGER, stop_reason TEXT, created_by INTEGER, efficiency_percentage REAL, end_time DATETIME);
CREATE TABLE production_events (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER, event_type TEXT NOT NULL, description TEXT, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE production_stops (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL, start_time DATETIME DEFAULT CURRENT_TIMESTAMP, end_time DATETIME, reason TEXT NOT NULL, category TEXT, notes TEXT, reported_by INTEGER);
CREATE TABLE downtime_events (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER, machine_id INTEGER, start_time DATETIME NOT NULL, end_time DATETIME, reason_code TEXT, root_cause TEXT, notes TEXT);
CREATE TABLE reason_codes (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL, description TEXT);
CREATE TABLE waste_records (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL, waste_amount REAL NOT NULL, reason TEXT, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE quality_checks (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL, check_type TEXT, result TEXT, notes TEXT, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER, action TEXT NOT NULL, entity_type TEXT, entity_id INTEGER, old_values TEXT, new_values TEXT, ip_address TEXT, user_agent TEXT, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE notifications (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, event_type TEXT NOT NULL);
CREATE TABLE notification_preferences (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, event_type TEXT NOT NULL, email_enabled BOOLEAN DEFAULT 1, push_enabled BOOLEAN DEFAULT 0, UNIQUE(user_id, event_type));
`;

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'shopfloor-legacy-test-'));
}

/** Creates a file with the snapshot DDL and runs `sql` in it. */
export function handMadeLegacyDb(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(SNAPSHOT_DDL);
  db.exec(sql);
  db.close();
}

export interface Dumped {
  /** table → its rows as JSON text (ordered), with the import's start time replaced by EPOCH. */
  [table: string]: string;
}

/** Tables whose content a legacy import decides (bookkeeping columns that vary left out). */
const DUMPED: [string, string][] = [
  ['environments', '*'],
  ['machine_types', '*'],
  ['machines', '*'],
  ['employees', '*'],
  ['users', '*'],
  ['stop_reasons', '*'],
  ['production_orders', '*'],
  ['order_events', '*'],
  ['stops', '*'],
  ['waste', '*'],
  ['audit_log', '*'],
  ['maturation_batches', '*'],
  ['maturation_checks', '*'],
  ['labour_assignments', '*'],
  ['attendance', '*'],
  ['legacy_row_map', '*'],
  [
    'legacy_quarantine',
    'source_table, source_key, raw, reason, action, cleared_columns, target_table, target_id',
  ],
  [
    'legacy_checkpoints',
    'source_table, last_key, done, source_rows, imported, quarantined, cleared, merged',
  ],
];

/** The table's columns except one (updated_at: when Shopfloor last changed the row). */
async function columnsBut(pool: pg.Pool, table: string, skip: string): Promise<string> {
  const [schema, name] = table.includes('.') ? table.split('.') : ['public', table];
  const r = await pool.query<{ c: string }>(
    `select quote_ident(column_name) as c from information_schema.columns
     where table_schema = $1 and table_name = $2 and column_name <> $3 order by ordinal_position`,
    [schema, name!.replace(/"/g, ''), skip],
  );
  return r.rows.map((x) => x.c).join(', ');
}

/**
 * Everything an import (or sync) wrote, table by table, for comparing two databases; updated_at
 * (set by sync when it changes a row) and run bookkeeping are left out.
 */
export async function dumpDatabase(pool: pg.Pool): Promise<Dumped> {
  const out: Dumped = {};
  const epoch = await pool.query<{ e: string }>(
    `select to_json(started_at)::text as e from legacy_runs where kind = 'import'`,
  );
  const e = epoch.rows[0]?.e.replace(/^"|"$/g, '') ?? '\u0000';
  const legacy = await pool.query<{ t: string }>(
    `select table_name as t from information_schema.tables where table_schema = 'legacy' order by 1`,
  );
  const tables = [...DUMPED, ...legacy.rows.map((r): [string, string] => [`legacy."${r.t}"`, '*'])];
  for (const [table, spec] of tables) {
    const cols = spec === '*' ? await columnsBut(pool, table, 'updated_at') : spec;
    const where =
      table === 'legacy_checkpoints'
        ? ` where run_id = (select id from legacy_runs where kind = 'import')`
        : '';
    const r = await pool.query<{ j: string }>(
      `select coalesce(json_agg(x order by x::text)::text, '[]') as j
       from (select ${cols} from ${table}${where}) x`,
    );
    out[table] = r.rows[0]!.j.split(e).join('EPOCH');
  }
  // The new model's indexes and constraints (a bulk load sets some aside and puts them back).
  const schema = await pool.query<{ x: string }>(
    `select indexdef as x from pg_indexes where schemaname = 'public'
     union all
     select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
       || ' ' || convalidated from pg_constraint where connamespace = 'public'::regnamespace
     order by 1`,
  );
  out['(indexes and constraints)'] = schema.rows.map((r) => r.x).join('\n');
  return out;
}

/** Imports `file` in this process (as `legacy import` does) on a dedicated connection. */
export async function importFile(
  pool: pg.Pool,
  file: string,
  o: {
    batchSize?: number;
    plantZone?: string;
    timeBases?: Map<string, TimeBase>;
    lanes?: boolean;
  } = {},
): Promise<ImportReport> {
  const source = await LegacySource.open(file);
  const client = await pool.connect();
  try {
    const decisions = decisionsFor(
      source,
      o.plantZone ?? 'Africa/Johannesburg',
      o.timeBases ?? new Map(),
    );
    return await importLegacy(client, source, {
      decisions,
      batchSize: o.batchSize ?? 1000,
      progress: silentProgress,
      connect: () => pool.connect(),
      lanes: o.lanes,
    });
  } finally {
    client.release();
    source.close();
  }
}

/** Runs `fn` with the file opened as a snapshot and a dedicated connection. */
export async function withSource<T>(
  pool: pg.Pool,
  file: string,
  fn: (source: LegacySource, client: pg.PoolClient) => Promise<T>,
  o: OpenOptions = {},
): Promise<T> {
  const source = await LegacySource.open(file, o);
  const client = await pool.connect();
  try {
    return await fn(source, client);
  } finally {
    client.release();
    source.close();
  }
}
