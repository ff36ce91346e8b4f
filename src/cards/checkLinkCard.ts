import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export function renderCheckLinkCard(ctx: CardContext, input: { flowId: string; url: string }): AdaptiveCard {
  const s = ctx.strings.checkLink;
  return ctx.renderer.render('checkLink', { ...s, url: input.url, flowId: input.flowId, securityLine: ctx.strings.securityLine });
}
