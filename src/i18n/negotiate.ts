/**
 * Locale negotiation: which catalogue answers a requested BCP 47 tag. Exact match (any casing),
 * then known aliases (zh-CN → zh-Hans), then the same language (de-CH → de, pt → pt-BR), else
 * nothing (the caller falls back). Teams sends `en-US`, `en-us` and even `en`.
 */

/** Tags Teams or Graph send for a catalogue named differently. */
const ALIASES: Readonly<Record<string, string>> = {
  'zh-cn': 'zh-Hans',
  'zh-sg': 'zh-Hans',
  'zh-hans-cn': 'zh-Hans',
  zh: 'zh-Hans',
  'zh-tw': 'zh-Hant',
  'zh-hk': 'zh-Hant',
  'zh-mo': 'zh-Hant',
  nb: 'no',
  'nb-no': 'no',
  pt: 'pt-BR',
};

/** Languages written right to left. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

export function languageOf(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? tag).toLowerCase();
}

export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RTL.has(languageOf(locale)) ? 'rtl' : 'ltr';
}

/** The available locale that serves `requested`, or undefined. */
export function negotiate(requested: string | undefined, available: readonly string[]): string | undefined {
  if (!requested) return undefined;
  const tag = requested.trim().replace(/_/g, '-').toLowerCase();
  if (!tag) return undefined;
  const byLower = new Map(available.map((l) => [l.toLowerCase(), l]));
  const exact = byLower.get(tag);
  if (exact) return exact;
  const alias = ALIASES[tag] ?? ALIASES[languageOf(tag)];
  if (alias && byLower.has(alias.toLowerCase())) return byLower.get(alias.toLowerCase());
  const language = languageOf(tag);
  const plain = byLower.get(language);
  if (plain) return plain;
  return available.find((l) => languageOf(l) === language);
}
