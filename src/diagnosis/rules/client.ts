/**
 * What the employee's browser check and answers show: an outdated browser (also from the
 * deviceDetail.browser of failed sign-ins), no WebAuthn / platform authenticator or a platform that
 * cannot register a security key, blocked Microsoft endpoints, a phone OS below Authenticator's
 * minimum, and blocked cookies.
 */
import type { Draft } from '../catalog';
import type { DiagnosisContext } from '../context';
import { WEBAUTHN_CAVEATS, type WebAuthnMethod } from '../knowledge/browsers';
import { REQUIRED_DOMAIN_SUFFIXES, REQUIRED_ENDPOINTS } from '../knowledge/endpoints';
import { ATTEMPTED_METHODS } from '../knowledge/methods';
import { PHONE_OS_MINIMUMS } from '../knowledge/phoneOs';
import { judgeBrowser, parseBrowserDetail, parsePhoneOs, parseUserAgent } from '../userAgent';
import type { ParsedUserAgent } from '../types';

const REQUIRED_HOSTS = new Set(REQUIRED_ENDPOINTS.filter((e) => e.required).map((e) => e.host));

/** "https://Login.microsoftonline.com:443/x" → "login.microsoftonline.com". */
export function hostOf(entry: string): string {
  const t = entry.trim().toLowerCase().replace(/^[a-z]+:\/\//, '');
  return (t.split(/[/?#]/)[0] ?? '').replace(/:\d+$/, '').replace(/\.$/, '');
}

export function isRequiredHost(host: string): boolean {
  return REQUIRED_HOSTS.has(host) || REQUIRED_DOMAIN_SUFFIXES.some((d) => host === d.suffix || host.endsWith(`.${d.suffix}`));
}

function browserOutdated(ctx: DiagnosisContext, ua: ParsedUserAgent | undefined): Draft | undefined {
  const min = ctx.settings.browserMinimums;
  const fromClient = ua ? judgeBrowser(ua.browser, min) : undefined;
  const fromSignIns: Array<Record<string, unknown>> = [];
  let newestAt: number | undefined;
  for (const s of ctx.recent) {
    if (s.raw.status.errorCode === 0 || fromSignIns.length >= 5) continue;
    const b = parseBrowserDetail(s.raw.deviceDetail?.browser);
    if (!b) continue;
    const verdict = judgeBrowser(b, min);
    if (!verdict.outdated) continue;
    newestAt ??= s.at;
    fromSignIns.push({ id: s.raw.id, createdDateTime: s.raw.createdDateTime, errorCode: s.raw.status.errorCode, browser: s.raw.deviceDetail?.browser ?? null, ...verdict });
  }
  if (!fromClient?.outdated && fromSignIns.length === 0) return undefined;
  const shown = fromClient?.outdated && ua ? `${ua.browser.name} ${ua.browser.version}`.trim() : String(fromSignIns[0]?.['browser'] ?? '');
  const minimum = fromClient?.outdated ? fromClient.minimum : (fromSignIns[0]?.['minimum'] as number | undefined);
  const family = fromClient?.outdated ? fromClient.family : fromSignIns[0]?.['family'];
  return {
    code: 'BROWSER_OUTDATED',
    directness: 2,
    ...(newestAt !== undefined ? { at: newestAt } : {}),
    evidence: {
      ...(fromClient?.outdated && ua ? { client: { browser: ua.browser, os: ua.os, reason: fromClient.reason, minimum: fromClient.minimum ?? null } } : {}),
      ...(fromSignIns.length ? { signIns: fromSignIns } : {}),
    },
    vars: { browser: shown, ...(minimum !== undefined && family ? { minimum: `${family === 'chromium' ? 'a Chromium-based browser' : family === 'firefox' ? 'Firefox' : 'Safari'} ${minimum}` } : {}) },
  };
}

function webauthnUnavailable(ctx: DiagnosisContext, ua: ParsedUserAgent | undefined): Draft | undefined {
  const attempted = ctx.client?.attemptedMethod;
  if (attempted !== 'fido2' && attempted !== 'passkey') return undefined;
  const method: WebAuthnMethod = attempted;
  const webauthn = ctx.client?.webauthn;
  let reason: string | undefined;
  let why: string | undefined;
  if (webauthn?.available === false) {
    why = 'noWebAuthn';
    reason = 'This browser does not offer WebAuthn (security keys and passkeys).';
  } else if (method === 'passkey' && webauthn?.platformAuthenticator === false) {
    why = 'noPlatformAuthenticator';
    reason = 'This device has no built-in authenticator (Windows Hello, Touch ID or Face ID) for a passkey.';
  } else if (ua) {
    const name = ua.browser.name.toLowerCase();
    const caveat = WEBAUTHN_CAVEATS.find((c) => c.os === ua.os.name && c.methods.includes(method) && (c.browsers.length === 0 || c.browsers.includes(name)));
    if (caveat) {
      why = 'platformCaveat';
      reason = caveat.caveat;
    }
  }
  if (!reason) return undefined;
  return {
    code: 'WEBAUTHN_UNAVAILABLE',
    directness: 2,
    evidence: { attemptedMethod: attempted, reason: why, detail: reason, webauthn: webauthn ?? null, ...(ua ? { browser: ua.browser, os: ua.os } : {}) },
    vars: { methodLabel: ATTEMPTED_METHODS[method].label, reason },
  };
}

function endpointsBlocked(ctx: DiagnosisContext): Draft | undefined {
  const blocked = [...new Set((ctx.client?.unreachable ?? []).map(hostOf).filter((h) => h && isRequiredHost(h)))];
  if (blocked.length === 0) return undefined;
  const info = blocked.map((h) => REQUIRED_ENDPOINTS.find((e) => e.host === h) ?? { host: h, purpose: 'Microsoft sign-in service (required wildcard domain)' });
  return {
    code: 'ENDPOINTS_BLOCKED',
    directness: 2,
    evidence: { unreachable: info.map((e) => ({ host: e.host, purpose: e.purpose })), ...(ctx.client?.ipFamily ? { ipFamily: ctx.client.ipFamily } : {}) },
    vars: { hosts: blocked.join(', ') },
  };
}

function phoneOsUnsupported(ctx: DiagnosisContext): Draft | undefined {
  const attempted = ctx.client?.attemptedMethod;
  if (attempted && attempted !== 'microsoftAuthenticator' && attempted !== 'passkey') return undefined;
  const text = ctx.client?.phoneOs;
  const phone = parsePhoneOs(text);
  const row = phone ? PHONE_OS_MINIMUMS.find((r) => r.os === phone.os) : undefined;
  if (!phone || !row) return undefined;
  const minimum = attempted === 'passkey' ? row.passkey : row.authenticator;
  if (!(phone.major < minimum)) return undefined;
  const { os, version } = phone;
  return {
    code: 'AUTHENTICATOR_OS_UNSUPPORTED',
    directness: 2,
    evidence: { phoneOs: text ?? null, os, version, minimum, purpose: attempted === 'passkey' ? 'passkey in Microsoft Authenticator' : 'Microsoft Authenticator', source: row.source },
    vars: { os: `${os} ${version}`, minimum: `${os} ${minimum}` },
  };
}

export function clientRules(ctx: DiagnosisContext): Draft[] {
  const client = ctx.client;
  const ua = client?.userAgent ? parseUserAgent(client.userAgent) : undefined;
  const cookies: Draft | undefined =
    client?.cookiesEnabled === false ? { code: 'COOKIES_BLOCKED', directness: 2, evidence: { cookiesEnabled: false, ...(ua ? { browser: ua.browser } : {}) } } : undefined;
  return [browserOutdated(ctx, ua), webauthnUnavailable(ctx, ua), endpointsBlocked(ctx), phoneOsUnsupported(ctx), cookies].filter((d): d is Draft => d !== undefined);
}
