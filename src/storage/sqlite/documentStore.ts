/**
 * DocumentStore on SQLite. Every conditional write is ONE statement (INSERT .. ON CONFLICT DO
 * NOTHING, UPDATE .. WHERE etag = ?), so it is atomic across connections and processes: SQLite
 * serialises writers, and the condition is evaluated under the write lock.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import { ConflictError, type DocumentStore, type PutOptions, type StoredItem } from '../types';
import { newEtag } from './etag';

const MAX_LIST_LIMIT = 10000;

interface Row {
  key: string;
  value: string;
  etag: string;
}

function checkName(what: string, s: string, max: number): void {
  if (typeof s !== 'string' || s.length === 0 || s.length > max) {
    throw new AppError('bad_request', `${what} must be a non-empty string of at most ${max} characters`, { expected: false });
  }
}

function serialise(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new AppError('bad_request', 'document value is not JSON-serialisable', { expected: false });
  return json;
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly stmts;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.stmts = {
      get: db.prepare<[string, string], Row>('SELECT key, value, etag FROM documents WHERE collection = ? AND key = ?'),
      insert: db.prepare(
        'INSERT INTO documents (collection, key, value, etag, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (collection, key) DO NOTHING',
      ),
      upsert: db.prepare(
        `INSERT INTO documents (collection, key, value, etag, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (collection, key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
      ),
      update: db.prepare('UPDATE documents SET value = ?, etag = ?, updated_at = ? WHERE collection = ? AND key = ? AND etag = ?'),
      delete: db.prepare('DELETE FROM documents WHERE collection = ? AND key = ?'),
      deleteIf: db.prepare('DELETE FROM documents WHERE collection = ? AND key = ? AND etag = ?'),
      exists: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM documents WHERE collection = ? AND key = ?'),
      list: db.prepare<[string, string, string, string, string, number], Row>(
        `SELECT key, value, etag FROM documents
         WHERE collection = ? AND key > ? AND key >= ? AND (? = '' OR instr(key, ?) = 1)
         ORDER BY key LIMIT ?`,
      ),
    };
  }

  async get<T>(collection: string, key: string): Promise<StoredItem<T> | undefined> {
    checkName('collection', collection, 200);
    checkName('key', key, 1024);
    const row = this.stmts.get.get(collection, key);
    return row ? { value: JSON.parse(row.value) as T, etag: row.etag } : undefined;
  }

  async put<T>(collection: string, key: string, value: T, options: PutOptions = {}): Promise<string> {
    checkName('collection', collection, 200);
    checkName('key', key, 1024);
    const json = serialise(value);
    const etag = newEtag();
    const at = this.clock.now().toISOString();
    if (options.ifNoneMatch === '*' && options.ifMatch !== undefined) {
      throw new AppError('bad_request', 'ifMatch and ifNoneMatch cannot be combined', { expected: false });
    }
    if (options.ifNoneMatch === '*') {
      if (this.stmts.insert.run(collection, key, json, etag, at).changes === 0) {
        throw new ConflictError(`${collection}/${key} already exists`);
      }
    } else if (options.ifMatch !== undefined) {
      if (this.stmts.update.run(json, etag, at, collection, key, options.ifMatch).changes === 0) {
        throw new ConflictError(`${collection}/${key} was changed or deleted since it was read`);
      }
    } else {
      this.stmts.upsert.run(collection, key, json, etag, at);
    }
    return etag;
  }

  /** A missing key returns false (even with ifMatch); a present key whose ETag differs is a conflict. */
  async delete(collection: string, key: string, options: { ifMatch?: string } = {}): Promise<boolean> {
    checkName('collection', collection, 200);
    checkName('key', key, 1024);
    if (options.ifMatch === undefined) return this.stmts.delete.run(collection, key).changes > 0;
    if (this.stmts.deleteIf.run(collection, key, options.ifMatch).changes > 0) return true;
    if (this.stmts.exists.get(collection, key)) throw new ConflictError(`${collection}/${key} was changed since it was read`);
    return false;
  }

  async list<T>(
    collection: string,
    options: { prefix?: string; after?: string; limit?: number } = {},
  ): Promise<Array<{ key: string } & StoredItem<T>>> {
    checkName('collection', collection, 200);
    const limit = options.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new AppError('bad_request', `limit must be an integer between 1 and ${MAX_LIST_LIMIT}`, { expected: false });
    }
    const prefix = options.prefix ?? '';
    const rows = this.stmts.list.all(collection, options.after ?? '', prefix, prefix, prefix, limit);
    return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T, etag: r.etag }));
  }
}
