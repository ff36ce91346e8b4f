/**
 * User-agent parsing (browser self-check), `deviceDetail.browser` parsing (sign-in logs), phone OS
 * parsing, and the browser-minimum judgement. Regexes are compiled once at module load.
 */
import { BROWSER_RULES, DEFAULT_BROWSER_MINIMUMS, type BrowserRule } from './knowledge/browsers';
import type { BrowserMinimums, ParsedUserAgent } from './types';

type Browser = ParsedUserAgent['browser'];
type Os = ParsedUserAgent['os'];

const UNKNOWN = 'unknown';
const ver = (s: string | undefined): string => (s ?? '').replace(/_/g, '.');

function chromiumVersion(ua: string): string | undefined {
  return /(?:Chrome|Chromium|CriOS)\/([\d.]+)/.exec(ua)?.[1];
}

function parseBrowser(ua: string, os: Os): Browser {
  const webkitOnIos = os.name === 'iOS';
  let m: RegExpExecArray | null;
  if ((m = /MSIE ([\d.]+)/.exec(ua)) || (m = /Trident\/[\d.]+.*rv:([\d.]+)/.exec(ua))) return { name: 'Internet Explorer', version: ver(m[1]), engine: 'Trident' };
  if ((m = /Edge\/([\d.]+)/.exec(ua))) return { name: 'Edge Legacy', version: ver(m[1]), engine: 'EdgeHTML' };
  const chromium = chromiumVersion(ua);
  const blink = (name: string, version: string | undefined): Browser =>
    webkitOnIos ? { name, version: ver(version), engine: 'WebKit' } : { name, version: ver(version), engine: 'Blink', engineVersion: ver(chromium ?? version) };
  if ((m = /Edg(?:A|iOS)?\/([\d.]+)/.exec(ua))) return blink('Edge', m[1]);
  if ((m = /(?:OPR|OPT)\/([\d.]+)/.exec(ua))) return blink('Opera', m[1]);
  if ((m = /SamsungBrowser\/([\d.]+)/.exec(ua))) return blink('Samsung Internet', m[1]);
  if ((m = /Vivaldi\/([\d.]+)/.exec(ua))) return blink('Vivaldi', m[1]);
  if ((m = /FxiOS\/([\d.]+)/.exec(ua))) return { name: 'Firefox', version: ver(m[1]), engine: 'WebKit' };
  if ((m = /Firefox\/([\d.]+)/.exec(ua))) return { name: 'Firefox', version: ver(m[1]), engine: 'Gecko' };
  if ((m = /CriOS\/([\d.]+)/.exec(ua))) return { name: 'Chrome', version: ver(m[1]), engine: 'WebKit' };
  if (chromium) return blink(/Chromium\//.test(ua) ? 'Chromium' : 'Chrome', chromium);
  if ((m = /Version\/([\d.]+).*Safari\//.exec(ua))) return { name: 'Safari', version: ver(m[1]), engine: 'WebKit' };
  return { name: UNKNOWN, version: '', engine: UNKNOWN };
}

function parseOs(ua: string): Os {
  let m: RegExpExecArray | null;
  if ((m = /(?:iPhone|iPad|iPod).*? OS ([\d_]+)/.exec(ua))) return { name: 'iOS', version: ver(m[1]) };
  if ((m = /Android ([\d.]+)/.exec(ua))) return { name: 'Android', version: ver(m[1]) };
  if (/Android/.test(ua)) return { name: 'Android', version: '' };
  if ((m = /Windows NT ([\d.]+)/.exec(ua))) return { name: 'Windows', version: ver(m[1]) };
  if ((m = /CrOS \S+ ([\d.]+)/.exec(ua))) return { name: 'ChromeOS', version: ver(m[1]) };
  if ((m = /Mac OS X ([\d_.]+)/.exec(ua))) return { name: 'macOS', version: ver(m[1]) };
  if (/Macintosh/.test(ua)) return { name: 'macOS', version: '' };
  if (/Linux/.test(ua)) return { name: 'Linux', version: '' };
  return { name: UNKNOWN, version: '' };
}

/** Parse `navigator.userAgent`. Never throws; unknown parts are `"unknown"` / `""`. */
export function parseUserAgent(ua: string): ParsedUserAgent {
  const text = typeof ua === 'string' ? ua.slice(0, 2000) : '';
  const os = parseOs(text);
  return { browser: parseBrowser(text, os), os };
}

/** Parse a sign-in record's `deviceDetail.browser`, e.g. "Chrome 151.0.0", "IE 11.0", "Edge 18.17763". */
export function parseBrowserDetail(text: string | null | undefined): Browser | undefined {
  const m = /^\s*(.*?)\s+v?([\d.]+)\s*$/.exec(text ?? '');
  if (!m || !m[1] || !m[2]) return undefined;
  const raw = m[1].toLowerCase();
  const major = Number(m[2].split('.')[0]);
  if (raw === 'ie' || raw === 'internet explorer') return { name: 'Internet Explorer', version: m[2], engine: 'Trident' };
  if (raw === 'edge' && major < 79) return { name: 'Edge Legacy', version: m[2], engine: 'EdgeHTML' };
  const name = raw === 'mobile safari' ? 'Safari' : m[1];
  return { name, version: m[2], engine: UNKNOWN, engineVersion: m[2] };
}

/** Parse "iOS 17.4" / "Android 14" (case-insensitive; "iPadOS" counts as iOS). */
export function parsePhoneOs(text: string | null | undefined): { os: 'iOS' | 'Android'; version: string; major: number } | undefined {
  const m = /^\s*(ios|ipados|iphone os|android)\s*v?(\d+(?:\.\d+)*)/i.exec(text ?? '');
  if (!m || !m[1] || !m[2]) return undefined;
  const os = m[1].toLowerCase() === 'android' ? 'Android' : 'iOS';
  return { os, version: m[2], major: Number(m[2].split('.')[0]) };
}

export interface BrowserVerdict {
  outdated: boolean;
  reason?: 'unsupported' | 'belowMinimum';
  minimum?: number;
  family?: BrowserRule['family'];
}

/** Judge a parsed browser against the minimums (unknown browsers are never called outdated). */
export function judgeBrowser(browser: Browser, overrides?: Partial<BrowserMinimums>): BrowserVerdict {
  const rule = BROWSER_RULES.find((r) => r.names.includes(browser.name.toLowerCase()));
  if (!rule) return { outdated: false };
  if (rule.family === 'unsupported') return { outdated: true, reason: 'unsupported', family: rule.family };
  if (rule.family === 'unknown') return { outdated: false };
  const minimum = overrides?.[rule.family] ?? DEFAULT_BROWSER_MINIMUMS[rule.family];
  const version = rule.useEngineVersion && browser.engineVersion ? browser.engineVersion : browser.version;
  const major = Number(version.split('.')[0]);
  if (!version || !Number.isFinite(major)) return { outdated: false };
  return major < minimum ? { outdated: true, reason: 'belowMinimum', minimum, family: rule.family } : { outdated: false, minimum, family: rule.family };
}
