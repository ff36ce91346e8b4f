import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export function renderAskErrorCard(ctx: CardContext, input: { flowId: string }): AdaptiveCard {
  const s = ctx.strings.askError;
  return ctx.renderer.render('askError', { ...s, flowId: input.flowId });
}
