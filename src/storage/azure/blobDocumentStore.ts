/**
 * DocumentStore on Azure Blob Storage: one block blob per document, the blob's ETag is the
 * document's ETag. Conditional writes are conditional HTTP requests (If-Match, If-None-Match: *),
 * so the service decides the race: 412 (condition failed) and 409 (blob exists) are ConflictError.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { AppError } from '../../shared/errors';
import { ConflictError, type DocumentStore, type PutOptions, type StoredItem } from '../types';
import { statusOf } from './errors';
import { blobName, checkName, collectionPrefix, hex, keyOf } from './names';

const MAX_LIST_LIMIT = 10000;
/** Parallel GETs when a list page is materialised. */
const LIST_CONCURRENCY = 16;

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function serialise(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new AppError('bad_request', 'document value is not JSON-serialisable', { expected: false });
  return json;
}

export class BlobDocumentStore implements DocumentStore {
  constructor(private readonly container: ContainerClient) {}

  async get<T>(collection: string, key: string): Promise<StoredItem<T> | undefined> {
    checkName('collection', collection, 200);
    checkName('key', key, 1024);
    try {
      const res = await this.container.getBlobClient(blobName(collection, key)).download();
      const text = await readAll(res.readableStreamBody);
      if (!res.etag) throw new Error('Azure Storage returned no ETag');
      return { value: JSON.parse(text) as T, etag: res.etag };
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  async put<T>(collection: string, key: string, value: T, options: PutOptions = {}): Promise<string> {
    checkName('collection', collection, 200);
    checkName('key', key, 1024);
    if (options.ifNoneMatch === '*' && options.ifMatch !== undefined) {
      throw new AppError('bad_request', 'ifMatch and ifNoneMatch cannot be combined', { expected: false });
    }
    const body = Buffer.from(serialise(value), 'utf8');
    const conditions = options.ifNoneMatch === '*' ? { ifNoneMatch: '*' } : options.ifMatch !== undefined ? { ifMatch: options.ifMatch } : {};
    try {
      const res = await this.container.getBlockBlobClient(blobName(collection, key)).upload(body, body.length, {
        conditions,
        blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
      });
      if (!res.etag) throw new Error('Azure Storage returned no ETag');
      return res.etag;
    } catch (e) {
      const status = statusOf(e);
      if (status === 412 || status === 409) throw new ConflictError(`${collection}/${key} ${options.ifNoneMatch ? 'already exists' : 'was changed or deleted since it was read'}`);
      // If-Match on a blob that does not exist: the service may answer 404 rather than 412.
      if (status === 404 && options.ifMatch !== undefined) throw new ConflictError(`${collection}/${key} was deleted since it was read`);
      throw e;
    }
  }

  /** A missing key returns false (even with ifMatch); a present key whose ETag differs is a conflict. */
  async delete(collection: string, key: string, options: { ifMatch?: string } = {}): Promise<boolean> {
    checkName('collection', collection, 200);
    checkName('key', key, 1024);
    try {
      await this.container.getBlobClient(blobName(collection, key)).delete(options.ifMatch !== undefined ? { conditions: { ifMatch: options.ifMatch } } : {});
      return true;
    } catch (e) {
      const status = statusOf(e);
      if (status === 404) return false;
      if (status !== 412) throw e;
    }
    // 412 also answers If-Match on a blob that does not exist (Azurite): missing is `false`, as in SQLite.
    if ((await this.get(collection, key)) === undefined) return false;
    throw new ConflictError(`${collection}/${key} was changed since it was read`);
  }

  /**
   * Keys in key order. Listing returns names only, so each document of the page is then read
   * (bounded parallelism); one deleted in between is skipped, and its value and ETag come from the
   * same read, so they always match.
   */
  async list<T>(collection: string, options: { prefix?: string; after?: string; limit?: number } = {}): Promise<Array<{ key: string } & StoredItem<T>>> {
    checkName('collection', collection, 200);
    const limit = options.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new AppError('bad_request', `limit must be an integer between 1 and ${MAX_LIST_LIMIT}`, { expected: false });
    }
    const keys: string[] = [];
    const after = options.after;
    const startFrom = after !== undefined && after !== '' ? `${collectionPrefix(collection)}${hex(after)}` : undefined;
    const iter = this.container
      .listBlobsFlat({ prefix: `${collectionPrefix(collection)}${hex(options.prefix ?? '')}`, ...(startFrom ? { startFrom } : {}) })
      .byPage({ maxPageSize: Math.min(5000, limit + 1) });
    outer: for await (const page of iter) {
      for (const item of page.segment.blobItems) {
        const key = keyOf(collection, item.name);
        // startFrom is inclusive (and older services ignore it): filter here too.
        if (key === undefined || (after !== undefined && Buffer.compare(Buffer.from(key, 'utf8'), Buffer.from(after, 'utf8')) <= 0)) continue;
        keys.push(key);
        if (keys.length >= limit) break outer;
      }
    }
    const out: Array<({ key: string } & StoredItem<T>) | undefined> = new Array(keys.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < keys.length; i = next++) {
        const key = keys[i];
        if (key === undefined) continue;
        const item = await this.get<T>(collection, key);
        out[i] = item ? { key, ...item } : undefined;
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, keys.length) }, worker));
    return out.filter((x): x is { key: string } & StoredItem<T> => x !== undefined);
  }
}
