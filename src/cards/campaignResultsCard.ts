/** "Who registered after the nudge": nudged employees against those of the campaign not nudged. */
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export interface CampaignResultsCardInput {
  campaignId: string;
  days: number;
  nudged: { total: number; registeredWithinDays: number; registeredTimingUnknown: number };
  notNudged: { total: number; registered: number };
}

const percent = (part: number, total: number) => (total > 0 ? Math.round((100 * part) / total) : 0);

export function renderCampaignResultsCard(ctx: CardContext, input: CampaignResultsCardInput): AdaptiveCard {
  const s = ctx.strings.campaigns;
  const n = input.nudged;
  const o = input.notNudged;
  return ctx.renderer.render('campaignResults', {
    campaignId: input.campaignId,
    title: fill(s.resultsTitle, { days: input.days }),
    text: s.resultsText,
    facts: [
      { title: s.resultsNudged, value: fill(s.resultsNudgedValue, { registered: n.registeredWithinDays, total: n.total, days: input.days, percent: percent(n.registeredWithinDays, n.total) }) },
      { title: s.resultsUnknown, value: String(n.registeredTimingUnknown) },
      { title: s.resultsNotNudged, value: fill(s.resultsNotNudgedValue, { registered: o.registered, total: o.total, percent: percent(o.registered, o.total) }) },
    ],
    refreshLabel: s.refresh,
  });
}
