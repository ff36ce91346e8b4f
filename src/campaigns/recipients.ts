/**
 * Per-recipient records and the schedule index, with conditional writes only: a lost race is a
 * ConflictError the caller treats as "someone else has this recipient".
 */
import type { DocumentStore, StoredItem } from '../storage/types';
import { ConflictError } from '../storage/types';
import { RECIPIENTS, RecipientSchema, SCHEDULE, recipientKey, type Recipient } from './model';

const SCAN_PAGE = 1000;

export class RecipientRepo {
  constructor(private readonly store: DocumentStore) {}

  async get(campaignId: string, userId: string): Promise<StoredItem<Recipient> | undefined> {
    const item = await this.store.get<unknown>(RECIPIENTS, recipientKey(campaignId, userId));
    return item ? { value: RecipientSchema.parse(item.value), etag: item.etag } : undefined;
  }

  /** Creates the record; false when it already exists (a resumed runner re-reading a page). */
  async create(recipient: Recipient): Promise<boolean> {
    try {
      await this.store.put(RECIPIENTS, recipientKey(recipient.campaignId, recipient.userId), recipient, { ifNoneMatch: '*' });
      return true;
    } catch (e) {
      if (e instanceof ConflictError) return false;
      throw e;
    }
  }

  /** Writes only if unchanged since read; returns the new ETag or undefined when another writer won. */
  async update(recipient: Recipient, etag: string): Promise<string | undefined> {
    try {
      return await this.store.put(RECIPIENTS, recipientKey(recipient.campaignId, recipient.userId), recipient, { ifMatch: etag });
    } catch (e) {
      if (e instanceof ConflictError) return undefined;
      throw e;
    }
  }

  /** Every record of a campaign, lazily, in key order (bounded memory). */
  async *scan(campaignId: string): AsyncGenerator<Recipient> {
    const prefix = `${campaignId}:`;
    let after: string | undefined;
    for (;;) {
      const page = await this.store.list<unknown>(RECIPIENTS, { prefix, after, limit: SCAN_PAGE });
      for (const row of page) yield RecipientSchema.parse(row.value);
      const last = page[page.length - 1];
      if (page.length < SCAN_PAGE || last === undefined) return;
      after = last.key;
    }
  }

  /** Indexes a deferred send so the runner finds due ones in time order without a full scan. */
  async schedule(campaignId: string, userId: string, notBefore: string): Promise<void> {
    await this.store.put(SCHEDULE, `${campaignId}:${notBefore}:${userId}`, { userId, notBefore });
  }

  async unschedule(campaignId: string, userId: string, notBefore: string): Promise<void> {
    await this.store.delete(SCHEDULE, `${campaignId}:${notBefore}:${userId}`);
  }

  /** Earliest scheduled entries first. */
  async scheduled(campaignId: string, limit: number): Promise<Array<{ userId: string; notBefore: string }>> {
    const rows = await this.store.list<{ userId: string; notBefore: string }>(SCHEDULE, { prefix: `${campaignId}:`, limit });
    return rows.map((r) => ({ userId: String(r.value.userId), notBefore: String(r.value.notBefore) }));
  }
}
