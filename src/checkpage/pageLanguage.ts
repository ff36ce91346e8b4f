/**
 * The self-check page's language: the link's `lang` parameter (the bot adds the employee's
 * locale), else the browser's Accept-Language (highest q first), else English.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { catalogues as sharedCatalogues, type Catalogues } from '../i18n/catalogues';
import { directionOf } from '../i18n/negotiate';
import type { PageLanguage } from './page/html';

/** Accept-Language tags, best first ("de-CH,de;q=0.9,en;q=0.8" → de-CH, de, en). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.tag && x.tag !== '*' && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((x) => x.tag);
}

function linkLanguage(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, 'http://localhost').searchParams.get('lang') ?? undefined;
  } catch {
    return undefined;
  }
}

export function pageLanguage(req: { url?: string; headers: IncomingHttpHeaders }, cats: Catalogues = sharedCatalogues()): PageLanguage {
  const wanted = [linkLanguage(req.url), ...acceptedLanguages(req.headers['accept-language'])];
  const locale = wanted.map((tag) => cats.negotiate(tag)).find((l) => l !== undefined) ?? 'en';
  return { text: cats.strings(locale).checkPage, lang: locale, dir: directionOf(locale) };
}
