/**
 * Everything the rules share, computed once per diagnosis: parsed times and addresses of the
 * employee's own sign-ins, recent sign-ins grouped by the finding their error code feeds, method
 * policy availability, registered methods and TAP status. Rules never re-parse inside loops.
 */
import type { AuthMethod, ClientFacts, DiagnosisInput, DirectoryFacts, FactGap, SignIn } from './facts';
import { ERROR_CODE_INDEX, type ErrorCodeEntry } from './knowledge/errorCodes';
import { REGISTERED_METHOD_INDEX } from './knowledge/methods';
import { parseIp, type IpAddress } from './ip';
import { evaluateMethodPolicyFor } from './methodPolicy';
import { buildSubject, type Subject } from './subject';
import type { DiagnosisSettings, FindingCode, MethodAvailability } from './types';

export interface SignInFact {
  raw: SignIn;
  at: number;
  code: string;
  ip?: IpAddress;
  entry?: ErrorCodeEntry;
}

export interface TapStatus {
  method: AuthMethod;
  usable: boolean;
  reason: string;
  start?: number;
  end?: number;
}

export interface DiagnosisContext {
  now: number;
  settings: DiagnosisSettings;
  directory: DirectoryFacts;
  client: ClientFacts | undefined;
  subject: Subject;
  /** The employee's own sign-ins with a valid timestamp, newest first. */
  ownSignIns: SignInFact[];
  /** Own sign-ins inside the recent window (72 h), newest first. */
  recent: SignInFact[];
  /** Recent (or, for lockout codes, inside the lockout window) sign-ins per fed finding, newest first. */
  byFinding: ReadonlyMap<FindingCode, SignInFact[]>;
  availability: MethodAvailability;
  mfaMethods: AuthMethod[];
  authenticators: AuthMethod[];
  taps: TapStatus[];
  unavailable: ReadonlySet<FactGap['source']>;
}

const HOUR = 3_600_000;
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function isOwn(s: SignIn, subject: Subject): boolean {
  if (s.userId) return s.userId.toLowerCase() === subject.userId;
  if (s.userPrincipalName) return s.userPrincipalName.toLowerCase() === subject.userPrincipalName;
  return true; // returned for this user by a filtered query and names nobody else
}

export function tapStatus(method: AuthMethod, now: number): TapStatus {
  const startText = method.startDateTime ?? method.createdDateTime;
  const start = startText ? Date.parse(startText) : NaN;
  const lifetime = method.lifetimeInMinutes;
  const end = Number.isFinite(start) && typeof lifetime === 'number' ? start + lifetime * 60_000 : NaN;
  const graphReason = method.methodUsabilityReason ?? undefined;
  const base = { method, ...(Number.isFinite(start) ? { start } : {}), ...(Number.isFinite(end) ? { end } : {}) };
  if (graphReason === 'OneTimeUsed' || graphReason === 'DisabledByPolicy') return { ...base, usable: false, reason: graphReason };
  if (Number.isFinite(end) && now >= end) return { ...base, usable: false, reason: 'Expired' };
  if (Number.isFinite(start) && now < start) return { ...base, usable: false, reason: 'NotYetValid' };
  if (!Number.isFinite(end)) {
    // No lifetime to compute from: trust Graph's own summary.
    const usable = method.isUsable !== false && graphReason !== 'Expired';
    return { ...base, usable, reason: graphReason ?? (usable ? 'EnabledByPolicy' : 'Unknown') };
  }
  return { ...base, usable: true, reason: 'EnabledByPolicy' };
}

/**
 * Graph's usability can lag (or a fixture/simulator may not know a one-time pass was redeemed): a
 * sign-in after the pass's start whose code proves it used/expired (130505 / 130504) makes it unusable.
 */
function withSignInVerdict(t: TapStatus, signIns: SignInFact[]): TapStatus {
  if (!t.usable || t.start === undefined) return t;
  const start = t.start;
  const proof = signIns.find((s) => s.entry?.tapVerdict !== undefined && s.at >= start);
  if (!proof?.entry?.tapVerdict) return t;
  if (proof.entry.tapVerdict === 'OneTimeUsed' && t.method.isUsableOnce === false) return t;
  return { ...t, usable: false, reason: proof.entry.tapVerdict };
}

export function buildContext(input: DiagnosisInput, settings: DiagnosisSettings): DiagnosisContext {
  const now = input.now.getTime();
  const directory = input.directory;
  const subject = buildSubject(directory);
  const recentFrom = now - settings.recentHours * HOUR;
  const lockoutFrom = now - settings.lockoutHours * HOUR;

  const ownSignIns: SignInFact[] = [];
  for (const raw of directory.signIns ?? []) {
    const at = Date.parse(raw.createdDateTime);
    if (!Number.isFinite(at) || at > now + FUTURE_TOLERANCE_MS || typeof raw.status?.errorCode !== 'number' || !isOwn(raw, subject)) continue;
    const code = String(raw.status.errorCode);
    const ip = parseIp(raw.ipAddress);
    const entry = ERROR_CODE_INDEX.get(code);
    ownSignIns.push({ raw, at, code, ...(ip ? { ip } : {}), ...(entry ? { entry } : {}) });
  }
  ownSignIns.sort((a, b) => b.at - a.at);
  const recent = ownSignIns.filter((s) => s.at >= recentFrom);

  const byFinding = new Map<FindingCode, SignInFact[]>();
  for (const s of ownSignIns) {
    const feeds = s.entry?.feeds;
    if (!feeds) continue;
    const from = s.entry?.window === 'lockout' ? lockoutFrom : recentFrom;
    if (s.at < from) continue;
    const list = byFinding.get(feeds);
    if (list) list.push(s);
    else byFinding.set(feeds, [s]);
  }

  const mfaMethods: AuthMethod[] = [];
  const authenticators: AuthMethod[] = [];
  const taps: TapStatus[] = [];
  for (const m of directory.methods ?? []) {
    const type = REGISTERED_METHOD_INDEX.get((m['@odata.type'] ?? '').toLowerCase());
    if (!type?.mfaCapable) continue;
    if (type.isTap) taps.push(withSignInVerdict(tapStatus(m, now), ownSignIns));
    else mfaMethods.push(m);
    if (type.isAuthenticator) authenticators.push(m);
  }

  return {
    now,
    settings,
    directory,
    client: input.client,
    subject,
    ownSignIns,
    recent,
    byFinding,
    availability: evaluateMethodPolicyFor(directory.authenticationMethodsPolicy, subject),
    mfaMethods,
    authenticators,
    taps,
    unavailable: new Set((directory.gaps ?? []).map((g) => g.source)),
  };
}

/** A usable MFA method (findings.md Definitions): registered MFA-capable (minus a lost Authenticator) or a usable TAP. */
export function hasUsableMfaMethod(ctx: DiagnosisContext, includeTap = true): boolean {
  const lostAuthenticator = ctx.client?.changedPhone === true;
  const registered = ctx.mfaMethods.some((m) => !(lostAuthenticator && ctx.authenticators.includes(m)));
  return registered || (includeTap && ctx.taps.some((t) => t.usable));
}

/** Plain-data view of a sign-in for evidence (never the whole record). */
export function signInEvidence(s: SignInFact): Record<string, unknown> {
  return {
    id: s.raw.id,
    createdDateTime: s.raw.createdDateTime,
    errorCode: s.raw.status.errorCode,
    ...(s.raw.status.failureReason ? { failureReason: s.raw.status.failureReason } : {}),
    ...(s.raw.status.additionalDetails ? { additionalDetails: s.raw.status.additionalDetails } : {}),
    ...(s.raw.ipAddress ? { ipAddress: s.raw.ipAddress } : {}),
    ...(s.raw.correlationId ? { correlationId: s.raw.correlationId } : {}),
    ...(s.raw.appDisplayName ? { appDisplayName: s.raw.appDisplayName } : {}),
  };
}
