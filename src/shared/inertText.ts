/**
 * Free text typed by one person and shown to another (an approver's question or reason to the
 * employee, the employee's answer to the helpdesk) must not carry a live link: a compromised or
 * careless account could otherwise send a convincing phishing link through the bot. Markdown
 * links keep only their label, URLs and bare domains are defanged (`https://evil.example/x` →
 * `hxxps://evil[.]example/x`), markdown markup is escaped, and the text is length-limited.
 */

/** The longest free text shown to another person. */
export const INERT_TEXT_MAX = 500;

const MD_LINK = /!?\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g;
const AUTOLINK = /<((?:https?|ftp|mailto):[^>\s]*)>/gi;
const SCHEME = /\b(https?|ftp)(:\/\/)/gi;
const WWW = /\bwww\./gi;
/** host.tld (also inside URLs and e-mail addresses): every dot of the name is bracketed. */
const DOMAIN = /\b((?:[a-z0-9-]+\.)+)([a-z]{2,24})\b/gi;
const INVISIBLE = (c: number) =>
  (c < 0x20 && c !== 0x0a && c !== 0x09) || c === 0x7f || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
const MARKUP = /([\\`*_[\]<>#|~])/g;

export function inertText(raw: string, max = INERT_TEXT_MAX): string {
  // Control and bidi/zero-width characters (used to disguise links) are dropped.
  let s = [...raw].filter((ch) => !INVISIBLE(ch.codePointAt(0) ?? 0)).join('').trim();
  s = s.replace(MD_LINK, (_m, label: string, url: string) => (label.trim() ? `${label.trim()} (${url})` : url));
  s = s.replace(AUTOLINK, '$1');
  s = s.replace(MARKUP, '\\$1');
  s = s.replace(SCHEME, (_m, scheme: string) => `${scheme.replace(/t/gi, 'x')}[:]//`);
  s = s.replace(WWW, 'www[.]');
  s = s.replace(DOMAIN, (_m, head: string, tld: string) => `${head.slice(0, -1).replace(/\./g, '[.]')}[.]${tld}`);
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}
