import { currentLocale } from '../i18n/scope';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

/** The check link opens the page in the reader's language (`lang`), whatever the browser prefers. */
function inReaderLanguage(url: string): string {
  const locale = currentLocale()?.locale;
  if (!locale || locale === 'en') return url;
  try {
    const u = new URL(url);
    u.searchParams.set('lang', locale);
    return u.toString();
  } catch {
    return url;
  }
}

export function renderCheckLinkCard(ctx: CardContext, input: { flowId: string; url: string }): AdaptiveCard {
  const s = ctx.strings.checkLink;
  return ctx.renderer.render('checkLink', { ...s, url: inReaderLanguage(input.url), flowId: input.flowId, securityLine: ctx.strings.securityLine });
}
