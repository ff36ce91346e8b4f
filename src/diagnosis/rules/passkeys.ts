/**
 * Passkey findings (findings.md; entra-graph-2026.md §16): the passkey the employee is creating
 * ([C] passkeyProvider / securityKeyAaguid) or one already registered ([G] fido2 methods, with
 * recent 135016 sign-ins as the most direct evidence) does not satisfy any applicable passkey
 * profile: its kind (PASSKEY_TYPE_NOT_ALLOWED), its model (PASSKEY_KEY_RESTRICTED) or, at
 * registration, its attestation (PASSKEY_ATTESTATION_REQUIRED). Only when Fido2 applies to the user:
 * otherwise METHOD_NOT_ENABLED speaks.
 */
import type { Draft } from '../catalog';
import type { DiagnosisContext } from '../context';
import { AAGUID_INDEX, PASSKEY_PROVIDER_INFO, aaguidsOfProvider, type PasskeyKind } from '../knowledge/aaguids';
import { Fido2MethodSchema, type Fido2Method } from '../passkeyFacts';
import { judgePasskey, passkeyPolicyView, type PasskeyCandidate, type PasskeyPolicyView, type PasskeyVerdict } from '../passkeyPolicy';
import type { FindingCode } from '../types';
import { parsePhoneOs } from '../userAgent';
import { authenticatorUpdate } from './authenticatorUpdate';
import { signInList } from './common';

const REASON_CODE: Readonly<Record<Exclude<PasskeyVerdict, { acceptable: true }>['reason'], FindingCode>> = {
  type: 'PASSKEY_TYPE_NOT_ALLOWED',
  noProfile: 'PASSKEY_TYPE_NOT_ALLOWED',
  key: 'PASSKEY_KEY_RESTRICTED',
  attestation: 'PASSKEY_ATTESTATION_REQUIRED',
};

const KIND_WORDS: Readonly<Record<PasskeyKind, string>> = {
  deviceBound: 'device-bound passkeys (Microsoft Authenticator, a security key, Windows Hello)',
  synced: 'synced passkeys (iCloud Keychain, Google Password Manager, a password manager)',
};

const modelName = (aaguid: string) => AAGUID_INDEX.get(aaguid.toLowerCase())?.name ?? aaguid;

/** Plain words for what the applicable profiles accept, for the steps. */
function allowedWords(view: PasskeyPolicyView, code: FindingCode): string {
  if (code === 'PASSKEY_KEY_RESTRICTED') {
    const allowLists = view.profiles.filter((p) => p.keyRestrictions.isEnforced && p.keyRestrictions.enforcementType === 'allow');
    const names = [...new Set(allowLists.flatMap((p) => p.keyRestrictions.aaGuids.map(modelName)))];
    if (names.length > 0) return names.slice(0, 6).join(', ');
  }
  if (code === 'PASSKEY_ATTESTATION_REQUIRED') return 'a passkey created directly in the Microsoft Authenticator app (not by scanning a QR code), or a certified security key';
  const kinds = [...new Set(view.profiles.flatMap((p) => p.kinds))];
  return kinds.length ? kinds.map((k) => KIND_WORDS[k]).join(' or ') : 'no passkeys at all';
}

function profileEvidence(view: PasskeyPolicyView, verdict: PasskeyVerdict) {
  return view.profiles.map((p) => {
    const check = verdict.checks.find((c) => c.profileId === p.id);
    return {
      id: p.id, name: p.name, passkeyTypes: p.kinds.join(','), attestationEnforcement: p.attestationEnforced ? 'registrationOnly' : 'disabled', keyRestrictions: p.keyRestrictions, source: p.source,
      ...(check ? { typeAllowed: check.typeAllowed, keyAllowed: check.keyAllowed ?? 'unknown', attestationSatisfied: check.attestationSatisfied ?? 'unknown' } : {}),
    };
  });
}

function clientCandidate(ctx: DiagnosisContext): { candidate: PasskeyCandidate; evidence: Record<string, unknown>; label: string } | undefined {
  const client = ctx.client;
  const provider = client?.passkeyProvider ?? (client?.securityKeyAaguid ? 'securityKey' : undefined);
  if (!provider) return undefined;
  const info = PASSKEY_PROVIDER_INFO[provider];
  const os = parsePhoneOs(client?.phoneOs)?.os;
  const phoneOs = os === 'iOS' || os === 'Android' ? os : undefined;
  const aaguids = provider === 'securityKey' ? (client?.securityKeyAaguid ? [client.securityKeyAaguid.toLowerCase()] : []) : aaguidsOfProvider(provider, phoneOs);
  const known = aaguids.length === 1 ? AAGUID_INDEX.get(aaguids[0] ?? '') : undefined;
  return {
    candidate: { kind: known?.kind ?? info.kind, aaguids, attestation: info.attestation },
    label: known && provider === 'securityKey' ? known.name : info.label,
    evidence: { passkeyProvider: provider, kind: known?.kind ?? info.kind, aaguids: aaguids.map((a) => ({ aaguid: a, model: AAGUID_INDEX.get(a)?.name ?? null })), attestation: info.attestation, source: info.source },
  };
}

function registeredCandidate(m: Fido2Method): PasskeyCandidate | undefined {
  const aaguid = m.aaGuid?.toLowerCase();
  const type = m.passkeyType === 'synced' || m.passkeyType === 'deviceBound' ? m.passkeyType : aaguid ? AAGUID_INDEX.get(aaguid)?.kind : undefined;
  if (!type) return undefined;
  return { kind: type, aaguids: aaguid ? [aaguid] : [], attestation: 'registered' };
}

/** The applicable profiles, when Fido2 applies to the user and the policy is readable. */
function viewFor(ctx: DiagnosisContext): PasskeyPolicyView | undefined {
  if (ctx.unavailable.has('authenticationMethodsPolicy') || ctx.availability['Fido2']?.enabled !== true) return undefined;
  return passkeyPolicyView(ctx.directory.authenticationMethodsPolicy, ctx.subject);
}

/** Registered passkeys no applicable profile accepts any more (kind or model: both apply at sign-in). */
function refusedRegistered(ctx: DiagnosisContext, view: PasskeyPolicyView): Array<{ method: Fido2Method; verdict: Exclude<PasskeyVerdict, { acceptable: true }> }> {
  return (ctx.directory.methods ?? []).flatMap((raw) => {
    if (!raw['@odata.type'].toLowerCase().endsWith('fido2authenticationmethod')) return [];
    const parsed = Fido2MethodSchema.safeParse(raw);
    const candidate = parsed.success ? registeredCandidate(parsed.data) : undefined;
    const verdict = candidate ? judgePasskey(view, candidate) : undefined;
    return parsed.success && verdict && !verdict.acceptable ? [{ method: parsed.data, verdict }] : [];
  });
}

/** Does a refused registered passkey explain a 135016 (so it is not read as "Fido2 not enabled")? */
export function passkeyExplains135016(ctx: DiagnosisContext): boolean {
  const view = viewFor(ctx);
  return view !== undefined && refusedRegistered(ctx, view).length > 0;
}

export function passkeyRules(ctx: DiagnosisContext): Draft[] {
  const view = viewFor(ctx);
  if (!view) return [];
  const out = new Map<FindingCode, Draft>();
  const policy = { optedIn: view.optedIn, defaultPasskeyProfile: view.defaultPasskeyProfile, isSelfServiceRegistrationAllowed: view.isSelfServiceRegistrationAllowed };

  const fromClient = clientCandidate(ctx);
  if (fromClient) {
    const verdict = judgePasskey(view, fromClient.candidate);
    if (!verdict.acceptable) {
      const code = REASON_CODE[verdict.reason];
      out.set(code, {
        code, directness: 2,
        evidence: { attempt: fromClient.evidence, ...(verdict.reason === 'noProfile' ? { reason: 'noApplicableProfile' } : {}), policy, profiles: profileEvidence(view, verdict) },
        vars: { methodLabel: fromClient.label, allowed: allowedWords(view, code) },
      });
    }
  }

  // Key restrictions and (with profiles) the kind also apply at sign-in: registered passkeys can stop working.
  const refused = refusedRegistered(ctx, view);
  const fido135016 = (ctx.byFinding.get('METHOD_NOT_ENABLED') ?? []).filter((s) => s.code === '135016');
  for (const { method, verdict } of refused) {
    const code = REASON_CODE[verdict.reason];
    const registered = { id: method.id, displayName: method.displayName ?? null, aaGuid: method.aaGuid ?? null, model: method.model ?? (method.aaGuid ? AAGUID_INDEX.get(method.aaGuid.toLowerCase())?.name ?? null : null), passkeyType: method.passkeyType ?? null };
    const existing = out.get(code);
    if (existing) {
      const list = (existing.evidence['registeredPasskeys'] as unknown[] | undefined) ?? [];
      existing.evidence['registeredPasskeys'] = [...list, registered];
      continue;
    }
    const newest = fido135016[0];
    out.set(code, {
      code,
      directness: newest ? 1 : 2,
      ...(newest ? { at: newest.at } : {}),
      evidence: { registeredPasskeys: [registered], policy, profiles: profileEvidence(view, verdict), ...(newest ? { errorCodes: [135016], signIns: signInList(fido135016) } : {}) },
      vars: { methodLabel: registered.model ?? registered.displayName ?? 'your passkey', allowed: allowedWords(view, code) },
    });
  }
  const update = authenticatorUpdate(ctx, view);
  return [...out.values(), ...(update ? [update] : [])];
}
