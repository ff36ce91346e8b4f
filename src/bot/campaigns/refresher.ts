/**
 * Keeps each campaign's channel card current: progress while it runs (updated in place with
 * updateActivity, only when what it shows changed), the final report once it ends.
 */
import { inTenantLocale } from '../storedReader';
import { createHash } from 'node:crypto';
import { CardFactory, MessageFactory } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/renderCard';
import type { Campaign } from '../../campaigns/model';
import { describeError } from '../../shared/errors';
import { followerKey, referenceOf, type CardRecord } from './cardStore';
import type { CampaignKit } from './kit';
import { previewCard, progressCard, reportCard } from './views';

export const cardHash = (card: AdaptiveCard): string => createHash('sha256').update(JSON.stringify(card)).digest('base64url');

export const isFinal = (c: Campaign): boolean => c.status === 'completed' || c.status === 'cancelled';

/** The card a campaign shows now. */
export async function currentCard(kit: CampaignKit, campaign: Campaign, opts: { confirmCancel?: boolean } = {}): Promise<AdaptiveCard> {
  const ctx = kit.cardContext;
  if (campaign.status === 'draft') return previewCard(ctx, campaign, opts.confirmCancel);
  if (isFinal(campaign)) return reportCard(ctx, campaign, await kit.service.report(campaign.id));
  return progressCard(ctx, campaign, await kit.service.progress(campaign.id), opts.confirmCancel);
}

/** Records that the stored card now shows `card` (a click's invoke response replaced it). */
export async function markShown(kit: CampaignKit, campaign: Campaign, card: AdaptiveCard, activityId: string | undefined): Promise<void> {
  const own = await kit.cards.get(campaign.id);
  const record = own?.activityId === activityId ? own : activityId ? await kit.cards.get(followerKey(campaign.id, activityId)) : undefined;
  if (!record || record.activityId !== activityId) return;
  await kit.cards.save({ ...record, shown: cardHash(card), final: isFinal(campaign) });
}

/** Updates one campaign's channel card if what it shows changed; true when an update was sent. */
export async function refreshCard(kit: CampaignKit, campaignId: string): Promise<boolean> {
  const record = await kit.cards.get(campaignId);
  return record ? refreshRecord(kit, record) : false;
}

/** Updates one posted card (the campaign's own, or one a command posted) if what it shows changed. */
export async function refreshRecord(kit: CampaignKit, record: CardRecord): Promise<boolean> {
  if (record.final) return false;
  const campaign = await kit.service.get(record.campaignId);
  const card = await currentCard(kit, campaign);
  const shown = cardHash(card);
  if (shown === record.shown) return false;
  await kit.messenger.update(referenceOf(record), record.activityId, MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  await kit.cards.save({ ...record, shown, final: isFinal(campaign) });
  return true;
}

/** One pass over every open card (the timer calls this; tests call it directly). */
export async function refreshOpenCards(kit: CampaignKit): Promise<number> {
  let updated = 0;
  for (const record of await kit.cards.open()) {
    try {
      if (await refreshRecord(kit, record)) updated += 1;
    } catch (e) {
      kit.log.warn({ campaignId: record.campaignId, err: describeError(e) }, 'campaign card refresh failed');
    }
  }
  return updated;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): { unref?: () => void };
  clearInterval(handle: unknown): void;
}

/** Starts the periodic refresh; returns stop. */
export function startCardRefresh(kit: CampaignKit, intervalMs: number, timers: Timers = { setInterval, clearInterval }): () => void {
  let running = false;
  const handle = timers.setInterval(() => {
    if (running) return;
    running = true;
    // Channel cards: in the tenant's language (nobody's turn is running here).
    void inTenantLocale(kit.locales ?? {}, () => refreshOpenCards(kit)).finally(() => (running = false));
  }, intervalMs);
  handle.unref?.();
  return () => timers.clearInterval(handle);
}
