/**
 * Turns a finding's evidence (plain JSON from the diagnosis engine) into short FactSet rows, and
 * finds the error codes it mentions. Values are shortened: a card is not a data dump.
 */
import { isIsoTime } from './readerTime';

export interface Fact {
  title: string;
  value: string;
}

const MAX_FACTS = 12;
const MAX_VALUE = 140;

/** Words that keep their capitals in labels ("IP family", not "Ip family"). */
const ACRONYMS: Record<string, string> = { ip: 'IP', ipv4: 'IPv4', ipv6: 'IPv6', tap: 'TAP', ca: 'CA', os: 'OS', mfa: 'MFA', id: 'ID', ids: 'IDs', upn: 'UPN', url: 'URL' };

function humanize(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  const words = spaced.split(/\s+/).map((w) => ACRONYMS[w] ?? w);
  const first = words[0] ?? '';
  words[0] = ACRONYMS[first] ? first : first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}

function shorten(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function label(item: unknown): string {
  if (item === null || item === undefined) return '-';
  if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
  if (typeof item === 'object' && !Array.isArray(item)) {
    const o = item as Record<string, unknown>;
    for (const k of ['displayName', 'name', 'title', 'code', 'errorCode', 'id']) {
      const v = o[k];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
  }
  return JSON.stringify(item);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    const shown = value.slice(0, 5).map(label).join(', ');
    return value.length > 5 ? `${shown} and ${value.length - 5} more` : shown;
  }
  return label(value);
}

/** `formatTime`: how a top-level ISO time is shown (the reader's zone); unchanged when absent. */
export function evidenceFacts(evidence: Record<string, unknown>, formatTime?: (iso: string) => string): Fact[] {
  const facts: Fact[] = [];
  for (const [key, value] of Object.entries(evidence)) {
    if (value === undefined) continue;
    const shown = formatTime && typeof value === 'string' && isIsoTime(value) ? formatTime(value) : describe(value);
    facts.push({ title: humanize(key), value: shorten(shown) });
    if (facts.length >= MAX_FACTS) break;
  }
  return facts;
}

/** Error codes named in evidence (keys containing "errorCode"), as strings, without duplicates. */
export function evidenceErrorCodes(evidence: unknown, found: Set<string> = new Set(), depth = 0): string[] {
  if (depth > 4 || evidence === null || typeof evidence !== 'object') return [...found];
  const entries = Array.isArray(evidence) ? evidence.map((v, i) => [String(i), v] as const) : Object.entries(evidence);
  for (const [key, value] of entries) {
    if (/errorcode/i.test(key)) {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      for (const v of values) if ((typeof v === 'number' || typeof v === 'string') && /^\d{4,7}$/.test(String(v))) found.add(String(v));
    } else if (typeof value === 'object') {
      evidenceErrorCodes(value, found, depth + 1);
    }
  }
  return [...found];
}
