/**
 * The admin side in the helpdesk channel: text commands and the campaign card's buttons. Every
 * command and click is checked with the backend's approver check at that moment.
 */
import { CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import { renderNoticeCard } from '../../cards/noticeCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import type { VerbData } from '../../cards/verbs';
import type { Campaign } from '../../campaigns/model';
import { ReportOnlyRun } from '../../campaigns/service';
import { AppError, describeError } from '../../shared/errors';
import { fill } from '../../i18n/en';
import { tenantOf } from '../tenant';
import { followerKey } from './cardStore';
import { parseCampaignCommand } from './commands';
import { cohortCountsText, cohortResultsText } from './passkeyAdmin';
import type { PasskeyPreview } from './passkeyCommands';
import type { CampaignKit } from './kit';
import { cardHash, currentCard, isFinal, markShown, refreshCard } from './refresher';
import { resultsCard } from './views';

export type CampaignVerb = 'campaignStart' | 'campaignPause' | 'campaignResume' | 'campaignCancelAsk' | 'campaignCancel' | 'campaignRefresh' | 'campaignResults';

const card = (c: AdaptiveCard) => MessageFactory.attachment(CardFactory.adaptiveCard(c));

/** Expected refusals (not found, wrong state) as a sentence for the admin; anything else is rethrown. */
function explain(kit: CampaignKit, e: unknown): string {
  if (e instanceof ReportOnlyRun) {
    const r = e.report;
    return fill(kit.cardContext.strings.campaigns.reportOnly, { targets: r.counts.targets, minutes: r.estimatedMinutes, rate: r.ratePerSecond, quiet: r.quietNow });
  }
  if (e instanceof AppError && (e.kind === 'conflict' || e.kind === 'not_found' || e.kind === 'bad_request')) return fill(kit.cardContext.strings.campaigns.conflictText, { reason: e.message });
  throw e;
}

async function create(kit: CampaignKit, tenantId: string, by: string, groupId: string | undefined, passkey?: PasskeyPreview): Promise<Campaign> {
  const s = kit.settings;
  const p = kit.cardContext.strings.passkeys.campaign;
  return kit.service.create({
    tenantId,
    name: passkey
      ? fill(p.name, { cohorts: passkey.cohorts.map((c) => p.cohortNames[c] ?? c).join(', ') })
      : groupId
        ? `MFA registration nudge (group ${groupId})`
        : 'MFA registration nudge',
    audience: passkey
      ? { kind: 'passkey', cohorts: passkey.cohorts, readiness: passkey.readiness, ...(groupId ? { groupId } : {}) }
      : groupId
        ? { kind: 'group', groupId }
        : { kind: 'notRegistered' },
    ...(s.excludedGroupId ? { excludeGroupId: s.excludedGroupId } : {}),
    settings: { ratePerSecond: s.budgetPerSecond, quietHours: s.quietHours, ...(s.pageSize ? { pageSize: s.pageSize } : {}) },
    createdBy: by,
  });
}

export async function onCampaignCommand(kit: CampaignKit, ctx: TurnContext): Promise<void> {
  const t = kit.cardContext.strings.campaigns;
  const a = ctx.activity;
  const tenantId = tenantOf(a) ?? '';
  const by = a.from?.aadObjectId;
  const command = parseCampaignCommand(typeof a.text === 'string' ? a.text : '');
  if (!(await kit.isApprover(by))) {
    kit.log.warn({ tenantId, userId: by, command: command.kind }, 'campaign command refused: not an approver');
    await ctx.sendActivity(t.refused);
    return;
  }
  kit.log.info({ tenantId, userId: by, command: command.kind }, 'campaign command');
  if (command.kind === 'help') {
    await ctx.sendActivity(`${t.help}\n\n${kit.cardContext.strings.passkeys.campaign.help}`);
    return;
  }
  if (command.kind === 'cohorts') {
    await ctx.sendActivity(kit.passkeys ? await cohortCountsText(kit.cardContext.strings, kit.passkeys.snapshot) : kit.cardContext.strings.passkeys.campaign.notAvailable);
    return;
  }
  try {
    if (command.kind === 'preview') {
      const campaign = await create(kit, tenantId, by ?? '', command.groupId, command.passkey);
      const shown = await currentCard(kit, campaign);
      const sent = await ctx.sendActivity(card(shown));
      if (sent?.id) {
        const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(a))) as Record<string, unknown>;
        await kit.cards.save({ campaignId: campaign.id, tenantId, reference, activityId: sent.id, shown: cardHash(shown), final: false });
      }
      await kit.cards.setLatest(tenantId, campaign.id);
      return;
    }
    const id = command.campaignId ?? (await kit.cards.latest(tenantId));
    if (!id) {
      await ctx.sendActivity(t.none);
      return;
    }
    if (command.kind === 'results') {
      const campaign = await kit.service.get(id);
      if (campaign.audience.kind === 'passkey' && kit.passkeys) {
        await ctx.sendActivity(cohortResultsText(kit.cardContext.strings, await kit.passkeys.results(id, command.days)));
        return;
      }
      await ctx.sendActivity(card(resultsCard(kit.cardContext, await kit.service.results(id, command.days))));
      return;
    }
    if (command.kind !== 'progress') await change(kit, command.kind, id, by);
    await refreshCard(kit, id).catch((e: unknown) => kit.log.warn({ campaignId: id, err: describeError(e) }, 'campaign card update failed'));
    const campaign = await kit.service.get(id);
    const shown = await currentCard(kit, campaign);
    const sent = await ctx.sendActivity(card(shown));
    // This card shows progress too: it is refreshed like the campaign's own until the final report.
    if (sent?.id && !isFinal(campaign)) {
      const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(a))) as Record<string, unknown>;
      await kit.cards.save({ campaignId: id, tenantId, reference, activityId: sent.id, shown: cardHash(shown), final: false, key: followerKey(id, sent.id) });
    }
  } catch (e) {
    await ctx.sendActivity(explain(kit, e));
  }
}

async function change(kit: CampaignKit, what: 'start' | 'pause' | 'resume' | 'cancel', id: string, by: string | undefined): Promise<Campaign> {
  const s = kit.service;
  const actor = by ?? 'unknown';
  return what === 'start' ? s.start(id, actor) : what === 'pause' ? s.pause(id, actor) : what === 'resume' ? s.resume(id, actor) : s.cancel(id, actor);
}

const CHANGES: Partial<Record<CampaignVerb, 'start' | 'pause' | 'resume' | 'cancel'>> = {
  campaignStart: 'start',
  campaignPause: 'pause',
  campaignResume: 'resume',
  campaignCancel: 'cancel',
};

/** A button on the campaign card; the returned card replaces it (for everyone in the channel). */
export async function onCampaignAction(kit: CampaignKit, ctx: TurnContext, verb: CampaignVerb, data: VerbData<'campaignStart'>): Promise<AdaptiveCard> {
  const by = ctx.activity.from?.aadObjectId;
  let campaign = await kit.service.get(data.campaignId).catch(() => undefined);
  if (!campaign || campaign.tenantId !== (tenantOf(ctx.activity) ?? '')) {
    return renderNoticeCard(kit.cardContext, { title: kit.cardContext.strings.campaigns.none, text: kit.cardContext.strings.campaigns.help });
  }
  if (!(await kit.isApprover(by))) {
    kit.log.warn({ campaignId: campaign.id, userId: by, verb }, 'campaign action refused: not an approver');
    return withText(await currentCard(kit, campaign), kit.cardContext.strings.campaigns.refused);
  }
  kit.log.info({ campaignId: campaign.id, userId: by, verb }, 'campaign card action');
  if (verb === 'campaignResults') return resultsCard(kit.cardContext, await kit.service.results(campaign.id, 7));
  if (verb === 'campaignCancelAsk' && !isFinal(campaign)) return currentCard(kit, campaign, { confirmCancel: true });
  const what = CHANGES[verb];
  let note: string | undefined;
  if (what) {
    try {
      campaign = await change(kit, what, campaign.id, by);
    } catch (e) {
      note = explain(kit, e);
      campaign = await kit.service.get(campaign.id);
    }
  }
  const shown = await currentCard(kit, campaign);
  await markShown(kit, campaign, shown, ctx.activity.replyToId);
  return note ? withText(shown, note) : shown;
}

/** Adds a line under the title (refusals), without changing the card's actions. */
function withText(c: AdaptiveCard, text: string): AdaptiveCard {
  const body = Array.isArray(c.body) ? [...(c.body as unknown[])] : [];
  body.splice(1, 0, { type: 'TextBlock', text, wrap: true, color: 'Attention', weight: 'Bolder' });
  return { ...c, body };
}
