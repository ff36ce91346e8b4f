/** Offered first when the tenant uses Entra Account Recovery and the employee lost every method. */
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export function renderEscalationRecoveryCard(ctx: CardContext, input: { flowId: string; url: string }): AdaptiveCard {
  const s = ctx.strings.tap;
  return ctx.renderer.render('escalationRecovery', {
    flowId: input.flowId,
    url: input.url,
    title: s.recoveryTitle,
    text: s.recoveryText,
    open: s.recoveryOpen,
    helpdesk: s.recoveryHelpdesk,
    securityLine: ctx.strings.securityLine,
  });
}
