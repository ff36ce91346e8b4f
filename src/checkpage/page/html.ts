/** HTML for the self-check page and for the friendly "this link cannot be used" pages. */
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

function layout(nonce: string, title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
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

const CHECKS: Array<[string, string]> = [
  ['browser', 'Browser version'],
  ['storage', 'Cookies and site storage'],
  ['clock', 'Device clock'],
  ['webauthn', 'Passkeys and security keys'],
  ['ip', 'Internet connection (IPv4 or IPv6)'],
  ['network', 'Network access to Microsoft sign-in'],
];

export function renderCheckPage(opts: { nonce: string; serverTimeMs: number; probes: ProbeForPage[]; timeoutMs: number; ipFamily?: 'ipv4' | 'ipv6' }): string {
  const rows = CHECKS.map(
    ([id, name]) =>
      `<li class="check" id="c-${id}"><span class="name">${escapeHtml(name)}</span><span class="vh">: </span> <span class="state" id="c-${id}-state">Waiting</span>` +
      `<span class="vh">. </span><span class="detail" id="c-${id}-detail"></span></li>`,
  ).join('\n');
  const body = `<h1>Checking your browser for MFA setup</h1>
<p class="muted">This takes a few seconds. Nothing is installed and no files are read.</p>
<noscript><p><strong>JavaScript is turned off.</strong> Turn it on for this page, or tell the assistant in Teams that the check did not run.</p></noscript>
<p id="status" role="status" aria-live="polite">Starting the check...</p>
<ol id="checks" class="checks hidden" aria-label="Checks">
${rows}
</ol>
<section id="done" class="done hidden" aria-labelledby="done-title">
<h2 id="done-title"></h2>
<p id="done-message"></p>
</section>
<details>
<summary>What is sent to your helpdesk assistant</summary>
<p class="muted">Your browser's name and version, whether passkeys and security keys can work here (and which passkey features
your browser reports), whether cookies and site storage work, how far your clock is off, whether you connect over IPv4 or IPv6,
and which Microsoft sign-in addresses your network can reach. Nothing else.</p>
</details>`;
  const config = { serverTime: opts.serverTimeMs, probes: opts.probes, timeoutMs: opts.timeoutMs, ipFamily: opts.ipFamily ?? null };
  const script = `<script nonce="${opts.nonce}" id="cfg" type="application/json">${jsonForScript(config)}</script>
<script nonce="${opts.nonce}">${PAGE_SCRIPT}</script>`;
  return layout(opts.nonce, 'MFA setup check', body, script);
}

export function renderMessagePage(opts: { nonce: string; title: string; message: string }): string {
  const body = `<h1>${escapeHtml(opts.title)}</h1>
<p>${escapeHtml(opts.message)}</p>`;
  return layout(opts.nonce, opts.title, body);
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
