/**
 * Which passkey profiles apply to one user, and whether a passkey satisfies one of them
 * (findings.md "Applicable passkey profiles"; entra-graph-2026.md §16.2). Pure.
 *
 * - Opted-in tenants: the profiles named by `allowedPasskeyProfiles` of every Fido2 include target
 *   that applies to the user. A matching target without `allowedPasskeyProfiles` falls back to
 *   `defaultPasskeyProfile` [our choice; the docs do not say].
 * - Tenants without profiles: the legacy `isAttestationEnforced` / `keyRestrictions` as one profile
 *   that allows both kinds.
 * - A passkey is acceptable when at least one applicable profile accepts its kind, its model (key
 *   restrictions, at registration and at sign-in) and, at registration only, its attestation.
 *   Unknown facts (a model we cannot name, an attestation ability nobody documents) never count
 *   against the employee.
 */
import type { AuthenticationMethodsPolicy } from './facts';
import { Fido2ConfigurationSchema, type Fido2Configuration, type KeyRestrictions } from './passkeyFacts';
import type { AttestationAbility, PasskeyKind } from './knowledge/aaguids';
import { configurationsOf } from './methodPolicy';
import { targetMatches, type Subject } from './subject';

export interface EffectiveProfile {
  id: string;
  name: string | null;
  kinds: PasskeyKind[];
  attestationEnforced: boolean;
  keyRestrictions: { isEnforced: boolean; enforcementType: 'allow' | 'block'; aaGuids: string[] };
  source: 'profile' | 'legacy';
}

export interface PasskeyPolicyView {
  optedIn: boolean;
  defaultPasskeyProfile: string | null;
  isSelfServiceRegistrationAllowed: boolean | null;
  profiles: EffectiveProfile[];
}

const lower = (s: string) => s.toLowerCase();

function restrictions(k: KeyRestrictions | null | undefined): EffectiveProfile['keyRestrictions'] {
  return {
    isEnforced: k?.isEnforced === true,
    enforcementType: (k?.enforcementType ?? '').toLowerCase() === 'allow' ? 'allow' : 'block',
    aaGuids: (k?.aaGuids ?? []).map(lower),
  };
}

function kindsOf(passkeyTypes: string | null | undefined): PasskeyKind[] {
  const parts = (passkeyTypes ?? '').split(',').map((t) => t.trim());
  return (['deviceBound', 'synced'] as const).filter((k) => parts.includes(k));
}

/** Parsed once per configuration object (policies are cached and shared across diagnoses; zod is not free). */
const parsedConfigs = new WeakMap<object, Fido2Configuration | null>();

export function fido2ConfigurationOf(policy: AuthenticationMethodsPolicy | null): Fido2Configuration | undefined {
  const raw = configurationsOf(policy).configs.find((c) => c.id.toLowerCase() === 'fido2');
  if (!raw) return undefined;
  let parsed = parsedConfigs.get(raw);
  if (parsed === undefined) {
    const r = Fido2ConfigurationSchema.safeParse(raw);
    parsed = r.success ? r.data : null;
    parsedConfigs.set(raw, parsed);
  }
  return parsed ?? undefined;
}

/** The passkey profiles that apply to the user (call only when Fido2 applies to them). */
export function passkeyPolicyView(policy: AuthenticationMethodsPolicy | null, subject: Subject): PasskeyPolicyView | undefined {
  const config = fido2ConfigurationOf(policy);
  if (!config) return undefined;
  const defaultId = config.defaultPasskeyProfile ?? null;
  const base = { defaultPasskeyProfile: defaultId, isSelfServiceRegistrationAllowed: config.isSelfServiceRegistrationAllowed ?? null };
  const all = config.passkeyProfiles ?? [];
  if (all.length === 0) {
    return {
      ...base,
      optedIn: false,
      profiles: [{ id: 'legacy', name: null, kinds: ['deviceBound', 'synced'], attestationEnforced: config.isAttestationEnforced === true, keyRestrictions: restrictions(config.keyRestrictions), source: 'legacy' }],
    };
  }
  const wanted = new Set<string>();
  for (const t of config.includeTargets ?? []) {
    if (!targetMatches(t, subject)) continue;
    const allowed = t.allowedPasskeyProfiles ?? [];
    if (allowed.length === 0 && defaultId) wanted.add(lower(defaultId));
    for (const id of allowed) wanted.add(lower(id));
  }
  const profiles = all
    .filter((p) => wanted.has(lower(p.id)))
    .map((p): EffectiveProfile => ({
      id: p.id,
      name: p.name ?? null,
      kinds: kindsOf(p.passkeyTypes),
      attestationEnforced: (p.attestationEnforcement ?? '').toLowerCase() === 'registrationonly',
      keyRestrictions: restrictions(p.keyRestrictions),
      source: 'profile',
    }));
  return { ...base, optedIn: true, profiles };
}

/** A passkey to judge: what the employee is creating, or one already registered. */
export interface PasskeyCandidate {
  kind: PasskeyKind;
  /** Models it may present; empty = unknown. */
  aaguids: string[];
  /** `registered`: already registered, so attestation (registration-only) no longer matters. */
  attestation: AttestationAbility | 'registered';
}

export interface ProfileCheck {
  profileId: string;
  profileName: string | null;
  typeAllowed: boolean;
  /** undefined = the model is unknown, so restrictions cannot be judged. */
  keyAllowed: boolean | undefined;
  attestationSatisfied: boolean | undefined;
}

export type PasskeyVerdict = { acceptable: true; checks: ProfileCheck[] } | { acceptable: false; reason: 'type' | 'key' | 'attestation' | 'noProfile'; checks: ProfileCheck[] };

function keyAllowed(p: EffectiveProfile, c: PasskeyCandidate): boolean | undefined {
  const r = p.keyRestrictions;
  if (!r.isEnforced) return true;
  if (c.aaguids.length === 0) return undefined;
  const listed = c.aaguids.map(lower).map((a) => r.aaGuids.includes(a));
  return r.enforcementType === 'allow' ? listed.some(Boolean) : listed.some((x) => !x);
}

function attestationSatisfied(p: EffectiveProfile, c: PasskeyCandidate): boolean | undefined {
  if (!p.attestationEnforced || c.attestation === 'registered') return true;
  if (c.attestation === 'no') return false;
  return c.attestation === 'unknown' ? undefined : true;
}

export function judgePasskey(view: PasskeyPolicyView, c: PasskeyCandidate): PasskeyVerdict {
  const checks = view.profiles.map((p): ProfileCheck => ({
    profileId: p.id,
    profileName: p.name,
    typeAllowed: p.kinds.includes(c.kind),
    keyAllowed: keyAllowed(p, c),
    attestationSatisfied: attestationSatisfied(p, c),
  }));
  if (checks.length === 0) return { acceptable: false, reason: 'noProfile', checks };
  if (checks.some((x) => x.typeAllowed && x.keyAllowed !== false && x.attestationSatisfied !== false)) return { acceptable: true, checks };
  const typed = checks.filter((x) => x.typeAllowed);
  if (typed.length === 0) return { acceptable: false, reason: 'type', checks };
  if (typed.every((x) => x.keyAllowed === false)) return { acceptable: false, reason: 'key', checks };
  return { acceptable: false, reason: 'attestation', checks };
}
