/** HTML for the self-check page and for the friendly "this link cannot be used" pages. */
import { en, type Strings } from '../../i18n/en';
import { PAGE_SCRIPT } from './script';
import { PAGE_STYLE } from './style';

export interface ProbeForPage {
  host: string;
  url: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script> data block: no "</script>", no HTML comment openers, no U+2028/9. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The page's language: its words, the BCP 47 tag and the writing direction. */
export interface PageLanguage {
  text: Strings['checkPage'];
  lang: string;
  dir: 'ltr' | 'rtl';
}

const ENGLISH: PageLanguage = { text: en.checkPage, lang: 'en', dir: 'ltr' };

function layout(nonce: string, title: string, body: string, script = '', language: PageLanguage = ENGLISH): string {
  return `<!doctype html>
<html lang="${escapeHtml(language.lang)}" dir="${language.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${PAGE_STYLE}</style>
</head>
<body>
<main>
<div class="card">
${body}
</div>
</main>
${script}
</body>
</html>
`;
}

const CHECKS = ['browser', 'storage', 'clock', 'webauthn', 'ip', 'network'] as const;

export function renderCheckPage(opts: { nonce: string; serverTimeMs: number; probes: ProbeForPage[]; timeoutMs: number; ipFamily?: 'ipv4' | 'ipv6'; language?: PageLanguage }): string {
  const language = opts.language ?? ENGLISH;
  const t = language.text;
  const rows = CHECKS.map(
    (id) =>
      `<li class="check" id="c-${id}"><span class="name">${escapeHtml(t.checks[id])}</span><span class="vh">: </span> <span class="state" id="c-${id}-state">${escapeHtml(t.states.waiting)}</span>` +
      `<span class="vh">. </span><span class="detail" id="c-${id}-detail"></span></li>`,
  ).join('\n');
  const body = `<h1>${escapeHtml(t.heading)}</h1>
<p class="muted">${escapeHtml(t.intro)}</p>
<noscript><p><strong>${escapeHtml(t.noScript)}</strong> ${escapeHtml(t.noScriptText)}</p></noscript>
<p id="status" role="status" aria-live="polite" data-too-old="${escapeHtml(t.tooOld)}">${escapeHtml(t.starting)}</p>
<ol id="checks" class="checks hidden" aria-label="${escapeHtml(t.checksLabel)}">
${rows}
</ol>
<section id="done" class="done hidden" aria-labelledby="done-title">
<h2 id="done-title"></h2>
<p id="done-message"></p>
</section>
<details>
<summary>${escapeHtml(t.sentTitle)}</summary>
<p class="muted">${escapeHtml(t.sentText)}</p>
</details>`;
  const config = { serverTime: opts.serverTimeMs, probes: opts.probes, timeoutMs: opts.timeoutMs, ipFamily: opts.ipFamily ?? null, text: t };
  const script = `<script nonce="${opts.nonce}" id="cfg" type="application/json">${jsonForScript(config)}</script>
<script nonce="${opts.nonce}">${PAGE_SCRIPT}</script>`;
  return layout(opts.nonce, t.pageTitle, body, script, language);
}

export function renderMessagePage(opts: { nonce: string; title: string; message: string; language?: PageLanguage }): string {
  const body = `<h1>${escapeHtml(opts.title)}</h1>
<p>${escapeHtml(opts.message)}</p>`;
  return layout(opts.nonce, opts.title, body, '', opts.language);
}

/** A strict CSP: nothing but this response's inline script/style, fetches/images to the probes, posts to self. */
export function contentSecurityPolicy(nonce: string, probeOrigins: string[]): string {
  const probes = probeOrigins.join(' ');
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `connect-src 'self'${probes ? ` ${probes}` : ''}`,
    `img-src 'self'${probes ? ` ${probes}` : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
