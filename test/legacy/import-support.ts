import Database from 'better-sqlite3';
import fs from 'node:fs';
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
