/**
 * Opens a legacy production.db for reading, as a consistent snapshot, even while the legacy app
 * keeps writing to it, and without ever writing to it:
 * - the file is opened read-only (`readonly`, `fileMustExist`), integers as BigInt
 *   (`defaultSafeIntegers`) so values past 2^53 survive, with a busy timeout;
 * - WAL files: one read transaction (BEGIN + a first read) on the file itself. Readers never
 *   block the legacy writer and every later query sees the same snapshot;
 * - rollback-journal files (DELETE, TRUNCATE, PERSIST…): a long read transaction would block the
 *   legacy app's commits, so the file is first copied page by page with SQLite's backup API in a
 *   single step (a consistent copy, the writer waits only for the copy) into a private temporary
 *   file, and everything is read from the copy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LegacySourceError } from './errors.js';
import { readSchema, type SourceSchema } from './schema.js';

export type SnapshotMethod = 'read-transaction' | 'backup-copy';

export interface OpenOptions {
  /** auto: read-transaction for WAL files, backup-copy otherwise. */
  snapshot?: 'auto' | SnapshotMethod;
  /** How long to wait for a lock held by the legacy app (default 30 s). */
  busyTimeoutMs?: number;
  /** Where the backup copy goes (default the OS temporary directory). */
  tempDir?: string;
  /**
   * Leave the backup copy on disk until unshare() (or close()), so other connections (worker
   * threads) can open the same snapshot. Default: removed at once (see removeOpenCopy).
   */
  share?: boolean;
}

export interface SnapshotInfo {
  method: SnapshotMethod;
  /** The source's journal mode when opened ('wal', 'delete', …). */
  journalMode: string;
  takenAt: Date;
  /** The source file's size and modification time when opened. */
  sourceBytes: number;
  sourceMtimeMs: number;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function checkFile(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new LegacySourceError('missing', `no such file: ${file}`);
    }
    throw new LegacySourceError('unreadable', `cannot read ${file} (${code ?? String(e)})`);
  }
  if (stat.isDirectory())
    throw new LegacySourceError('missing', `${file} is a directory, not a file`);
  const head = Buffer.alloc(16);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const n = fs.readSync(fd, head, 0, 16, 0);
    if (n < 16 || !head.equals(SQLITE_MAGIC)) {
      throw new LegacySourceError('not-sqlite', `${file} is not a SQLite database`);
    }
  } catch (e) {
    if (e instanceof LegacySourceError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new LegacySourceError('unreadable', `cannot read ${file} (${code ?? String(e)})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return stat;
}

/** Translates SQLite errors into one clear line. */
export function sourceError(file: string, e: unknown): Error {
  if (e instanceof LegacySourceError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new LegacySourceError('not-sqlite', `${file} is not a SQLite database (or is damaged)`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new LegacySourceError(
      'unreadable',
      `${file} stayed locked by another program longer than the busy timeout`,
    );
  }
  if (code.startsWith('SQLITE_')) {
    return new LegacySourceError('unreadable', `cannot read ${file}: ${(e as Error).message}`);
  }
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Removes the private copy while it is open: the connection keeps reading it (POSIX keeps an
 * unlinked file until its last descriptor closes) and nothing is left behind, even after a
 * kill -9. Where that is not possible (Windows), close() removes it. A copy opened with `share`
 * stays until unshare(): a kill -9 in that moment (sync starting its workers) leaves it in the
 * temporary directory, named shopfloor-legacy-*.
 */
function removeOpenCopy(dir: string): boolean {
  try {
    fs.rmSync(dir, { recursive: true });
    return true;
  } catch {
    return false;
  }
}

/** Errors a busy writer causes for a moment (a lock, its journal appearing and going). */
function transient(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR)/.test(code);
}

/**
 * Copies the database with the backup API: after a first empty step, every page in one step
 * while holding one read lock, so the copy is consistent. SQLite's busy handler sleeps up to
 * 100 ms at a time and starves behind a writer that commits back to back; instead a busy step is
 * retried at once (better-sqlite3 reschedules it) and other transient errors restart the copy,
 * until the deadline.
 */
async function backupWithRetry(db: Database.Database, copy: string, deadline: number) {
  db.pragma('busy_timeout = 0');
  for (;;) {
    try {
      await db.backup(copy, {
        progress: () => {
          if (Date.now() > deadline) {
            throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
          }
          return 0x7fffffff;
        },
      });
      return;
    } catch (e) {
      if (!transient(e) || Date.now() > deadline) throw e;
      fs.rmSync(copy, { force: true });
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}

function openReadOnly(file: string, busyTimeoutMs: number): Database.Database {
  // better-sqlite3's `timeout` is the busy timeout; 0 turns SQLite's busy handler off.
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  db.defaultSafeIntegers(true);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  return db;
}

/** A consistent, read-only view of one legacy file. Close it when done. */
export class LegacySource {
  private closed = false;

  private constructor(
    readonly file: string,
    readonly db: Database.Database,
    readonly snapshot: SnapshotInfo,
    readonly schema: SourceSchema,
    private copyDir: string | null,
  ) {}

  /**
   * The snapshot's file for other connections, while shared (a backup copy opened with `share`);
   * null otherwise (a read transaction on the file itself cannot be shared).
   */
  get sharedPath(): string | null {
    return this.copyDir ? path.join(this.copyDir, 'snapshot.db') : null;
  }

  /** Removes the shared copy from the disk; connections already reading it go on doing so. */
  unshare(): void {
    if (this.copyDir && removeOpenCopy(this.copyDir)) this.copyDir = null;
  }

  static async open(file: string, o: OpenOptions = {}): Promise<LegacySource> {
    const stat = checkFile(file);
    const busy = o.busyTimeoutMs ?? 30_000;
    const deadline = Date.now() + busy;
    for (;;) {
      try {
        return await LegacySource.attempt(file, stat, busy, deadline, o);
      } catch (e) {
        // A writer committing back to back makes its journal appear and vanish under a reader
        // (SQLITE_CANTOPEN, SQLITE_BUSY…): try again until the busy timeout is used up.
        if (!transient(e) || Date.now() > deadline) throw sourceError(file, e);
        await new Promise((r) => setTimeout(r, 2));
      }
    }
  }

  private static async attempt(
    file: string,
    stat: fs.Stats,
    busy: number,
    deadline: number,
    o: OpenOptions,
  ): Promise<LegacySource> {
    let db: Database.Database | undefined;
    let copyDir: string | null = null;
    try {
      // No busy wait inside SQLite here (its handler sleeps up to 100 ms and starves behind a
      // writer that commits back to back): a busy moment fails fast and open() retries at once.
      db = openReadOnly(file, 0);
      const journalMode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
      const method: SnapshotMethod =
        o.snapshot === undefined || o.snapshot === 'auto'
          ? journalMode === 'wal'
            ? 'read-transaction'
            : 'backup-copy'
          : o.snapshot;
      const takenAt = new Date();
      if (method === 'backup-copy') {
        copyDir = fs.mkdtempSync(path.join(o.tempDir ?? os.tmpdir(), 'shopfloor-legacy-'));
        const copy = path.join(copyDir, 'snapshot.db');
        await backupWithRetry(db, copy, deadline);
        db.close();
        db = openReadOnly(copy, busy);
      } else {
        db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busy))}`);
      }
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      if (copyDir && !o.share && removeOpenCopy(copyDir)) copyDir = null;
      const schema = readSchema(db);
      schema.journalMode = journalMode;
      const snapshot = {
        method,
        journalMode,
        takenAt,
        sourceBytes: stat.size,
        sourceMtimeMs: stat.mtimeMs,
      };
      return new LegacySource(file, db, snapshot, schema, copyDir);
    } catch (e) {
      if (db?.open) db.close();
      if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
      throw e;
    }
  }

  /** Rows of a query, one at a time (the connection is busy until the iterator is done). */
  iterate<T = Record<string, unknown>>(sql: string, ...params: unknown[]): IterableIterator<T> {
    return this.db.prepare(sql).iterate(...params) as IterableIterator<T>;
  }

  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined {
    return this.db.prepare(sql).get(...params) as T | undefined;
  }

  /** Ends the read transaction and removes the temporary copy, if any. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    } finally {
      this.db.close();
      if (this.copyDir) fs.rmSync(this.copyDir, { recursive: true, force: true });
    }
  }
}
