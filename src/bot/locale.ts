/**
 * Which language a turn speaks: the employee's own choice ("speak English", stored in the
 * conversation state), else the Teams client language of the activity (or the one remembered
 * from the last activity), else the tenant default. Everything rendered below `inLocale` (cards,
 * notices, dates) uses it (src/i18n/scope.ts).
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Reader } from '../cards/readerTime';
import { readerOfActivity, rememberReader } from './reader';
import { directionOf, type Catalogues } from '../i18n/catalogues';
import type { LocaleContext } from '../i18n/scope';

const OverrideSchema = z.string().min(2).max(35).regex(/^[A-Za-z0-9-]+$/);

/** The employee's stored language choice, when valid. */
export function storedOverride(conversation: { language?: unknown } | undefined): string | undefined {
  const parsed = OverrideSchema.safeParse(conversation?.language);
  return parsed.success ? parsed.data : undefined;
}

/** The locale context for a reader: override → reader's locale → tenant default → English. */
export function localeFor(catalogues: Catalogues, reader: Reader, defaultLocale: string | undefined, override?: string): LocaleContext {
  const locale = catalogues.negotiate(override) ?? catalogues.negotiate(reader.locale) ?? catalogues.negotiate(defaultLocale) ?? 'en';
  const formatLocale = override === undefined && reader.locale && catalogues.negotiate(reader.locale) === locale ? reader.locale : locale;
  return { locale, formatLocale, ...(reader.timeZone ? { timeZone: reader.timeZone } : {}), strings: catalogues.strings(locale), dir: directionOf(locale) };
}

/** The locale of a turn whose state is loaded: the stored choice, then the reader (this activity's or remembered). */
export function localeOfTurn(catalogues: Catalogues, defaultLocale: string | undefined, conversation: { language?: unknown; reader?: unknown } | undefined, a: Partial<Activity>): LocaleContext {
  let reader: Reader;
  try {
    reader = conversation ? rememberReader(conversation, a) : readerOfActivity(a);
  } catch {
    reader = readerOfActivity(a);
  }
  return localeFor(catalogues, reader, defaultLocale, storedOverride(conversation));
}
