/**
 * English, the base catalogue (locales/en.json) and the default of every reader who has no
 * other language. Code that renders for a reader takes the reader's strings from the card
 * context (src/cards/cardContext.ts) or `currentLocale()`; `en` is what tests and English-only
 * tools use.
 */
import { catalogues } from './catalogues';
import { formatMessage, type MessageValues } from './format';
import type { Strings } from './strings';

export type { Strings } from './strings';

export const en: Strings = catalogues().strings('en');

/**
 * Formats an ICU message: `{name}` placeholders, plurals and dates, in the current reader's
 * locale and time zone. Unknown names are left as they are.
 */
export function fill(template: string, values: MessageValues): string {
  return formatMessage(template, values);
}
