/**
 * Signals that raise an account to the `elevated` tier, read from the same directory facts as
 * the risk profile (riskyUser, methods, sign-ins, devices): Identity Protection risk, methods
 * changed recently, a sign-in from a new country, a burst of failed sign-ins, and a device the
 * employee reports lost that is still signing in. Pure: the facts and the request in, codes out.
 */
import type { DirectoryFacts, SignIn } from '../../diagnosis/facts';
import { methodsCreatedSince } from '../tap/views';

export const ELEVATED_SIGNALS = ['identity_risk', 'methods_changed_recently', 'new_country', 'failed_sign_in_burst', 'lost_device_signing_in'] as const;
export type ElevatedSignal = (typeof ELEVATED_SIGNALS)[number];

export interface SignalSettings {
  /** Methods registered within this many days count as "changed recently" (default 14). */
  recentMethodDays: number;
  /** Failed sign-ins within one window of this many minutes that make a burst (default 5 in 60). */
  burstCount: number;
  burstMinutes: number;
  /** A lost device signing in within this many hours is "still signing in" (default 72). */
  activeHours: number;
}

export const DEFAULT_SIGNAL_SETTINGS: SignalSettings = { recentMethodDays: 14, burstCount: 5, burstMinutes: 60, activeHours: 72 };

/** Credential failures (not Conditional Access or registration interrupts): bad password, lockout, MFA denied. */
const CREDENTIAL_FAILURES = new Set([50126, 50053, 500121]);
const RISKY = new Set(['low', 'medium', 'high']);
const MOBILE_OS = /\b(ios|ipados|android)\b/i;
const LOST_WORDS = /\b(lost|stolen|missing)\b/i;

export interface SignalInput {
  facts: DirectoryFacts;
  now: Date;
  /** The pass request as the backend stored it (why, and the diagnosis behind it). */
  request: { reason: string; findings: string[] };
  settings?: SignalSettings;
}

export interface Signal {
  code: ElevatedSignal;
  detail: string;
}

function countryOf(s: SignIn): string | undefined {
  const c = s.location?.countryOrRegion;
  return typeof c === 'string' && c.trim() !== '' ? c.trim().toUpperCase() : undefined;
}

function newCountry(facts: DirectoryFacts): Signal | undefined {
  const countries = [...new Set((facts.signIns ?? []).map(countryOf).filter((c): c is string => c !== undefined))];
  const home = typeof facts.user.usageLocation === 'string' ? facts.user.usageLocation.toUpperCase() : undefined;
  const foreign = home ? countries.filter((c) => c !== home) : countries.length > 1 ? countries : [];
  return foreign.length > 0 ? { code: 'new_country', detail: `sign-ins from ${countries.join(', ')}${home ? ` (usage location ${home})` : ''}` } : undefined;
}

function failedBurst(facts: DirectoryFacts, s: SignalSettings): Signal | undefined {
  const times = (facts.signIns ?? [])
    .filter((x) => CREDENTIAL_FAILURES.has(x.status.errorCode))
    .map((x) => Date.parse(x.createdDateTime))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  for (let i = 0; i + s.burstCount - 1 < times.length; i++) {
    const first = times[i] as number;
    const last = times[i + s.burstCount - 1] as number;
    if (last - first <= s.burstMinutes * 60_000) return { code: 'failed_sign_in_burst', detail: `${s.burstCount} or more failed sign-ins within ${s.burstMinutes} minutes` };
  }
  return undefined;
}

function lostDeviceActive(input: SignalInput, s: SignalSettings): Signal | undefined {
  const claimed = input.request.findings.includes('STALE_AUTHENTICATOR') || LOST_WORDS.test(input.request.reason);
  if (!claimed) return undefined;
  const since = input.now.getTime() - s.activeHours * 3600_000;
  const device = (input.facts.devices ?? []).find((d) => MOBILE_OS.test(d.operatingSystem ?? '') && Date.parse(d.approximateLastSignInDateTime ?? '') >= since);
  if (device) return { code: 'lost_device_signing_in', detail: `${device.displayName ?? 'a mobile device'} signed in at ${device.approximateLastSignInDateTime ?? '?'}` };
  const signIn = (input.facts.signIns ?? []).find((x) => x.status.errorCode === 0 && MOBILE_OS.test(x.deviceDetail?.operatingSystem ?? '') && Date.parse(x.createdDateTime) >= since);
  return signIn ? { code: 'lost_device_signing_in', detail: `a ${signIn.deviceDetail?.operatingSystem ?? 'mobile'} device signed in at ${signIn.createdDateTime}` } : undefined;
}

export function elevatedSignals(input: SignalInput): Signal[] {
  const s = input.settings ?? DEFAULT_SIGNAL_SETTINGS;
  const out: Signal[] = [];
  const risk = input.facts.riskLevel;
  if (risk && RISKY.has(risk)) out.push({ code: 'identity_risk', detail: `Identity Protection user risk ${risk}` });
  const since = new Date(input.now.getTime() - s.recentMethodDays * 86_400_000);
  const added = methodsCreatedSince(input.facts.methods, since, { includeTaps: false });
  if (added.length > 0) out.push({ code: 'methods_changed_recently', detail: `${added.length} method(s) added since ${since.toISOString().slice(0, 10)}: ${added.map((m) => m.kind).join(', ')}` });
  for (const found of [newCountry(input.facts), failedBurst(input.facts, s), lostDeviceActive(input, s)]) if (found) out.push(found);
  return out;
}
