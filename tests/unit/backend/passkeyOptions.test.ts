import type { DirectoryFacts } from '../../../src/diagnosis/facts';
import { DEFAULT_PASSKEY_PROFILE_ID, passkeyOptionsFromFacts } from '../../../src/backend/services/passkeyOptions';

const GROUP = 'aaaaaaaa-0000-0000-0000-00000000000a';
const STRICT = 'bbbbbbbb-0000-0000-0000-00000000000b';

function facts(fido2: Record<string, unknown> | undefined, over: Partial<DirectoryFacts> = {}): DirectoryFacts {
  return {
    user: { id: 'u1', userPrincipalName: 'alice@contoso.example', userType: 'Member' },
    memberships: [{ '@odata.type': '#microsoft.graph.group', id: GROUP }],
    riskLevel: null,
    methods: [],
    devices: [],
    signIns: [],
    authenticationMethodsPolicy: fido2 ? { authenticationMethodConfigurations: [{ id: 'Fido2', state: 'enabled', ...fido2 }] } : { authenticationMethodConfigurations: [] },
    deviceRegistrationPolicy: null,
    conditionalAccessPolicies: [],
    namedLocations: [],
    registrationDetails: null,
    gaps: [],
    ...over,
  };
}

const profiles = [
  { id: DEFAULT_PASSKEY_PROFILE_ID, name: 'Default passkey profile', passkeyTypes: 'deviceBound,synced', attestationEnforcement: 'disabled', keyRestrictions: { isEnforced: false, enforcementType: 'allow', aaGuids: [] } },
  { id: STRICT, name: 'Strict', passkeyTypes: 'deviceBound', attestationEnforcement: 'registrationOnly', keyRestrictions: { isEnforced: true, enforcementType: 'allow', aaGuids: ['90A3CCDF-635C-4729-A248-9B709135078F'] } },
];

describe('passkey options from the Passkey (FIDO2) configuration', () => {
  it('an opted-in tenant: only the profiles named by the targets that apply to the employee, with types, attestation and key restrictions', () => {
    const o = passkeyOptionsFromFacts(
      facts({ passkeyProfiles: profiles, defaultPasskeyProfile: DEFAULT_PASSKEY_PROFILE_ID, includeTargets: [{ id: GROUP, targetType: 'group', allowedPasskeyProfiles: [STRICT] }, { id: 'other-group', targetType: 'group', allowedPasskeyProfiles: [DEFAULT_PASSKEY_PROFILE_ID] }] }),
    );
    expect(o).toEqual({
      canRegister: true,
      source: 'profiles',
      profiles: [{ id: STRICT, name: 'Strict', synced: false, deviceBound: true, attestationRequired: true, keyRestrictions: { enforcementType: 'allow', aaGuids: ['90a3ccdf-635c-4729-a248-9b709135078f'] } }],
    });
  });

  it('a target without allowedPasskeyProfiles gets the default profile', () => {
    const o = passkeyOptionsFromFacts(facts({ passkeyProfiles: profiles, defaultPasskeyProfile: DEFAULT_PASSKEY_PROFILE_ID, includeTargets: [{ id: 'all_users', targetType: 'group' }] }));
    expect(o?.profiles.map((p) => [p.id, p.synced, p.deviceBound, p.keyRestrictions])).toEqual([[DEFAULT_PASSKEY_PROFILE_ID, true, true, undefined]]);
  });

  it('a tenant without profiles: the legacy settings as one profile; attestation on means no synced passkeys', () => {
    const o = passkeyOptionsFromFacts(facts({ isAttestationEnforced: true, keyRestrictions: { isEnforced: true, enforcementType: 'block', aaGuids: ['X'] }, includeTargets: [{ id: 'all_users' }] }));
    expect(o).toEqual({ canRegister: true, source: 'legacy', profiles: [{ synced: false, deviceBound: true, attestationRequired: true, keyRestrictions: { enforcementType: 'block', aaGuids: ['x'] } }] });
  });

  it.each([
    ['disabled', { state: 'disabled', includeTargets: [{ id: 'all_users' }] }, {}],
    ['excluded', { includeTargets: [{ id: 'all_users' }], excludeTargets: [{ id: GROUP, targetType: 'group' }] }, {}],
    ['notTargeted', { includeTargets: [{ id: 'someone-else', targetType: 'group' }] }, {}],
    ['selfServiceOff', { includeTargets: [{ id: 'all_users' }], isSelfServiceRegistrationAllowed: false }, {}],
    ['guest', { includeTargets: [{ id: 'all_users' }] }, { user: { id: 'g1', userType: 'Guest' } }],
  ] as const)('cannot register (%s)', (reason, fido2, over) => {
    expect(passkeyOptionsFromFacts(facts({ ...fido2 }, over))).toMatchObject({ canRegister: false, reason });
  });

  it('no readable Passkey (FIDO2) configuration: undefined (the bot then offers everything with a caution)', () => {
    expect(passkeyOptionsFromFacts(facts(undefined))).toBeUndefined();
    expect(passkeyOptionsFromFacts(facts(undefined, { authenticationMethodsPolicy: null }))).toBeUndefined();
  });
});
