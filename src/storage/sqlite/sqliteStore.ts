/**
 * The default durable store: one SQLite file holding documents (with ETags), the audit trail and
 * botbuilder state. One connection per SqliteStore; several stores (or processes) may open the
 * same file: WAL lets readers run beside the single writer, busy_timeout queues writers.
 */
import type Database from 'better-sqlite3';
import { systemClock, type Clock } from '../../shared/clock';
import type { AuditRecord, DurableStore, PutOptions, StoredItem } from '../types';
import type { AuditChainReader, ChainedAuditRecord } from '../auditChain';
import { SqliteAuditLog } from './auditLog';
import { SqliteBotStorage } from './botStorage';
import { SqliteDocumentStore } from './documentStore';
import { SqliteFollowerStore } from './followerStore';
import { openDatabase } from './openDatabase';

export interface SqliteStoreOptions {
  clock?: Clock;
  busyTimeoutMs?: number;
}

export class SqliteStore implements DurableStore, AuditChainReader {
  private readonly documents: SqliteDocumentStore;
  private readonly audit: SqliteAuditLog;
  private bot: SqliteBotStorage | undefined;
  private followerStore: SqliteFollowerStore | undefined;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.documents = new SqliteDocumentStore(db, clock);
    this.audit = new SqliteAuditLog(db, clock);
  }

  get<T>(collection: string, key: string): Promise<StoredItem<T> | undefined> {
    return this.guard(() => this.documents.get<T>(collection, key));
  }
  put<T>(collection: string, key: string, value: T, options?: PutOptions): Promise<string> {
    return this.guard(() => this.documents.put(collection, key, value, options));
  }
  delete(collection: string, key: string, options?: { ifMatch?: string }): Promise<boolean> {
    return this.guard(() => this.documents.delete(collection, key, options));
  }
  list<T>(collection: string, options?: { prefix?: string; after?: string; limit?: number }): Promise<Array<{ key: string } & StoredItem<T>>> {
    return this.guard(() => this.documents.list<T>(collection, options));
  }
  append(record: AuditRecord): Promise<AuditRecord> {
    return this.guard(() => this.audit.append(record));
  }
  query(options?: { since?: string; action?: string; subject?: string; limit?: number; afterSeq?: number }): Promise<AuditRecord[]> {
    return this.guard(() => this.audit.query(options));
  }

  readChain(options: { afterSeq?: number; limit?: number } = {}): Promise<ChainedAuditRecord[]> {
    return this.guard(() => this.audit.readChain(options));
  }
  /** The seq the hash chain starts at (1 unless the file predates chaining). */
  chainStart(): Promise<number> {
    return this.guard(async () => this.audit.chainStart());
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

  private async guard<R>(op: () => Promise<R>): Promise<R> {
    if (this.closed) throw new Error('SqliteStore is closed');
    return op();
  }
}

/** Opens (creating directories and migrating the schema as needed) the SQLite store at `path`. */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const db = openDatabase(path, { busyTimeoutMs: opts.busyTimeoutMs });
  return new SqliteStore(path, db, opts.clock ?? systemClock);
}
