/** The helpdesk's question in the employee's chat, with a box for the answer (verb tapInfoAnswer). */
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export interface TapInfoCardInput {
  requestId: string;
  /** The approver's question, already made inert (no live links). */
  question: string;
  notice?: string;
}

export function renderTapInfoCard(ctx: CardContext, input: TapInfoCardInput): AdaptiveCard {
  const s = ctx.strings.tap;
  return ctx.renderer.render('tapInfo', {
    requestId: input.requestId,
    title: s.infoTitle,
    text: fill(s.infoCardText, { question: input.question }),
    hasNotice: input.notice !== undefined && input.notice !== '',
    notice: input.notice ?? '',
    answerLabel: s.infoAnswerLabel,
    answerError: s.infoAnswerEmpty,
    answerPlaceholder: s.infoAnswerPlaceholder,
    send: s.infoAnswerSend,
    securityLine: ctx.strings.securityLine,
  });
}
