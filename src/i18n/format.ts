/**
 * Formats one ICU MessageFormat message (intl-messageformat): `{name}` arguments, plurals
 * (`{n, plural, one {…} other {…}}`), selects, and dates and times (`{at, date, medium}`,
 * `{at, time, short}`) in the reader's locale AND time zone. Tags are not markup here
 * (`<group id>` is literal text). A message that cannot be formatted falls back to plain
 * `{name}` replacement, so a broken translation shows words, never an exception.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { currentLocale } from './scope';

export type MessageValues = Record<string, string | number | Date | boolean | undefined>;

export const MESSAGE_OPTIONS = { ignoreTag: true } as const;

const cache = new Map<string, IntlMessageFormat>();
const CACHE_LIMIT = 2000;

type Formats = ConstructorParameters<typeof IntlMessageFormat>[2];

/** The default date and time formats, each in `timeZone`. */
function zonedFormats(timeZone: string | undefined): Formats {
  if (!timeZone) return undefined;
  const zone = <T extends Record<string, Intl.DateTimeFormatOptions>>(formats: T): T =>
    Object.fromEntries(Object.entries(formats).map(([k, v]) => [k, { ...v, timeZone }])) as T;
  return { date: zone(IntlMessageFormat.formats.date), time: zone({ ...IntlMessageFormat.formats.time, short: { hour: 'numeric', minute: 'numeric', timeZoneName: 'short' } }) };
}

function compiled(message: string, locale: string, timeZone: string | undefined): IntlMessageFormat {
  const key = `${locale}\u0000${timeZone ?? ''}\u0000${message}`;
  let f = cache.get(key);
  if (!f) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    f = new IntlMessageFormat(message, locale, zonedFormats(timeZone), MESSAGE_OPTIONS);
    cache.set(key, f);
  }
  return f;
}

/** Plain `{name}` replacement; unknown names are left as they are. */
function replace(message: string, values: MessageValues): string {
  return message.replace(/\{(\w+)\}/g, (m, k: string) => (values[k] !== undefined ? String(values[k]) : m));
}

const COMPLEX = /\{\s*\w+\s*,/;

/**
 * Formats `message` with `values` in `locale` (default: the current turn's reader, else English)
 * and `timeZone` (default: the current reader's, else the runtime's).
 */
export function formatMessage(message: string, values: MessageValues = {}, locale?: string, timeZone?: string): string {
  if (!COMPLEX.test(message) && !message.includes("'")) return replace(message, values);
  const reader = currentLocale();
  try {
    const out = compiled(message, locale ?? reader?.locale ?? 'en', timeZone ?? reader?.timeZone).format<string>(values as Record<string, string | number | Date | boolean>);
    return typeof out === 'string' ? out : String(out);
  } catch {
    return replace(message, values);
  }
}
