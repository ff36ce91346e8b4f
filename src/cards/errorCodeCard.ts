import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import { errorLookupUrl } from './links';
import type { AdaptiveCard } from './renderCard';

export interface ErrorCodeCardInput {
  flowId: string;
  codes: Array<{ code: string; meaning?: string }>;
}

export function renderErrorCodeCard(ctx: CardContext, input: ErrorCodeCardInput): AdaptiveCard {
  const s = ctx.strings.errorCode;
  return ctx.renderer.render('errorCode', {
    title: s.title,
    codes: input.codes.map((c) => {
      const url = errorLookupUrl(c.code) ?? 'https://login.microsoftonline.com/error';
      return { code: c.code, meaning: c.meaning ?? s.unknownMeaning, lookupTitle: fill(s.lookup, { code: c.code }), lookupUrl: url };
    }),
    next: s.next,
    checkAccount: s.checkAccount,
    startOver: ctx.strings.notices.startOver,
    flowId: input.flowId,
    securityLine: ctx.strings.securityLine,
  });
}
