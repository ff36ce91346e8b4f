/**
 * Where each campaign's card lives in the helpdesk channel (reference + activity id, for
 * updateActivity), what it last showed (no update when nothing changed), and the tenant's latest
 * campaign (commands without an id act on it).
 */
import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { DocumentStore } from '../../storage/types';

export const CAMPAIGN_CARDS = 'campaign-cards';
export const CAMPAIGN_LATEST = 'campaign-latest';

const CardRecordSchema = z.object({
  campaignId: z.string(),
  tenantId: z.string(),
  reference: z.record(z.unknown()),
  activityId: z.string().min(1),
  /** Hash of the last card sent (updates only when it changes). */
  shown: z.string().optional(),
  /** The final report is shown: no more refreshes. */
  final: z.boolean(),
  /**
   * Storage key of a further card of the same campaign (one posted by a command such as
   * `campaign start`); absent for the campaign's own card, stored under its id.
   */
  key: z.string().max(300).optional(),
});
export type CardRecord = z.infer<typeof CardRecordSchema>;

export interface CampaignCards {
  save(record: CardRecord): Promise<void>;
  get(campaignId: string): Promise<CardRecord | undefined>;
  /** Cards still being refreshed. */
  open(limit?: number): Promise<CardRecord[]>;
  setLatest(tenantId: string, campaignId: string): Promise<void>;
  latest(tenantId: string): Promise<string | undefined>;
}

/** The key of a further card of a campaign (every card that shows progress must reach the end). */
export const followerKey = (campaignId: string, activityId: string): string => `${campaignId}|${activityId}`;

export function referenceOf(record: CardRecord): Partial<ConversationReference> {
  return record.reference as Partial<ConversationReference>;
}

export function createCampaignCards(store: DocumentStore): CampaignCards {
  const parse = (value: unknown) => {
    const r = CardRecordSchema.safeParse(value);
    return r.success ? r.data : undefined;
  };
  return {
    async save(record) {
      await store.put(CAMPAIGN_CARDS, record.key ?? record.campaignId, JSON.parse(JSON.stringify(record)) as unknown);
    },
    async get(campaignId) {
      const item = await store.get<unknown>(CAMPAIGN_CARDS, campaignId);
      return item ? parse(item.value) : undefined;
    },
    async open(limit = 100) {
      const rows = await store.list<unknown>(CAMPAIGN_CARDS, { limit: 1000 });
      return rows.map((r) => parse(r.value)).filter((r): r is CardRecord => r !== undefined && !r.final).slice(0, limit);
    },
    async setLatest(tenantId, campaignId) {
      await store.put(CAMPAIGN_LATEST, tenantId, { campaignId });
    },
    async latest(tenantId) {
      const item = await store.get<{ campaignId?: unknown }>(CAMPAIGN_LATEST, tenantId);
      return typeof item?.value.campaignId === 'string' ? item.value.campaignId : undefined;
    },
  };
}
