/** The employee's registration nudge: why it matters, then "Set it up now" / "I'm stuck" / "Remind me tomorrow". */
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export interface NudgeCardInput {
  campaignId: string;
  round: number;
  snoozesLeft: number;
}

export function renderNudgeCard(ctx: CardContext, input: NudgeCardInput): AdaptiveCard {
  const s = ctx.strings.nudge;
  return ctx.renderer.render('nudge', {
    title: input.round > 1 ? s.reminderTitle : s.title,
    why: s.why,
    how: s.how,
    setup: s.setup,
    stuck: s.stuck,
    snooze: s.snooze,
    canSnooze: input.snoozesLeft > 0,
    snoozesLeft: input.snoozesLeft === 1 ? s.snoozeLeftOne : fill(s.snoozesLeft, { n: input.snoozesLeft }),
    campaignId: input.campaignId,
    round: input.round,
    securityLine: ctx.strings.securityLine,
  });
}
