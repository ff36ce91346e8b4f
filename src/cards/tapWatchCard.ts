/** After the pass was used: the methods added since, with "It was me" / "This wasn't me". */
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export interface TapWatchCardInput {
  requestId: string;
  /** "A new Microsoft Authenticator (iPhone 15) added at 10:32" lines. */
  methods: string[];
  doneText?: string;
}

export function renderTapWatchCard(ctx: CardContext, input: TapWatchCardInput): AdaptiveCard {
  const s = ctx.strings.tap;
  return ctx.renderer.render('tapWatch', {
    requestId: input.requestId,
    title: s.watchTitle,
    text: s.watchText,
    methods: input.methods.map((text) => ({ text })),
    answered: input.doneText !== undefined,
    doneText: input.doneText ?? '',
    itWasMe: s.itWasMe,
    notMe: s.notMe,
    securityLine: ctx.strings.securityLine,
  });
}
