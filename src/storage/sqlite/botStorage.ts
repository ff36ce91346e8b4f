/**
 * botbuilder `Storage` on the same SQLite file (table `bot_state`), for teams-ai TurnState and
 * botbuilder BotState, so conversation state survives a restart.
 *
 * eTag semantics are MemoryStorage's (and BlobsStorage's): an item written with an `eTag` other
 * than '*' must match the stored one, or the write fails with `Storage: error writing "<key>" due
 * to eTag conflict.`; '*' or no eTag is unconditional; a key that does not exist is created
 * whatever eTag it carries. Items read back carry their current eTag. Unlike MemoryStorage, one
 * `write` call is all-or-nothing (one IMMEDIATE transaction).
 *
 * Only the botbuilder *types* are imported, so this folder has no runtime dependency on it.
 */
import type Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';
import type { Clock } from '../../shared/clock';
import { newEtag } from './etag';

interface Row {
  value: string;
  etag: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class SqliteBotStorage implements Storage {
  private readonly stmts;
  private readonly writeAll: (changes: StoreItems) => void;

  constructor(db: Database.Database, private readonly clock: Clock) {
    this.stmts = {
      get: db.prepare<[string], Row>('SELECT value, etag FROM bot_state WHERE key = ?'),
      upsert: db.prepare(
        `INSERT INTO bot_state (key, value, etag, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
      ),
      update: db.prepare('UPDATE bot_state SET value = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?'),
      insert: db.prepare('INSERT INTO bot_state (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING'),
      delete: db.prepare('DELETE FROM bot_state WHERE key = ?'),
    };
    const tx = db.transaction((changes: StoreItems) => {
      const at = this.clock.now().toISOString();
      for (const [key, item] of Object.entries(changes)) this.writeOne(key, item, at);
    });
    this.writeAll = (changes) => tx.immediate(changes);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.stmts.get.get(key);
      if (row) items[key] = { ...(JSON.parse(row.value) as Record<string, unknown>), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!isObject(changes)) throw new ReferenceError('Changes are required when writing.');
    this.writeAll(changes);
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    for (const key of keys) this.stmts.delete.run(key);
  }

  private writeOne(key: string, item: unknown, at: string): void {
    if (!isObject(item)) throw new TypeError(`Storage: item "${key}" must be an object`);
    const { eTag, ...rest } = item;
    const json = JSON.stringify(rest);
    const etag = newEtag();
    if (typeof eTag !== 'string' || eTag === '' || eTag === '*') {
      this.stmts.upsert.run(key, json, etag, at);
      return;
    }
    if (this.stmts.update.run(json, etag, at, key, eTag).changes > 0) return;
    if (this.stmts.insert.run(key, json, etag, at).changes > 0) return;
    throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}
