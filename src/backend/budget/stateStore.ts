/**
 * Where bucket state lives. In memory for one instance; in the DocumentStore (SQLite file, or the
 * Azure Blob store with ETags) when several instances share a tenant's budgets: every take is a
 * read-modify-write guarded by the record's ETag, retried when another instance won the race.
 */
import { ConflictError, type DocumentStore } from '../../storage/types';
import type { BucketState } from './bucketMath';

export interface BucketStateStore {
  /** Applies `update` atomically to the state under `key`; `state: undefined` writes nothing. */
  transact<R>(key: string, update: (current: BucketState) => { state?: BucketState; result: R }): Promise<R>;
}

export class MemoryBucketStore implements BucketStateStore {
  private readonly states = new Map<string, BucketState>();

  transact<R>(key: string, update: (current: BucketState) => { state?: BucketState; result: R }): Promise<R> {
    const out = update(this.states.get(key) ?? {});
    if (out.state) this.states.set(key, out.state);
    return Promise.resolve(out.result);
  }
}

export const BUDGET_COLLECTION = 'graph-budget';
const MAX_ATTEMPTS = 20;

export class DocumentBucketStore implements BucketStateStore {
  /** One in-process writer per key: instances race, this instance's callers queue. */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly documents: DocumentStore) {}

  transact<R>(key: string, update: (current: BucketState) => { state?: BucketState; result: R }): Promise<R> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(
      () => this.attempt(key, update),
      () => this.attempt(key, update),
    );
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    }).catch(() => undefined);
    return next;
  }

  private async attempt<R>(key: string, update: (current: BucketState) => { state?: BucketState; result: R }): Promise<R> {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const item = await this.documents.get<BucketState>(BUDGET_COLLECTION, key);
      const out = update(item?.value ?? {});
      if (!out.state) return out.result;
      try {
        await this.documents.put(BUDGET_COLLECTION, key, out.state, item ? { ifMatch: item.etag } : { ifNoneMatch: '*' });
        return out.result;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    throw new ConflictError(`the shared budget record ${key} kept changing under us`);
  }
}
