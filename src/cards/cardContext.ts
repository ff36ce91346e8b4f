import type { Strings } from '../i18n/en';
import type { CardRenderer } from './renderCard';

/** What every typed renderer needs: the template renderer and the strings of one locale. */
export interface CardContext {
  renderer: CardRenderer;
  strings: Strings;
}
