/** Responses of the check endpoints: security headers on everything, HTML for people, JSON for the page. */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { en, fill } from '../i18n/en';
import { contentSecurityPolicy, renderMessagePage, type PageLanguage } from './page/html';

export type Refusal = 'invalid_link' | 'unknown_link' | 'expired' | 'used' | 'rate_limited' | 'too_large' | 'unsupported_media_type' | 'bad_request' | 'internal';

export const REFUSALS: Record<Refusal, { status: number; title: string; message: string }> = {
  invalid_link: { status: 403, title: 'This link is not valid', message: 'Go back to Teams and ask the assistant for a new check link.' },
  unknown_link: { status: 404, title: 'We do not recognise this link', message: 'Go back to Teams and ask the assistant for a new check link.' },
  expired: { status: 410, title: 'This link has expired', message: 'Check links work for a short time only. Go back to Teams and ask the assistant for a new one.' },
  used: { status: 410, title: 'This link was already used', message: 'Your results were already received. Go back to Teams; ask for a new link if you want to check again.' },
  rate_limited: { status: 429, title: 'Too many attempts', message: 'Wait a minute, then try again.' },
  too_large: { status: 413, title: 'The results were too large', message: 'Go back to Teams and tell the assistant the check could not be sent.' },
  unsupported_media_type: { status: 415, title: 'The results were not understood', message: 'Results must be sent as JSON.' },
  bad_request: { status: 400, title: 'The results were not understood', message: 'Go back to Teams and ask the assistant for a new check link.' },
  internal: { status: 500, title: 'Something went wrong on our side', message: 'Go back to Teams and tell the assistant; quote the reference below.' },
};

const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function newCspNonce(): string {
  return randomBytes(16).toString('base64');
}

export function sendHtml(res: ServerResponse, status: number, html: string, nonce: string, probeOrigins: string[]): void {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy(nonce, probeOrigins),
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The refusal's words in the page's language (English by default). */
function wordsOf(why: Refusal, language: PageLanguage | undefined): { title: string; message: string } {
  const r = REFUSALS[why];
  return language?.text.refusals[why] ?? { title: r.title, message: r.message };
}

export function refuseHtml(res: ServerResponse, why: Refusal, extra: { reference?: string; retryAfter?: number; language?: PageLanguage } = {}): void {
  const r = REFUSALS[why];
  const words = wordsOf(why, extra.language);
  const nonce = newCspNonce();
  const reference = extra.reference ? fill((extra.language?.text ?? en.checkPage).reference, { reference: extra.reference }) : '';
  const message = reference ? `${words.message} ${reference}` : words.message;
  if (extra.retryAfter) res.setHeader('Retry-After', String(extra.retryAfter));
  sendHtml(res, r.status, renderMessagePage({ nonce, title: words.title, message, ...(extra.language ? { language: extra.language } : {}) }), nonce, []);
}

export function refuseJson(res: ServerResponse, why: Refusal, extra: { reference?: string; retryAfter?: number; detail?: string; language?: PageLanguage } = {}): void {
  const r = REFUSALS[why];
  const words = wordsOf(why, extra.language);
  const headers: Record<string, string> = extra.retryAfter ? { 'Retry-After': String(extra.retryAfter) } : {};
  const body: Record<string, string> = { error: why, title: words.title, message: words.message };
  if (extra.reference) body['reference'] = extra.reference;
  if (extra.detail) body['detail'] = extra.detail;
  sendJson(res, r.status, body, headers);
}
