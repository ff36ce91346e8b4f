/**
 * AUTHENTICATOR_UPDATE_REQUIRED (findings.md): the employee is creating a passkey in Microsoft
 * Authenticator and the registered app is older than the minimum for their profiles (iOS 6.8.37 /
 * Android 6.2507.4749 when a profile allows both kinds, entra-graph-2026.md §16.5), or the phone OS
 * is below iOS 17 / Android 14 where AUTHENTICATOR_OS_UNSUPPORTED does not already say so.
 */
import type { Draft } from '../catalog';
import type { DiagnosisContext } from '../context';
import { AUTHENTICATOR_PASSKEY_MINIMUMS, type AuthenticatorMinimum } from '../knowledge/passkeys';
import { PHONE_OS_MINIMUMS } from '../knowledge/phoneOs';
import type { PasskeyPolicyView } from '../passkeyPolicy';
import { parsePhoneOs } from '../userAgent';

/** Numeric dotted comparison: -1, 0, 1 (missing parts count as 0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * Which phone an Authenticator registration is on: the employee's phone OS when given, else the
 * version's shape (Android builds read 6.YYMM.NNNN, iOS 6.x.y) [heuristic, unconfirmed].
 */
function osOfVersion(version: string, clientOs: string | undefined): 'iOS' | 'Android' {
  if (clientOs === 'iOS' || clientOs === 'Android') return clientOs;
  return /^\d+\.\d{4}\.\d+/.test(version) ? 'Android' : 'iOS';
}

/** Would AUTHENTICATOR_OS_UNSUPPORTED already report this phone OS? (rules/client.ts) */
function osFindingCovers(ctx: DiagnosisContext, os: string, major: number): boolean {
  const row = PHONE_OS_MINIMUMS.find((r) => r.os === os);
  const attempted = ctx.client?.attemptedMethod;
  if (!row) return false;
  if (attempted === 'passkey') return major < row.passkey;
  if (!attempted || attempted === 'microsoftAuthenticator') return major < row.authenticator;
  return false;
}

export function authenticatorUpdate(ctx: DiagnosisContext, view: PasskeyPolicyView): Draft | undefined {
  if (ctx.client?.passkeyProvider !== 'microsoftAuthenticator') return undefined;
  const phone = parsePhoneOs(ctx.client.phoneOs);
  const bothKinds = view.profiles.some((p) => p.kinds.includes('deviceBound') && p.kinds.includes('synced'));
  const outdated: Array<Record<string, unknown>> = [];
  let shown: { version: string; min: AuthenticatorMinimum } | undefined;
  for (const m of ctx.authenticators) {
    const version = typeof m['phoneAppVersion'] === 'string' ? m['phoneAppVersion'] : undefined;
    if (!version || !bothKinds) continue;
    const min = AUTHENTICATOR_PASSKEY_MINIMUMS.find((r) => r.os === osOfVersion(version, phone?.os));
    if (!min || compareVersions(version, min.appVersion) >= 0) continue;
    shown ??= { version, min };
    outdated.push({ id: m.id, displayName: m.displayName ?? null, phoneAppVersion: version, os: min.os, minimum: min.appVersion, source: min.source });
  }
  const osMin = phone ? AUTHENTICATOR_PASSKEY_MINIMUMS.find((r) => r.os === phone.os) : undefined;
  const osTooOld = phone && osMin && phone.major < osMin.osMajor && !osFindingCovers(ctx, phone.os, phone.major);
  if (outdated.length === 0 && !osTooOld) return undefined;
  return {
    code: 'AUTHENTICATOR_UPDATE_REQUIRED',
    directness: 2,
    evidence: {
      passkeyProvider: 'microsoftAuthenticator',
      profilesAllowBothKinds: bothKinds,
      ...(outdated.length ? { authenticators: outdated } : {}),
      ...(osTooOld && phone && osMin ? { phoneOs: { os: phone.os, version: phone.version, minimum: `${osMin.os} ${osMin.osMajor}`, source: osMin.source } } : {}),
    },
    vars: {
      ...(shown ? { version: shown.version, minimum: shown.min.appVersion, os: shown.min.os } : {}),
      ...(osTooOld && phone && osMin && !shown ? { os: `${phone.os} ${phone.version}`, minimum: `${osMin.os} ${osMin.osMajor}` } : {}),
    },
  };
}
