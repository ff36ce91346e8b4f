/** A clarifying question (or "I didn't understand that"): the question and its answers as buttons, three to a row. */
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export interface ClarifyCardInput {
  flowId: string;
  question: 'newPhone' | 'method' | 'device' | 'topic';
  answers: readonly string[];
  /** `{text}` in the question's text (the words that were not understood). */
  vars?: Record<string, string>;
  /** "Skip: show what you found" (questions asked after a diagnosis). */
  canSkip: boolean;
}

export function renderClarifyCard(ctx: CardContext, input: ClarifyCardInput): AdaptiveCard {
  const q = ctx.strings.clarify.questions[input.question];
  const choices = input.answers.map((answer, i) => ({
    answer,
    title: q?.answers[answer] ?? answer,
    question: input.question,
    flowId: input.flowId,
    style: i === 0 ? 'positive' : 'default',
  }));
  const rows: Array<{ choices: typeof choices }> = [];
  for (let i = 0; i < choices.length; i += 3) rows.push({ choices: choices.slice(i, i + 3) });
  return ctx.renderer.render('clarify', {
    title: q?.title ?? '',
    text: fill(q?.text ?? '', input.vars ?? {}),
    rows,
    flowId: input.flowId,
    question: input.question,
    canSkip: input.canSkip,
    skip: ctx.strings.clarify.skip,
    securityLine: ctx.strings.securityLine,
  });
}
