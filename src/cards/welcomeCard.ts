import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export interface WelcomeCardInput {
  /** `install`: first contact; `guided`: the start of the guided flow after free text I didn't place. */
  variant: 'install' | 'guided';
}

export function renderWelcomeCard(ctx: CardContext, input: WelcomeCardInput): AdaptiveCard {
  const s = ctx.strings.welcome;
  return ctx.renderer.render('welcome', {
    title: s.title,
    intro: input.variant === 'install' ? s.intro : s.guidedIntro,
    question: s.question,
    authenticator: s.authenticator,
    phone: s.phone,
    securityKey: s.securityKey,
    gotError: s.gotError,
    securityLine: ctx.strings.securityLine,
  });
}
