/**
 * Which passkey providers to offer, from the employee's passkey profiles (the backend's
 * `DiagnoseResponse.passkeys`). A provider is offered when at least one applicable profile fully
 * accepts it (§16.2: "fully satisfies the requirements of at least one"): its type, attestation
 * (when required, only providers that can attest) and key restrictions (AAGUID allow/block list).
 */
import type { PasskeyOptions, PasskeyProfileView, PasskeyProvider } from '../../backend/api';
import { KNOWN_PLATFORM_AAGUIDS, PROVIDERS, type ProviderInfo } from './catalog';

export interface Offer {
  providers: PasskeyProvider[];
  /** `unknown`: the policy could not be read, so everything is offered with a caution. */
  basis: 'profiles' | 'unknown';
  /** The employee cannot register a passkey at all (policy), with the backend's reason. */
  blocked?: NonNullable<PasskeyOptions['reason']> | 'nothingAllowed';
}

function keysAccept(profile: PasskeyProfileView, info: ProviderInfo): boolean {
  const k = profile.keyRestrictions;
  if (!k) return true;
  const listed = new Set(k.aaGuids.map((g) => g.toLowerCase()));
  if (info.provider === 'securityKey') {
    // Security keys are any model outside the known platform providers.
    const keyModels = [...listed].filter((g) => !KNOWN_PLATFORM_AAGUIDS.has(g));
    return k.enforcementType === 'allow' ? keyModels.length > 0 : true;
  }
  if (info.aaGuids.length === 0) return k.enforcementType === 'block'; // unknown models: only a block list can let them through
  return k.enforcementType === 'allow' ? info.aaGuids.some((g) => listed.has(g)) : info.aaGuids.some((g) => !listed.has(g));
}

export function profileAccepts(profile: PasskeyProfileView, info: ProviderInfo): boolean {
  if (info.type === 'synced' ? !profile.synced : !profile.deviceBound) return false;
  if (profile.attestationRequired && !info.attestable) return false;
  return keysAccept(profile, info);
}

export function offerFor(options: PasskeyOptions | undefined): Offer {
  if (!options) return { providers: PROVIDERS.map((p) => p.provider), basis: 'unknown' };
  if (!options.canRegister) return { providers: [], basis: 'profiles', blocked: options.reason ?? 'disabled' };
  const providers = PROVIDERS.filter((info) => options.profiles.some((p) => profileAccepts(p, info))).map((p) => p.provider);
  return providers.length === 0 ? { providers, basis: 'profiles', blocked: 'nothingAllowed' } : { providers, basis: 'profiles' };
}

/** Security key models an allow list names (AAGUIDs outside the known platform providers). */
export function allowedKeyModels(options: PasskeyOptions | undefined): string[] {
  const out = new Set<string>();
  for (const p of options?.profiles ?? []) {
    if (p.keyRestrictions?.enforcementType !== 'allow' || !p.deviceBound) continue;
    for (const g of p.keyRestrictions.aaGuids) if (!KNOWN_PLATFORM_AAGUIDS.has(g.toLowerCase())) out.add(g.toLowerCase());
  }
  return [...out];
}
