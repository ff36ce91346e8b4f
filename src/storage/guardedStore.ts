/**
 * The part of a durable store that is the same on SQLite and Azure: documents and the audit
 * trail delegated to their implementations, every call through the store's own `guard` (which
 * turns that backend's failures into the store's errors).
 */
import type { AuditChainReader, ChainedAuditRecord } from './auditChain';
import type { AuditLog, AuditRecord, DocumentStore, PutOptions, StoredItem } from './types';

export abstract class GuardedStore implements DocumentStore, AuditLog, AuditChainReader {
  protected abstract readonly documents: DocumentStore;
  protected abstract readonly trail: AuditLog & AuditChainReader;
  protected abstract guard<R>(op: () => Promise<R>): Promise<R>;

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
    return this.guard(() => this.trail.append(record));
  }
  query(options?: { since?: string; action?: string; subject?: string; limit?: number; afterSeq?: number }): Promise<AuditRecord[]> {
    return this.guard(() => this.trail.query(options));
  }
  readChain(options: { afterSeq?: number; limit?: number } = {}): Promise<ChainedAuditRecord[]> {
    return this.guard(() => this.trail.readChain(options));
  }
}
