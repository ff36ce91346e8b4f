/** Pure shaping of Graph data for the TAP and risk-profile answers (no secrets ever pass here). */
import type { AuthMethod, DirectoryFacts, SignIn } from '../../diagnosis/facts';
import { isTapAllowedForUser } from '../../diagnosis/methodPolicy';
import { userHoldsPrivilegedRole } from '../../diagnosis/roles';
import type { MethodSummary, SignInSummary, TapPolicyView, TapView } from '../api';

export const TAP_ODATA_TYPE = '#microsoft.graph.temporaryAccessPassAuthenticationMethod';
const PASSWORD_ODATA_TYPE = '#microsoft.graph.passwordAuthenticationMethod';

const KINDS: Record<string, string> = {
  microsoftAuthenticatorAuthenticationMethod: 'Microsoft Authenticator',
  phoneAuthenticationMethod: 'Phone',
  fido2AuthenticationMethod: 'Passkey (FIDO2)',
  windowsHelloForBusinessAuthenticationMethod: 'Windows Hello for Business',
  softwareOathAuthenticationMethod: 'Authenticator app code (OATH)',
  hardwareOathAuthenticationMethod: 'Hardware token (OATH)',
  emailAuthenticationMethod: 'Email',
  temporaryAccessPassAuthenticationMethod: 'Temporary Access Pass',
  platformCredentialAuthenticationMethod: 'Platform credential (macOS)',
  passwordAuthenticationMethod: 'Password',
  qrCodePinAuthenticationMethod: 'QR code',
};

export const isTap = (m: AuthMethod): boolean => m['@odata.type'] === TAP_ODATA_TYPE;

export function methodSummary(m: AuthMethod): MethodSummary {
  const type = m['@odata.type'].replace(/^#microsoft\.graph\./, '');
  return {
    id: m.id,
    type,
    kind: KINDS[type] ?? type,
    ...(m.displayName ? { displayName: m.displayName } : {}),
    ...(m.createdDateTime ? { createdDateTime: m.createdDateTime } : {}),
  };
}

/** Methods created at or after `since` (password excluded; TAPs excluded unless asked), newest first. */
export function methodsCreatedSince(methods: AuthMethod[], since: Date, opts: { includeTaps: boolean }): MethodSummary[] {
  return methods
    .filter((m) => m['@odata.type'] !== PASSWORD_ODATA_TYPE && (opts.includeTaps || !isTap(m)))
    .filter((m) => typeof m.createdDateTime === 'string' && Date.parse(m.createdDateTime) >= since.getTime())
    .sort((a, b) => Date.parse(b.createdDateTime ?? '') - Date.parse(a.createdDateTime ?? ''))
    .map(methodSummary);
}

/** Graph's usability when it gave one; otherwise computed from start + lifetime at `now`. */
export function tapView(m: AuthMethod, now: Date): TapView {
  const startText = m.startDateTime ?? m.createdDateTime ?? undefined;
  const start = startText ? Date.parse(startText) : NaN;
  const lifetime = typeof m.lifetimeInMinutes === 'number' ? m.lifetimeInMinutes : undefined;
  const expires = Number.isFinite(start) && lifetime !== undefined ? start + lifetime * 60_000 : undefined;
  let reason = m.methodUsabilityReason ?? undefined;
  if (!reason) {
    if (expires !== undefined && now.getTime() >= expires) reason = 'Expired';
    else if (Number.isFinite(start) && now.getTime() < start) reason = 'NotYetValid';
    else reason = 'EnabledByPolicy';
  }
  return {
    methodId: m.id,
    isUsable: m.isUsable ?? reason === 'EnabledByPolicy',
    reason,
    methodUsabilityReason: reason,
    ...(expires !== undefined ? { expiresAt: new Date(expires).toISOString() } : {}),
    ...(m.createdDateTime ? { createdDateTime: m.createdDateTime } : {}),
    ...(m.startDateTime ? { startDateTime: m.startDateTime } : {}),
    ...(lifetime !== undefined ? { lifetimeInMinutes: lifetime } : {}),
    ...(typeof m.isUsableOnce === 'boolean' ? { isUsableOnce: m.isUsableOnce } : {}),
  };
}

/** The user's pass (Graph keeps at most one): the newest TAP, or the one with `methodId`. */
export function findTap(methods: AuthMethod[], methodId?: string): AuthMethod | undefined {
  const taps = methods.filter(isTap);
  if (methodId !== undefined) return taps.find((t) => t.id.toLowerCase() === methodId.toLowerCase());
  return taps.sort((a, b) => Date.parse(b.createdDateTime ?? '') - Date.parse(a.createdDateTime ?? ''))[0];
}

/** A pass that can be (or soon can be) signed in with. */
export const isLiveTap = (v: TapView): boolean => v.isUsable || v.reason === 'NotYetValid';

export function tapPolicyView(facts: DirectoryFacts): TapPolicyView {
  const { allowed, reason, policy } = isTapAllowedForUser(facts);
  const why: Record<string, string> = {
    externalGuest: 'external guests cannot get a Temporary Access Pass',
    disabled: 'the Temporary Access Pass method is disabled in the tenant',
    excluded: 'the user is excluded from the Temporary Access Pass policy',
    notIncluded: 'the user is not in the Temporary Access Pass policy targets',
    absent: 'the tenant has no Temporary Access Pass policy',
  };
  return {
    allowed,
    ...(reason ? { reason: why[reason] ?? reason } : {}),
    minLifetimeInMinutes: policy.min,
    maxLifetimeInMinutes: policy.max,
    defaultLifetimeInMinutes: policy.default,
    isUsableOnce: policy.isUsableOnce,
  };
}

/** Privileged = any directory role (direct or through a group); unknown memberships count as privileged. */
export function privilegeOf(facts: DirectoryFacts): { privileged: boolean; roles: string[]; unknown: boolean } {
  const { privileged, roles } = userHoldsPrivilegedRole(facts);
  const unknown = facts.memberships === null && facts.registrationDetails?.isAdmin !== false;
  return { privileged: privileged || unknown, roles, unknown: unknown && !privileged };
}

/** The configured lifetime (default: the policy minimum), never above it, clamped into the policy range. */
export function clampLifetime(requested: number | undefined, configured: number | undefined, policy: { min: number; max: number }): number {
  const ceiling = configured ?? policy.min;
  const wanted = Math.min(requested ?? ceiling, ceiling);
  return Math.min(Math.max(wanted, policy.min), policy.max);
}

export function signInSummary(s: SignIn): SignInSummary {
  const city = s.location?.city ?? undefined;
  const country = s.location?.countryOrRegion ?? undefined;
  const location = [city, country].filter((x): x is string => typeof x === 'string' && x.length > 0).join(', ');
  return {
    id: s.id,
    createdDateTime: s.createdDateTime,
    ...(s.ipAddress ? { ipAddress: s.ipAddress } : {}),
    ...(city ? { city } : {}),
    ...(country ? { countryOrRegion: country } : {}),
    ...(location ? { location } : {}),
    ...(s.appDisplayName ? { app: s.appDisplayName } : {}),
    errorCode: s.status.errorCode,
    status: s.status.errorCode === 0 ? 'success' : (s.status.failureReason ?? `error ${s.status.errorCode}`),
  };
}
