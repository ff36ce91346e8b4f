/**
 * The bot's record of nudges it sent, so a resumed run can answer "was this delivered?" without a
 * connector lookup (the real Bot Connector has none). Keyed by the engine's idempotency key.
 *
 * A record says `attempting` from just before the connector request until its answer, then
 * `delivered` (with the activity id) or is removed (the connector answered with an error, so
 * nothing was posted). A record still `attempting` means the process stopped (or the network
 * failed) while Teams may or may not have posted the message: the one-round-trip window that
 * cannot be closed without a connector-side key. Campaigns treat it as delivered (at most once:
 * a missed nudge can be re-sent by a new campaign; a duplicate cannot be taken back).
 */
import { z } from 'zod';
import type { DocumentStore } from '../../storage/types';

export const CAMPAIGN_OUTBOX = 'campaign-outbox';

const OutboxSchema = z.object({
  state: z.enum(['attempting', 'delivered']),
  conversationId: z.string(),
  activityId: z.string().optional(),
  at: z.string(),
});
export type OutboxRecord = z.infer<typeof OutboxSchema>;

export interface Outbox {
  get(key: string): Promise<OutboxRecord | undefined>;
  attempting(key: string, conversationId: string, now: Date): Promise<void>;
  delivered(key: string, conversationId: string, activityId: string, now: Date): Promise<void>;
  /** The connector refused: nothing was posted. */
  clear(key: string): Promise<void>;
}

export function createOutbox(store: DocumentStore): Outbox {
  return {
    async get(key) {
      const item = await store.get<unknown>(CAMPAIGN_OUTBOX, key);
      const parsed = item ? OutboxSchema.safeParse(item.value) : undefined;
      return parsed?.success ? parsed.data : undefined;
    },
    async attempting(key, conversationId, now) {
      await store.put(CAMPAIGN_OUTBOX, key, { state: 'attempting', conversationId, at: now.toISOString() } satisfies OutboxRecord);
    },
    async delivered(key, conversationId, activityId, now) {
      await store.put(CAMPAIGN_OUTBOX, key, { state: 'delivered', conversationId, activityId, at: now.toISOString() } satisfies OutboxRecord);
    },
    async clear(key) {
      await store.delete(CAMPAIGN_OUTBOX, key);
    },
  };
}
