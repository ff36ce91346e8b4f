/** Opens a better-sqlite3 connection with the settings every store connection shares. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './schema';

export interface OpenDatabaseOptions {
  /** How long a writer waits for another connection's lock before SQLITE_BUSY (ms). */
  busyTimeoutMs?: number;
}

export function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '';
}

export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Database.Database {
  if (!isMemoryPath(path)) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // busy_timeout first: switching to WAL and migrating may meet another connection's lock.
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    if (!isMemoryPath(path)) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
