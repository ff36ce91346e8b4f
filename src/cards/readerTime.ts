import { currentLocale } from '../i18n/scope';

/**
 * Times as the reader reads them: in their time zone and locale (from the Teams activity), with
 * the zone named; UTC when the reader is unknown. Invalid zones or locales fall back, never throw.
 */
export interface Reader {
  /** IANA time zone, e.g. `Europe/Zurich` (Teams `localTimezone` or clientInfo `timezone`). */
  timeZone?: string;
  /** BCP 47 locale, e.g. `de-CH` (Teams `locale`). */
  locale?: string;
}

function formatter(reader: Reader): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: reader.timeZone ?? 'UTC' };
  try {
    return new Intl.DateTimeFormat(reader.locale ?? 'en-GB', options);
  } catch {
    try {
      return new Intl.DateTimeFormat('en-GB', options);
    } catch {
      return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
  }
}

/** `26 Nov 2026, 10:00 (Europe/Zurich)`; the input unchanged when it is not a date. */
export function formatForReader(iso: string | undefined, reader: Reader = {}): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const f = formatter(reader);
  return `${f.format(d)} (${f.resolvedOptions().timeZone})`;
}

/** A formatter bound to one reader. */
export function readerClock(reader: Reader = {}): (iso: string) => string {
  return (iso) => formatForReader(iso, reader);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const isIsoTime = (v: string): boolean => ISO.test(v);

/** "2026-11-26 10:32 UTC": unambiguous for a reader whose zone is unknown. */
export function formatUtc(iso: string | undefined): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** In the current reader's time zone and locale (src/i18n/scope.ts) when known, else in UTC. */
export function formatForCurrentReader(iso: string | undefined): string {
  const r = currentLocale();
  if (!r?.timeZone) return formatUtc(iso);
  return formatForReader(iso, { timeZone: r.timeZone, locale: r.formatLocale ?? r.locale });
}
