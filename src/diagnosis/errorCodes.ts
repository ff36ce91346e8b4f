/**
 * Error codes in free text (what an employee pastes) and the lookup into knowledge/errorCodes.
 *
 * Accepted: `AADSTS53003` (any digits), `0x801c0003` / `0X801C0003`, a bare 8-hex-digit HRESULT
 * starting with 8 (`801c0003`), a 5-6 digit number right after a word like "error"/"code"
 * (`error 53003`, `Error code: 500121`), and a bare 5-6 digit number that is a known code.
 * Ignored: years and dates (4 digits, `2026-11-26`), phone numbers and other digit runs that touch
 * `+`, `-`, `.`, `/` or other digits, and GUID fragments.
 */
import { ERROR_CODE_INDEX } from './knowledge/errorCodes';
import type { ErrorCodeInfo } from './types';

const AADSTS = /AADSTS(\d{4,7})/gi;
const HEX = /(^|[^0-9a-z-])(?:0x)([0-9a-f]{8})(?![0-9a-z-])/gi;
const BARE_HEX = /(^|[^0-9a-z-])(8[0-9a-f]{7})(?![0-9a-z-])/gi;
const NUMBER = /(^|[^0-9A-Za-z+\-./])(\d{5,6})(?![0-9\-./:]\d|\d|[A-Za-z])/g;
const KEYWORD_BEFORE = /(?:error|code|errorcode|err|status|aadsts)[\s:#=]*$/i;

/** Normalise one code: strip `AADSTS` / `0x`, lowercase hex, drop leading zeros of decimals. */
export function normaliseErrorCode(code: string): string {
  const t = code.trim().replace(/^aadsts/i, '').replace(/^0x/i, '').toLowerCase();
  return /^\d+$/.test(t) ? String(Number(t)) : t;
}

export function extractErrorCodes(text: string): string[] {
  if (typeof text !== 'string' || !text) return [];
  const s = text.slice(0, 20000);
  const found: Array<{ at: number; code: string }> = [];
  for (const m of s.matchAll(AADSTS)) if (m[1]) found.push({ at: m.index ?? 0, code: normaliseErrorCode(m[1]) });
  for (const m of s.matchAll(HEX)) if (m[2]) found.push({ at: m.index ?? 0, code: m[2].toLowerCase() });
  for (const m of s.matchAll(BARE_HEX)) {
    const hex = m[2];
    if (hex && /[a-f]/i.test(hex)) found.push({ at: m.index ?? 0, code: hex.toLowerCase() });
  }
  for (const m of s.matchAll(NUMBER)) {
    const digits = m[2];
    if (!digits) continue;
    const at = (m.index ?? 0) + (m[1]?.length ?? 0);
    const before = s.slice(Math.max(0, at - 20), at);
    if (/AADSTS$/i.test(before)) continue; // already taken by the AADSTS pattern
    const code = normaliseErrorCode(digits);
    if (KEYWORD_BEFORE.test(before) || ERROR_CODE_INDEX.has(code)) found.push({ at, code });
  }
  found.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  for (const f of found) if (!out.includes(f.code)) out.push(f.code);
  return out;
}

export function lookupErrorCode(code: string): ErrorCodeInfo | undefined {
  const entry = ERROR_CODE_INDEX.get(normaliseErrorCode(code));
  if (!entry) return undefined;
  const { window: _window, tapVerdict: _verdict, ...info } = entry;
  return info;
}
