import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export function renderEscalationOfferCard(ctx: CardContext, input: { flowId: string }): AdaptiveCard {
  const s = ctx.strings;
  return ctx.renderer.render('escalationOffer', {
    ...s.escalationOffer,
    helpdesk: s.findings.helpdesk,
    tryAgain: s.findings.tryAgain,
    startOver: s.notices.startOver,
    flowId: input.flowId,
    securityLine: s.securityLine,
  });
}
