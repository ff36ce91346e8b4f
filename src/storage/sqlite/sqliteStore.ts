/**
 * The default durable store: one SQLite file holding documents (with ETags), the audit trail and
 * botbuilder state. One connection per SqliteStore; several stores (or processes) may open the
 * same file: WAL lets readers run beside the single writer, busy_timeout queues writers.
 */
import { GuardedStore } from '../guardedStore';
import type Database from 'better-sqlite3';
import { systemClock, type Clock } from '../../shared/clock';
import type { DurableStore } from '../types';
import { SqliteAuditLog } from './auditLog';
import { SqliteBotStorage } from './botStorage';
import { SqliteDocumentStore } from './documentStore';
import { SqliteFollowerStore } from './followerStore';
import { openDatabase } from './openDatabase';

export interface SqliteStoreOptions {
  clock?: Clock;
  busyTimeoutMs?: number;
}

export class SqliteStore extends GuardedStore implements DurableStore {
  protected readonly documents: SqliteDocumentStore;
  protected readonly trail: SqliteAuditLog;
  private bot: SqliteBotStorage | undefined;
  private followerStore: SqliteFollowerStore | undefined;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    super();
    this.documents = new SqliteDocumentStore(db, clock);
    this.trail = new SqliteAuditLog(db, clock);
  }

  /** The seq the hash chain starts at (1 unless the file predates chaining). */
  chainStart(): Promise<number> {
    return this.guard(async () => this.trail.chainStart());
  }

  /** botbuilder `Storage` on this same file (for teams-ai `Application({ storage })`). */
  botStorage(): SqliteBotStorage {
    if (this.closed) throw new Error('SqliteStore is closed');
    this.bot ??= new SqliteBotStorage(this.db, this.clock);
    return this.bot;
  }

  /** The backend followers' tables on this same file (created on first use). */
  followers(): SqliteFollowerStore {
    if (this.closed) throw new Error('SqliteStore is closed');
    this.followerStore ??= new SqliteFollowerStore(this.db);
    return this.followerStore;
  }

  /** Closes the connection; idempotent. Later calls reject. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  protected async guard<R>(op: () => Promise<R>): Promise<R> {
    if (this.closed) throw new Error('SqliteStore is closed');
    return op();
  }
}

/** Opens (creating directories and migrating the schema as needed) the SQLite store at `path`. */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const db = openDatabase(path, { busyTimeoutMs: opts.busyTimeoutMs });
  return new SqliteStore(path, db, opts.clock ?? systemClock);
}
