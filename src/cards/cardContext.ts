import { en, type Strings } from '../i18n/en';
import { currentLocale } from '../i18n/scope';
import type { CardRenderer } from './renderCard';

/** What every typed renderer needs: the template renderer and the strings of one locale. */
export interface CardContext {
  renderer: CardRenderer;
  strings: Strings;
}

/**
 * A card context that speaks the current reader's language (src/i18n/scope.ts), English outside
 * any reader; `fixed` strings, when given, for every reader.
 */
export function localizedCards(renderer: CardRenderer, fixed?: Strings): CardContext {
  if (fixed) return { renderer, strings: fixed };
  return {
    renderer,
    get strings(): Strings {
      return currentLocale()?.strings ?? en;
    },
  };
}
