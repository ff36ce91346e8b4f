/**
 * What the employee may register as a passkey, from the Passkey (FIDO2) configuration in the facts
 * (entra-graph-2026.md §16.2): the passkey profiles of every include target that applies to the
 * employee, or the legacy `isAttestationEnforced` / `keyRestrictions` as one profile for tenants
 * that have not opted in. Reads the configuration with the
 * diagnosis's passkey schemas (src/diagnosis/passkeyFacts.ts).
 */
import { z } from 'zod';
import type { DirectoryFacts } from '../../diagnosis/facts';
import { Fido2ConfigurationSchema as Fido2Schema, KeyRestrictionsSchema, PasskeyProfileSchema as ProfileSchema } from '../../diagnosis/passkeyFacts';
import { buildSubject, targetMatches } from '../../diagnosis/subject';
import type { PasskeyOptions, PasskeyProfileView } from '../api';

/** The id of the Default passkey profile (§16.2). */
export const DEFAULT_PASSKEY_PROFILE_ID = '00000000-0000-0000-0000-000000000001';

function restrictions(k: z.infer<typeof KeyRestrictionsSchema> | null | undefined): PasskeyProfileView['keyRestrictions'] {
  if (!k || k.isEnforced !== true) return undefined;
  const type = (k.enforcementType ?? 'allow').toLowerCase() === 'block' ? 'block' : 'allow';
  return { enforcementType: type, aaGuids: (k.aaGuids ?? []).map((g) => g.toLowerCase()) };
}

function profileView(p: z.infer<typeof ProfileSchema>): PasskeyProfileView {
  const types = (p.passkeyTypes ?? '').split(',').map((t) => t.trim().toLowerCase());
  const keys = restrictions(p.keyRestrictions);
  return {
    id: p.id,
    ...(p.name ? { name: p.name } : {}),
    synced: types.includes('synced'),
    deviceBound: types.includes('devicebound'),
    attestationRequired: (p.attestationEnforcement ?? 'disabled').toLowerCase() === 'registrationonly',
    ...(keys ? { keyRestrictions: keys } : {}),
  };
}

/** undefined when the policy (or its Passkey (FIDO2) configuration) could not be read. */
export function passkeyOptionsFromFacts(directory: DirectoryFacts): PasskeyOptions | undefined {
  const raw = directory.authenticationMethodsPolicy?.authenticationMethodConfigurations?.find((c) => c.id.toLowerCase() === 'fido2');
  const parsed = raw ? Fido2Schema.safeParse(raw) : undefined;
  if (!parsed?.success) return undefined;
  const fido2 = parsed.data;
  const subject = buildSubject(directory);
  const applying = (fido2.includeTargets ?? []).filter((t) => targetMatches(t, subject));
  const optedIn = (fido2.passkeyProfiles ?? []).length > 0;
  let profiles: PasskeyProfileView[];
  if (optedIn) {
    const ids = new Set(applying.flatMap((t) => (t.allowedPasskeyProfiles && t.allowedPasskeyProfiles.length > 0 ? t.allowedPasskeyProfiles : [fido2.defaultPasskeyProfile ?? DEFAULT_PASSKEY_PROFILE_ID])).map((id) => id.toLowerCase()));
    profiles = (fido2.passkeyProfiles ?? []).filter((p) => ids.has(p.id.toLowerCase())).map(profileView);
  } else {
    const attested = fido2.isAttestationEnforced === true;
    const keys = restrictions(fido2.keyRestrictions);
    // "If you haven't opted in to passkey profiles yet and you have attestation enforcement off, synced passkeys are already enabled."
    profiles = [{ synced: !attested, deviceBound: true, attestationRequired: attested, ...(keys ? { keyRestrictions: keys } : {}) }];
  }
  const base = { source: optedIn ? ('profiles' as const) : ('legacy' as const), profiles };
  const no = (reason: NonNullable<PasskeyOptions['reason']>): PasskeyOptions => ({ canRegister: false, reason, ...base });
  if (subject.isGuest) return no('guest');
  if (fido2.state.toLowerCase() !== 'enabled') return no('disabled');
  if ((fido2.excludeTargets ?? []).some((t) => targetMatches(t, subject))) return no('excluded');
  if (applying.length === 0) return no('notTargeted');
  if (fido2.isSelfServiceRegistrationAllowed === false) return no('selfServiceOff');
  return { canRegister: true, ...base };
}
