/**
 * The store contract (SQLite by default, Azure Storage for scale-out in a later issue).
 * Optimistic concurrency with ETags: every write may be conditional, and a lost race is a
 * `ConflictError`, never a silent overwrite.
 */

export interface StoredItem<T> {
  value: T;
  etag: string;
}

export interface PutOptions {
  /** Write only if the current ETag matches (update of a read item). */
  ifMatch?: string;
  /** `'*'`: write only if the key does not exist (create). */
  ifNoneMatch?: '*';
}

/** A namespaced JSON document collection ("approvals", "check-tokens", "conversation-refs", ...). */
export interface DocumentStore {
  get<T>(collection: string, key: string): Promise<StoredItem<T> | undefined>;
  /** Returns the new ETag. Throws ConflictError when a condition fails. */
  put<T>(collection: string, key: string, value: T, options?: PutOptions): Promise<string>;
  /** Returns true when something was deleted. Throws ConflictError when `ifMatch` fails. */
  delete(collection: string, key: string, options?: { ifMatch?: string }): Promise<boolean>;
  /** Keys in key order, optionally starting with `prefix`; `limit` default 1000, `after` for paging. */
  list<T>(collection: string, options?: { prefix?: string; after?: string; limit?: number }): Promise<Array<{ key: string } & StoredItem<T>>>;
}

/** Append-only audit trail. Records are never updated or deleted. */
export interface AuditRecord {
  /** Assigned by the store: monotonically increasing within one store. */
  seq?: number;
  at: string;
  /** e.g. `diagnosis`, `device.deleted`, `tap.requested`, `tap.approved`, `tap.issued`, `tap.redacted`. */
  action: string;
  /** Who did it (object id or `system`). */
  actor: string;
  /** Whom it concerns (object id), when any. */
  subject?: string;
  /** Free-form, plain data. Never a TAP, token or secret. */
  details?: Record<string, unknown>;
  correlationId?: string;
}

export interface AuditLog {
  append(record: AuditRecord): Promise<AuditRecord>;
  /** Oldest first (by seq). `afterSeq` pages: only records with a larger seq (optional for implementations; SQLite honours it). */
  query(options?: { since?: string; action?: string; subject?: string; limit?: number; afterSeq?: number }): Promise<AuditRecord[]>;
}

/** A store that is both, and can be closed (SQLite by default; Azure Storage later). */
export interface DurableStore extends DocumentStore, AuditLog {
  close(): void | Promise<void>;
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
