/** The employee's 1:1 pass message, and the same message after redaction (the pass is gone). */
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export type TapPassCardInput =
  | { kind: 'pass'; pass: string; expiresText: string }
  | { kind: 'redacted'; reason: string };

export function renderTapPassCard(ctx: CardContext, input: TapPassCardInput): AdaptiveCard {
  const s = ctx.strings.tap;
  const common = { never: s.passNever, openSecurityInfo: s.openSecurityInfo, passLabel: s.passLabel, next: s.passNext };
  if (input.kind === 'pass') {
    return ctx.renderer.render('tapPass', { ...common, title: s.passTitle, text: fill(s.passIntro, { expires: input.expiresText }), showPass: true, pass: input.pass });
  }
  const text = s.redactedText[input.reason] ?? s.redactedText.expired ?? '';
  return ctx.renderer.render('tapPass', { ...common, title: s.redactedTitle, text, showPass: false, pass: '' });
}
