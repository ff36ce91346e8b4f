/**
 * An in-memory DocumentStore with ETags: the backend's fallback when createBackend gets no store
 * (exactly-once then holds within one process only), and a convenience for unit tests.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, type DocumentStore, type PutOptions, type StoredItem } from '../../storage/types';

export class MemoryDocumentStore implements DocumentStore {
  private readonly items = new Map<string, { value: unknown; etag: string }>();

  private static key(collection: string, key: string): string {
    return `${collection}\u0000${key}`;
  }

  async get<T>(collection: string, key: string): Promise<StoredItem<T> | undefined> {
    const item = this.items.get(MemoryDocumentStore.key(collection, key));
    return item ? { value: structuredClone(item.value) as T, etag: item.etag } : undefined;
  }

  async put<T>(collection: string, key: string, value: T, options: PutOptions = {}): Promise<string> {
    const k = MemoryDocumentStore.key(collection, key);
    const current = this.items.get(k);
    if (options.ifNoneMatch === '*' && current) throw new ConflictError(`${collection}/${key} exists`);
    if (options.ifMatch !== undefined && current?.etag !== options.ifMatch) throw new ConflictError(`${collection}/${key} changed`);
    const etag = randomUUID();
    this.items.set(k, { value: structuredClone(value), etag });
    return etag;
  }

  async delete(collection: string, key: string, options: { ifMatch?: string } = {}): Promise<boolean> {
    const k = MemoryDocumentStore.key(collection, key);
    const current = this.items.get(k);
    if (options.ifMatch !== undefined && current?.etag !== options.ifMatch) throw new ConflictError(`${collection}/${key} changed`);
    return this.items.delete(k);
  }

  async list<T>(collection: string, options: { prefix?: string; after?: string; limit?: number } = {}): Promise<Array<{ key: string } & StoredItem<T>>> {
    const out: Array<{ key: string } & StoredItem<T>> = [];
    const keys = [...this.items.keys()].filter((k) => k.startsWith(`${collection}\u0000`)).map((k) => k.slice(collection.length + 1)).sort();
    for (const key of keys) {
      if (options.prefix !== undefined && !key.startsWith(options.prefix)) continue;
      if (options.after !== undefined && key <= options.after) continue;
      const item = await this.get<T>(collection, key);
      if (item) out.push({ key, ...item });
      if (out.length >= (options.limit ?? 1000)) break;
    }
    return out;
  }
}

/** The same store with one collection renamed (the backend keeps its own rate-limit windows). */
export function renameCollection(store: DocumentStore, from: string, to: string): DocumentStore {
  const map = (c: string) => (c === from ? to : c);
  return {
    get: (c, k) => store.get(map(c), k),
    put: (c, k, v, o) => store.put(map(c), k, v, o),
    delete: (c, k, o) => store.delete(map(c), k, o),
    list: (c, o) => store.list(map(c), o),
  };
}

/** Duck-typing: the SqliteStore passed as `audit` is a DocumentStore too. */
export function asDocumentStore(x: unknown): DocumentStore | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as Record<string, unknown>;
  return ['get', 'put', 'delete', 'list'].every((m) => typeof o[m] === 'function') ? (x as DocumentStore) : undefined;
}
