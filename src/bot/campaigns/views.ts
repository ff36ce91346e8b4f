/** Campaign data → the channel cards (preview, live progress, final report, results). */
import { formatForCurrentReader } from '../../cards/readerTime';
import type { CardContext } from '../../cards/cardContext';
import { renderCampaignResultsCard } from '../../cards/campaignResultsCard';
import { renderCampaignStatusCard } from '../../cards/campaignStatusCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import type { Campaign } from '../../campaigns/model';
import type { FinalReport, Progress, Results } from '../../campaigns/report';
import { fill } from '../../i18n/en';

type Fact = { title: string; value: string };

function audienceText(ctx: CardContext, c: Campaign): string {
  const s = ctx.strings.campaigns;
  if (c.audience.kind === 'passkey') {
    const p = ctx.strings.passkeys.campaign;
    const cohorts = c.audience.cohorts.map((x) => p.cohortNames[x] ?? x).join(', ');
    const text = fill(p.audience, { cohorts, readiness: p.readiness[c.audience.readiness] ?? c.audience.readiness });
    return c.audience.groupId ? `${text}; ${fill(s.audienceGroup, { group: c.audience.groupId })}` : text;
  }
  return c.audience.kind === 'group' ? fill(s.audienceGroup, { group: c.audience.groupId }) : s.audienceAll;
}

export function previewCard(ctx: CardContext, c: Campaign, confirmCancel = false): AdaptiveCard {
  const f = ctx.strings.campaigns.facts;
  const p = c.preview;
  const facts: Fact[] = [{ title: f.audience, value: audienceText(ctx, c) }];
  if (p) {
    facts.push(
      { title: f.targets, value: String(p.targets) },
      { title: f.guests, value: String(p.skipped.guest) },
      { title: f.disabled, value: String(p.skipped.disabled) },
      { title: f.excluded, value: String(p.skipped.excluded) },
      { title: f.registered, value: String(p.skipped.registered) },
    );
    if (c.audience.kind === 'passkey') facts.push({ title: ctx.strings.passkeys.campaign.microsoftCampaign, value: String(p.skipped.microsoftCampaign) });
  }
  return renderCampaignStatusCard(ctx, { campaignId: c.id, status: c.status, kind: 'preview', facts, failures: [], text: ctx.strings.campaigns.previewText, confirmCancel });
}

export function progressCard(ctx: CardContext, c: Campaign, p: Progress, confirmCancel = false): AdaptiveCard {
  const s = ctx.strings.campaigns;
  const f = s.facts;
  const facts: Fact[] = [
    { title: f.audience, value: audienceText(ctx, c) },
    { title: f.targeted, value: String(p.targeted) },
    { title: f.sent, value: String(p.sent) },
    { title: f.installed, value: String(p.installed) },
    { title: f.failed, value: String(p.failed) },
    { title: f.deferred, value: String(p.deferred) },
    { title: f.remaining, value: String(p.remaining) },
    { title: f.rate, value: fill(s.rateValue, { rate: p.ratePerSecond.toFixed(1) }) },
  ];
  if (p.etaSeconds !== undefined) facts.push({ title: f.eta, value: fill(s.etaValue, { minutes: Math.max(1, Math.ceil(p.etaSeconds / 60)) }) });
  if (p.updatedAt) facts.push({ title: f.updated, value: formatForCurrentReader(p.updatedAt) });
  return renderCampaignStatusCard(ctx, { campaignId: c.id, status: c.status, kind: 'progress', facts, failures: p.failures, confirmCancel });
}

export function reportCard(ctx: CardContext, c: Campaign, r: FinalReport): AdaptiveCard {
  const s = ctx.strings.campaigns;
  const f = s.facts;
  const facts: Fact[] = [
    { title: f.audience, value: audienceText(ctx, c) },
    { title: f.targeted, value: String(r.targeted) },
    { title: f.sent, value: String(r.sent) },
    { title: f.installed, value: String(r.installed) },
    { title: f.failed, value: String(r.failures.reduce((n, x) => n + x.count, 0)) },
    { title: f.remaining, value: String(r.byState.pending + r.byState.deferred + r.byState.sending) },
    { title: f.answers, value: fill(s.answersValue, r.responses) },
  ];
  return renderCampaignStatusCard(ctx, { campaignId: c.id, status: c.status, kind: 'report', facts, failures: r.failures });
}

export function resultsCard(ctx: CardContext, r: Results): AdaptiveCard {
  return renderCampaignResultsCard(ctx, { campaignId: r.campaignId, days: r.days, nudged: r.nudged, notNudged: r.notNudged });
}
