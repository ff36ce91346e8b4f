/**
 * FollowerStore on any DocumentStore (issue 9): on Azure the followers' data lives in the shared
 * account (blobs with ETags), so every backend instance reads what one instance's followers wrote,
 * and a restart loses nothing. SQLite has its own tables (sqlite/followerStore.ts); this one serves
 * the Azure store.
 *
 * - Events: one document per user and kind (`follower-events`, key `<kind>:<userId>`), newest
 *   `maxEventsPerUser` kept; written read-modify-write under the ETag (another instance's write
 *   in between is re-read, never overwritten).
 * - Snapshot rows: one document per user (`follower-rows`, key `<kind>:<userId>`) stamped with
 *   the walk's generation; finishing a walk deletes rows of older generations.
 * - Progress: one document per follower (`follower-progress`).
 */
import { ConflictError, type DocumentStore } from './types';
import type { EventKind, FollowerProgress, FollowerStore, SnapshotKind, TimedRecord } from './followerTypes';

const EVENTS = 'follower-events';
const ROWS = 'follower-rows';
const PROGRESS = 'follower-progress';

interface UserEvents {
  events: Array<{ id: string; atMs: number; record: Record<string, unknown> }>;
}
interface Row {
  generation: number;
  userId: string;
  record: Record<string, unknown>;
}

export interface DocumentFollowerStoreOptions {
  /** Newest events kept per user and kind (the diagnosis reads a few days of them). Default 200. */
  maxEventsPerUser?: number;
  /** Parallel document writes of one call. Default 16. */
  concurrency?: number;
}

async function inParallel<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

export class DocumentFollowerStore implements FollowerStore {
  private readonly maxEvents: number;
  private readonly concurrency: number;

  constructor(
    private readonly docs: DocumentStore,
    opts: DocumentFollowerStoreOptions = {},
  ) {
    this.maxEvents = opts.maxEventsPerUser ?? 200;
    this.concurrency = opts.concurrency ?? 16;
  }

  async putEvents(kind: EventKind, records: TimedRecord[]): Promise<void> {
    const byUser = new Map<string, TimedRecord[]>();
    for (const r of records) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
    await inParallel([...byUser.entries()], this.concurrency, async ([userId, recs]) => {
      await this.update(`${kind}:${userId}`, (known) => {
        const byId = new Map(known.map((e) => [e.id, e]));
        for (const r of recs) byId.set(r.id, { id: r.id, atMs: r.atMs, record: r.record });
        return [...byId.values()].sort((a, b) => b.atMs - a.atMs).slice(0, this.maxEvents);
      });
    });
  }

  async eventsOf(kind: EventKind, userId: string, sinceMs: number): Promise<Array<Record<string, unknown>>> {
    const doc = await this.docs.get<UserEvents>(EVENTS, `${kind}:${userId}`);
    return (doc?.value.events ?? []).filter((e) => e.atMs >= sinceMs).sort((a, b) => b.atMs - a.atMs).map((e) => e.record);
  }

  async pruneEvents(kind: EventKind, beforeMs: number): Promise<number> {
    let removed = 0;
    for await (const item of this.walk<UserEvents>(EVENTS, `${kind}:`)) {
      if (!item.value.events.some((e) => e.atMs < beforeMs)) continue;
      const { before, after } = await this.update(item.key, (known) => known.filter((e) => e.atMs >= beforeMs));
      removed += before - after;
    }
    return removed;
  }

  async putRows(kind: SnapshotKind, generation: number, rows: Array<{ userId: string; record: Record<string, unknown> }>): Promise<void> {
    await inParallel(rows, this.concurrency, async (r) => {
      await this.docs.put<Row>(ROWS, `${kind}:${r.userId.toLowerCase()}`, { generation, userId: r.userId.toLowerCase(), record: r.record });
    });
  }

  async finishSnapshot(kind: SnapshotKind, generation: number): Promise<void> {
    const stale: Array<{ key: string; etag: string }> = [];
    for await (const item of this.walk<Row>(ROWS, `${kind}:`)) if (item.value.generation < generation) stale.push({ key: item.key, etag: item.etag });
    await inParallel(stale, this.concurrency, async (s) => {
      // A row rewritten meanwhile (a newer walk) has another ETag and stays.
      await this.docs.delete(ROWS, s.key, { ifMatch: s.etag }).catch((e: unknown) => {
        if (!(e instanceof ConflictError)) throw e;
      });
    });
  }

  async rowOf(kind: SnapshotKind, userId: string): Promise<Record<string, unknown> | undefined> {
    return (await this.docs.get<Row>(ROWS, `${kind}:${userId.toLowerCase()}`))?.value.record;
  }

  async rows(kind: SnapshotKind, opts: { after?: string; limit?: number } = {}): Promise<Array<{ userId: string; record: Record<string, unknown> }>> {
    const page = await this.docs.list<Row>(ROWS, {
      prefix: `${kind}:`,
      limit: opts.limit ?? 1000,
      ...(opts.after !== undefined ? { after: `${kind}:${opts.after.toLowerCase()}` } : {}),
    });
    return page.map((i) => ({ userId: i.value.userId, record: i.value.record }));
  }

  async progress(follower: string): Promise<FollowerProgress | undefined> {
    return (await this.docs.get<FollowerProgress>(PROGRESS, follower))?.value;
  }

  async setProgress(follower: string, progress: FollowerProgress): Promise<void> {
    await this.docs.put<FollowerProgress>(PROGRESS, follower, { ...progress });
  }

  /** Read-modify-write of one user's events under the ETag; an empty result deletes the document. */
  private async update(key: string, change: (known: UserEvents['events']) => UserEvents['events']): Promise<{ before: number; after: number }> {
    for (let attempt = 0; ; attempt++) {
      const doc = await this.docs.get<UserEvents>(EVENTS, key);
      const events = change(doc?.value.events ?? []);
      try {
        if (events.length === 0) {
          if (doc) await this.docs.delete(EVENTS, key, { ifMatch: doc.etag });
        } else {
          await this.docs.put<UserEvents>(EVENTS, key, { events }, doc ? { ifMatch: doc.etag } : { ifNoneMatch: '*' });
        }
        return { before: doc?.value.events.length ?? 0, after: events.length };
      } catch (e) {
        if (!(e instanceof ConflictError) || attempt >= 8) throw e;
      }
    }
  }

  private async *walk<T>(collection: string, prefix: string): AsyncGenerator<{ key: string; etag: string; value: T }> {
    let after: string | undefined;
    for (;;) {
      const page = await this.docs.list<T>(collection, { prefix, limit: 500, ...(after ? { after } : {}) });
      for (const item of page) yield item;
      if (page.length < 500) return;
      after = page[page.length - 1]?.key;
    }
  }
}
