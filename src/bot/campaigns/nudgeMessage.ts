/** The nudge as a message activity: a short text (notification preview) and the card. */
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { CardContext } from '../../cards/cardContext';
import { renderNudgeCard } from '../../cards/nudgeCard';
import type { Nudge } from '../../campaigns/ports';

export function nudgeActivity(cards: CardContext, nudge: Nudge): Partial<Activity> {
  const card = renderNudgeCard(cards, { campaignId: nudge.campaignId, round: nudge.round, snoozesLeft: nudge.snoozesLeft });
  const s = cards.strings.nudge;
  return MessageFactory.attachment(CardFactory.adaptiveCard(card), nudge.round > 1 ? s.reminderTitle : s.title);
}
