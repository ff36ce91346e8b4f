/** Serves the privacy statement and terms of use (GET /privacy, GET /terms) as accessible HTML. */
import type { Server } from 'restify';
import { PRIVACY, TERMS, type LegalPage } from './content';

export interface LegalOptions {
  organization: string;
  contact: string;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderLegalPage(page: LegalPage, o: LegalOptions): string {
  const fill = (s: string) => escapeHtml(s.replace(/\{organization\}/g, o.organization).replace(/\{contact\}/g, o.contact));
  const sections = page.sections
    .map((s) => `<section><h2>${fill(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${fill(p)}</p>`).join('')}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fill(page.title)}</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1b1b1b;background:#fff}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.8rem}</style>
</head><body><main><h1>${fill(page.title)}</h1><p>${fill(page.intro)}</p>
${sections}
</main></body></html>`;
}

export function registerLegalPages(server: Server, o: LegalOptions): void {
  for (const [path, page] of [
    ['/privacy', PRIVACY],
    ['/terms', TERMS],
  ] as const) {
    const html = renderLegalPage(page, o);
    server.get(path, (_req, res, next) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=3600',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
      });
      res.end(html);
      next();
    });
  }
}
