/**
 * The locales the accessibility checks render cards in: every message catalogue in locales/ at
 * test time (English first), so a new translation is checked without a test change. Each card is
 * rendered inside that reader's locale scope, as the bot does, so it carries `lang` and, for
 * right-to-left languages, `rtl`.
 */
import { join, resolve } from 'node:path';
import type { CardContext } from '../../../../src/cards/cardContext';
import { createCardRenderer } from '../../../../src/cards/renderCard';
import { loadCatalogues } from '../../../../src/i18n/catalogues';
import { directionOf } from '../../../../src/i18n/negotiate';
import { inLocale, type LocaleContext } from '../../../../src/i18n/scope';

export const ROOT = resolve(__dirname, '..', '..', '..', '..');

export interface CardLocale {
  locale: string;
  dir: 'ltr' | 'rtl';
  ctx: CardContext;
  /** Runs `render` as this reader (src/i18n/scope.ts). */
  asReader<T>(render: () => T): T;
}

export function cardLocales(root = ROOT): CardLocale[] {
  const renderer = createCardRenderer({ dir: join(root, 'adaptiveCards') });
  const catalogues = loadCatalogues(join(root, 'locales'));
  return catalogues.locales.map((locale) => {
    const reader: LocaleContext = { locale, strings: catalogues.strings(locale), dir: directionOf(locale) };
    return { locale, dir: reader.dir, ctx: { renderer, strings: reader.strings }, asReader: (render) => inLocale(reader, render) };
  });
}
