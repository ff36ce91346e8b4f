/** "Did it stay fixed?": asked once, a day or so after a rescue ended "fixed" (src/insights/followUp.ts). */
import type { CardContext } from './cardContext';
import { fill } from '../i18n/en';
import { formatForReader, type Reader } from './readerTime';
import type { AdaptiveCard } from './renderCard';

export interface FollowUpCardInput {
  flowId: string;
  /** When the rescue ended. */
  fixedAt: string;
  /** The answer's acknowledgement; the buttons go once it is set. */
  doneText?: string;
  reader?: Reader;
}

export function renderFollowUpCard(ctx: CardContext, input: FollowUpCardInput): AdaptiveCard {
  const s = ctx.strings.followUp;
  return ctx.renderer.render('followUp', {
    flowId: input.flowId,
    title: s.title,
    text: fill(s.text, { when: formatForReader(input.fixedAt, input.reader) }),
    answered: input.doneText !== undefined,
    doneText: input.doneText ?? '',
    yes: s.yes,
    no: s.no,
    securityLine: ctx.strings.securityLine,
  });
}
