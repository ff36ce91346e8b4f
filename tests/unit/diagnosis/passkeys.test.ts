/**
 * The passkey-era rules (findings.md: PASSKEY_TYPE_NOT_ALLOWED, PASSKEY_KEY_RESTRICTED,
 * PASSKEY_ATTESTATION_REQUIRED, AUTHENTICATOR_UPDATE_REQUIRED, PHONE_ONLY_MFA, PIM-aware
 * PRIVILEGED_ACCOUNT) with the negative companions that sharpen them.
 */
import { diagnose, type AuthMethod, type ClientFacts, type DiagnosisSettings, type DirectoryFacts, type MethodConfiguration } from '../../../src/diagnosis';
import { describesPasskeyReauth } from '../../../src/diagnosis/knowledge/passkeys';
import { lookupErrorCode } from '../../../src/diagnosis/errorCodes';
import { GROUP_ID, USER_ID, codes, config, defaultConfigs, facts, find, hoursAgo, input, method, newcomer, signIn } from './builders';

const DEFAULT = '00000000-0000-0000-0000-000000000001';
const SECOND = 'c0000000-0000-0000-0000-0000000000f2';
const AUTH_IOS = '90a3ccdf-635c-4729-a248-9b709135078f';
const AUTH_ANDROID = 'de1e552d-db1d-4423-a619-566b625cdc84';
const YUBIKEY5 = 'ee882879-721c-4913-9775-3dfcce97072a';
const FEITIAN = '833b721a-ff5f-4d00-bb2e-bdda3ec01e29';

interface ProfileSpec { id: string; types: string; attestation?: 'disabled' | 'registrationOnly'; allow?: string[]; block?: string[] }
const profile = (p: ProfileSpec) => ({
  id: p.id, name: `Profile ${p.id.slice(-2)}`, passkeyTypes: p.types, attestationEnforcement: p.attestation ?? 'disabled',
  keyRestrictions: p.allow ? { isEnforced: true, enforcementType: 'allow', aaGuids: p.allow } : p.block ? { isEnforced: true, enforcementType: 'block', aaGuids: p.block } : { isEnforced: false, enforcementType: 'allow', aaGuids: [] },
});

/** A tenant opted in to passkey profiles; the user's group is allowed `allowed` profiles. */
function withProfiles(profiles: ProfileSpec[], allowed: string[] = profiles.map((p) => p.id), extra: Partial<DirectoryFacts> = {}): DirectoryFacts {
  const fido2: MethodConfiguration = {
    ...config('Fido2'),
    defaultPasskeyProfile: DEFAULT,
    passkeyProfiles: profiles.map(profile),
    includeTargets: [{ id: GROUP_ID, targetType: 'group', allowedPasskeyProfiles: allowed }],
  };
  return facts({ authenticationMethodsPolicy: { id: 'authenticationMethodsPolicy', authenticationMethodConfigurations: [...defaultConfigs().filter((c) => c.id !== 'Fido2'), fido2] }, ...extra });
}

function legacy(extra: Partial<MethodConfiguration>): DirectoryFacts {
  return facts({ authenticationMethodsPolicy: { id: 'authenticationMethodsPolicy', authenticationMethodConfigurations: [...defaultConfigs().filter((c) => c.id !== 'Fido2'), config('Fido2', 'enabled', ['all_users'], [], extra)] } });
}

const passkey = (aaGuid: string, passkeyType: string): AuthMethod => ({ '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', id: `pk-${aaGuid.slice(0, 4)}`, displayName: 'My passkey', aaGuid, passkeyType, attestationLevel: passkeyType === 'synced' ? 'notAttested' : 'attested' });
const authenticatorAt = (phoneAppVersion: string): AuthMethod => ({ ...method.authenticator(), phoneAppVersion });
const run = (dir: DirectoryFacts, client?: ClientFacts, settings?: Partial<DiagnosisSettings>) => diagnose(input(dir, client), settings);

describe('PASSKEY_TYPE_NOT_ALLOWED', () => {
  const deviceBoundOnly = () => withProfiles([{ id: DEFAULT, types: 'deviceBound' }]);

  it('when a synced passkey (iCloud Keychain) is created and every profile allows device-bound only, it is raised with the allowed kinds', () => {
    const f = run(deviceBoundOnly(), { passkeyProvider: 'iCloudKeychain' });
    const finding = find(f, 'PASSKEY_TYPE_NOT_ALLOWED');
    expect(codes(f)[0]).toBe('PASSKEY_TYPE_NOT_ALLOWED');
    expect(finding.steps.join(' ')).toContain('device-bound passkeys');
    expect(finding.evidence['profiles']).toEqual([expect.objectContaining({ id: DEFAULT, typeAllowed: false })]);
  });

  it('when a second applicable profile allows synced passkeys, the synced passkey is acceptable', () => {
    const f = run(withProfiles([{ id: DEFAULT, types: 'deviceBound' }, { id: SECOND, types: 'synced' }]), { passkeyProvider: 'googlePasswordManager' });
    expect(codes(f)).not.toContain('PASSKEY_TYPE_NOT_ALLOWED');
  });

  it('when the second profile exists but is not allowed for the user\'s target, the synced passkey is still refused', () => {
    const f = run(withProfiles([{ id: DEFAULT, types: 'deviceBound' }, { id: SECOND, types: 'synced' }], [DEFAULT]), { passkeyProvider: 'googlePasswordManager' });
    expect(codes(f)).toContain('PASSKEY_TYPE_NOT_ALLOWED');
  });

  it('when a device-bound passkey is created where only synced is allowed, it is raised', () => {
    expect(codes(run(withProfiles([{ id: DEFAULT, types: 'synced' }]), { passkeyProvider: 'securityKey' }))).toContain('PASSKEY_TYPE_NOT_ALLOWED');
  });

  it('when a registered synced passkey is no longer allowed and a recent sign-in failed with 135016, the passkey finding comes first instead of METHOD_NOT_ENABLED', () => {
    const dir = withProfiles([{ id: DEFAULT, types: 'deviceBound' }], [DEFAULT], { methods: [method.password(), method.authenticator(), passkey('ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4', 'synced')], signIns: [signIn(135016, { at: hoursAgo(1) })] });
    const f = run(dir);
    expect(codes(f)[0]).toBe('PASSKEY_TYPE_NOT_ALLOWED');
    expect(codes(f)).not.toContain('METHOD_NOT_ENABLED');
    expect(JSON.stringify(find(f, 'PASSKEY_TYPE_NOT_ALLOWED').evidence)).toContain('Google Password Manager');
  });

  it('when Fido2 is disabled for the user, METHOD_NOT_ENABLED speaks and no passkey finding is raised', () => {
    const dir = facts({ authenticationMethodsPolicy: { id: 'p', authenticationMethodConfigurations: [...defaultConfigs().filter((c) => c.id !== 'Fido2'), config('Fido2', 'disabled')] } });
    const f = run(dir, { attemptedMethod: 'passkey', passkeyProvider: 'iCloudKeychain' });
    expect(codes(f)).toContain('METHOD_NOT_ENABLED');
    expect(codes(f)).not.toContain('PASSKEY_TYPE_NOT_ALLOWED');
  });

  it('when the tenant has not opted in to profiles and attestation is off, synced passkeys are already allowed', () => {
    expect(codes(run(legacy({ isAttestationEnforced: false }), { passkeyProvider: 'iCloudKeychain' }))).not.toContain('PASSKEY_TYPE_NOT_ALLOWED');
  });
});

describe('PASSKEY_KEY_RESTRICTED', () => {
  const allowYubico = () => withProfiles([{ id: DEFAULT, types: 'deviceBound', allow: [YUBIKEY5, AUTH_IOS, AUTH_ANDROID] }]);

  it('when the security key model is not on the allow list of any profile, it is raised and names the allowed models', () => {
    const f = run(allowYubico(), { passkeyProvider: 'securityKey', securityKeyAaguid: FEITIAN });
    const finding = find(f, 'PASSKEY_KEY_RESTRICTED');
    expect(finding.title).toContain('Feitian');
    expect(finding.steps[0]).toContain('YubiKey 5 Series');
  });

  it('when the AAGUID is on the allow list, the key is acceptable', () => {
    expect(codes(run(allowYubico(), { passkeyProvider: 'securityKey', securityKeyAaguid: YUBIKEY5 }))).not.toContain('PASSKEY_KEY_RESTRICTED');
  });

  it('when the model is unknown (no AAGUID given), key restrictions are not held against the employee', () => {
    expect(codes(run(allowYubico(), { passkeyProvider: 'securityKey' }))).not.toContain('PASSKEY_KEY_RESTRICTED');
  });

  it('when a block list names the model (legacy keyRestrictions), it is raised', () => {
    const dir = legacy({ keyRestrictions: { isEnforced: true, enforcementType: 'block', aaGuids: [FEITIAN] } } as Partial<MethodConfiguration>);
    expect(codes(run(dir, { passkeyProvider: 'securityKey', securityKeyAaguid: FEITIAN }))).toContain('PASSKEY_KEY_RESTRICTED');
  });

  it('when Authenticator on Android is created and only the iOS AAGUID is allowed, it is raised; on iOS it is fine', () => {
    const dir = withProfiles([{ id: DEFAULT, types: 'deviceBound', allow: [AUTH_IOS] }]);
    expect(codes(run(dir, { passkeyProvider: 'microsoftAuthenticator', phoneOs: 'Android 15' }))).toContain('PASSKEY_KEY_RESTRICTED');
    expect(codes(run(dir, { passkeyProvider: 'microsoftAuthenticator', phoneOs: 'iOS 18.1' }))).not.toContain('PASSKEY_KEY_RESTRICTED');
  });

  it('when a registered key\'s model was removed from the allow list, it is raised from Graph alone (restrictions apply at sign-in)', () => {
    const dir = withProfiles([{ id: DEFAULT, types: 'deviceBound', allow: [YUBIKEY5] }], [DEFAULT], { methods: [method.password(), passkey(FEITIAN, 'deviceBound')] });
    expect(codes(run(dir))).toContain('PASSKEY_KEY_RESTRICTED');
  });
});

describe('PASSKEY_ATTESTATION_REQUIRED', () => {
  it('when every profile allowing synced passkeys enforces attestation, a password-manager passkey is refused', () => {
    const dir = withProfiles([{ id: DEFAULT, types: 'deviceBound,synced', attestation: 'registrationOnly' }]);
    const f = run(dir, { passkeyProvider: 'otherPasswordManager' });
    expect(codes(f)).toContain('PASSKEY_ATTESTATION_REQUIRED');
    expect(codes(f)).not.toContain('PASSKEY_TYPE_NOT_ALLOWED');
  });

  it('when another applicable profile allows synced passkeys without attestation, it is acceptable', () => {
    const dir = withProfiles([{ id: DEFAULT, types: 'deviceBound,synced', attestation: 'registrationOnly' }, { id: SECOND, types: 'synced' }]);
    expect(codes(run(dir, { passkeyProvider: 'otherPasswordManager' }))).not.toContain('PASSKEY_ATTESTATION_REQUIRED');
  });

  it('when attestation is enforced, Authenticator (created in the app) and a security key are acceptable', () => {
    const dir = withProfiles([{ id: DEFAULT, types: 'deviceBound', attestation: 'registrationOnly' }]);
    expect(codes(run(dir, { passkeyProvider: 'microsoftAuthenticator', phoneOs: 'iOS 18' }))).not.toContain('PASSKEY_ATTESTATION_REQUIRED');
    expect(codes(run(dir, { passkeyProvider: 'securityKey', securityKeyAaguid: YUBIKEY5 }))).not.toContain('PASSKEY_ATTESTATION_REQUIRED');
  });

  it('when attestation was switched on after a synced passkey was registered, the registered passkey keeps working (registration only)', () => {
    const dir = withProfiles([{ id: DEFAULT, types: 'deviceBound,synced', attestation: 'registrationOnly' }], [DEFAULT], { methods: [method.password(), passkey('fbfc3007-154e-4ecc-8c0b-6e020557d7bd', 'synced')] });
    expect(codes(run(dir))).not.toContain('PASSKEY_ATTESTATION_REQUIRED');
  });
});

describe('AUTHENTICATOR_UPDATE_REQUIRED', () => {
  const both = (methods: AuthMethod[]) => withProfiles([{ id: DEFAULT, types: 'deviceBound,synced' }], [DEFAULT], { methods: [method.password(), ...methods] });

  it('when Authenticator on iOS is 6.8.36 and a profile allows both kinds, it is raised with the minimum', () => {
    const f = run(both([authenticatorAt('6.8.36')]), { passkeyProvider: 'microsoftAuthenticator', phoneOs: 'iOS 18.2' });
    const finding = find(f, 'AUTHENTICATOR_UPDATE_REQUIRED');
    expect(finding.steps[0]).toContain('6.8.37');
    expect(finding.steps[0]).toContain('App Store');
  });

  it('when Authenticator is exactly at the minimum version (iOS 6.8.37, Android 6.2507.4749), nothing is raised', () => {
    expect(codes(run(both([authenticatorAt('6.8.37')]), { passkeyProvider: 'microsoftAuthenticator', phoneOs: 'iOS 18.2' }))).not.toContain('AUTHENTICATOR_UPDATE_REQUIRED');
    expect(codes(run(both([authenticatorAt('6.2507.4749')]), { passkeyProvider: 'microsoftAuthenticator', phoneOs: 'Android 15' }))).not.toContain('AUTHENTICATOR_UPDATE_REQUIRED');
  });

  it('when the Android build is older (6.2506.1), it is raised; the OS is read from the version when the employee did not say', () => {
    const f = run(both([authenticatorAt('6.2506.1')]), { passkeyProvider: 'microsoftAuthenticator' });
    expect(find(f, 'AUTHENTICATOR_UPDATE_REQUIRED').evidence['authenticators']).toEqual([expect.objectContaining({ os: 'Android', minimum: '6.2507.4749' })]);
  });

  it('when no profile allows both kinds, no version minimum applies', () => {
    const dir = withProfiles([{ id: DEFAULT, types: 'deviceBound' }], [DEFAULT], { methods: [method.password(), authenticatorAt('6.1.0')] });
    expect(codes(run(dir, { passkeyProvider: 'microsoftAuthenticator', phoneOs: 'iOS 18' }))).not.toContain('AUTHENTICATOR_UPDATE_REQUIRED');
  });

  it('when the phone runs iOS 16 (Authenticator yes, passkeys no), it is raised for the OS; AUTHENTICATOR_OS_UNSUPPORTED is not doubled', () => {
    const f = run(both([authenticatorAt('6.9.0')]), { passkeyProvider: 'microsoftAuthenticator', phoneOs: 'iOS 16.7' });
    expect(find(f, 'AUTHENTICATOR_UPDATE_REQUIRED').title).toContain('iOS 16.7');
    expect(codes(f)).not.toContain('AUTHENTICATOR_OS_UNSUPPORTED');
  });

  it('when the passkey goes to a security key, the Authenticator version does not matter', () => {
    expect(codes(run(both([authenticatorAt('6.0.0')]), { passkeyProvider: 'securityKey' }))).not.toContain('AUTHENTICATOR_UPDATE_REQUIRED');
  });
});

describe('PHONE_ONLY_MFA', () => {
  const phoneOnly = (extra: Partial<DirectoryFacts> = {}) => facts({ methods: [method.password(), method.phone()], registrationDetails: { id: USER_ID, isMfaRegistered: true, methodsRegistered: ['mobilePhone', 'email'] }, ...extra });

  it('when the only MFA method is a phone, a warning is raised before 2027-02-01 with the date and no phone number', () => {
    const f = run(phoneOnly());
    const finding = find(f, 'PHONE_ONLY_MFA');
    expect(finding.severity).toBe('warning');
    expect(finding.evidence).toEqual(expect.objectContaining({ retirementDate: '2027-02-01', daysUntilRetirement: 67, passkeyReady: true }));
    expect(JSON.stringify(finding.evidence)).not.toMatch(/\+\d/);
  });

  it('when evaluated on or after 2027-02-01, it is blocking, unless the tenant has its own telephony provider', () => {
    const after = { now: new Date('2027-02-01T00:00:00Z'), directory: phoneOnly() };
    expect(find(diagnose(after), 'PHONE_ONLY_MFA').severity).toBe('blocking');
    expect(diagnose(after).map((x) => x.code)).not.toContain('ALREADY_REGISTERED');
    expect(find(diagnose(after, { customTelephonyProvider: true }), 'PHONE_ONLY_MFA').severity).toBe('warning');
  });

  it('when the employee has a phone plus Microsoft Authenticator, they are not phone-only', () => {
    expect(codes(run(phoneOnly({ methods: [method.password(), method.phone(), method.authenticator()], registrationDetails: { id: USER_ID, methodsRegistered: ['mobilePhone', 'microsoftAuthenticatorPush'] } })))).not.toContain('PHONE_ONLY_MFA');
  });

  it('when the registration report lists a passkey the method list does not yet show, they are not phone-only', () => {
    expect(codes(run(phoneOnly({ registrationDetails: { id: USER_ID, methodsRegistered: ['mobilePhone', 'passKeyDeviceBoundAuthenticator'] } })))).not.toContain('PHONE_ONLY_MFA');
  });

  it('when the Microsoft-managed campaign targets the user and Fido2 applies, the evidence says passkey nudges with unlimited snoozes', () => {
    const policy = { id: 'p', authenticationMethodConfigurations: defaultConfigs(), registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state: 'default', snoozeDurationInDays: 1, includeTargets: [{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'fido2' }], excludeTargets: [] } }, optOutSettings: { passkeyDynamicMigration: false } };
    const finding = find(run(phoneOnly({ authenticationMethodsPolicy: policy })), 'PHONE_ONLY_MFA');
    expect(finding.evidence['registrationCampaign']).toEqual(expect.objectContaining({ microsoftManaged: true, effectiveMethod: 'fido2', unlimitedSnoozes: true }));
    expect(finding.evidence['passkeyDynamicMigrationOptOut']).toBe(false);
  });

  it('when nothing at all is registered, it is not phone-only', () => {
    expect(codes(run(newcomer()))).not.toContain('PHONE_ONLY_MFA');
  });
});

describe('PRIVILEGED_ACCOUNT with PIM', () => {
  const AUTH_ADMIN = 'c4e39bd9-1100-46d3-8c65-fb160da0071f';
  const inst = (id: string, principalId: string, directoryScopeId = '/', endDateTime: string | null = null) => ({ id, principalId, roleDefinitionId: AUTH_ADMIN, directoryScopeId, memberType: 'Direct', startDateTime: hoursAgo(1000), endDateTime });

  it('when the user is only PIM-eligible (direct, tenant-wide), it is raised and the role is named as eligible', () => {
    const f = run(facts({ roleEligibilities: [inst('e1', USER_ID)] }));
    expect(find(f, 'PRIVILEGED_ACCOUNT').title).toContain('Authentication Administrator (eligible)');
  });

  it('when the eligibility is held through a role-assignable group, the group is in the evidence', () => {
    const f = run(facts({ roleEligibilities: [inst('e2', GROUP_ID)] }));
    expect(find(f, 'PRIVILEGED_ACCOUNT').evidence['pimRoles']).toEqual([expect.objectContaining({ via: 'group', groupId: GROUP_ID, kind: 'eligible' })]);
  });

  it('when an active assignment is scoped to an administrative unit, it counts', () => {
    const f = run(facts({ roleAssignments: [inst('a1', USER_ID, '/administrativeUnits/au-1')] }));
    expect(find(f, 'PRIVILEGED_ACCOUNT').evidence['pimRoles']).toEqual([expect.objectContaining({ scope: 'administrativeUnit', kind: 'active' })]);
  });

  it('when the only eligibility already ended, it does not count', () => {
    expect(codes(run(facts({ roleEligibilities: [inst('e3', USER_ID, '/', hoursAgo(2))] })))).not.toContain('PRIVILEGED_ACCOUNT');
  });
});

describe('passkey knowledge', () => {
  it('when an employee describes being asked to sign in again while adding a passkey, the five-minute re-authentication applies', () => {
    expect(describesPasskeyReauth('It keeps asking me to sign in again when I add a passkey')).toBe(true);
    expect(describesPasskeyReauth('I want to sign in again tomorrow')).toBe(false);
  });

  it('when 135016 and 135019 are looked up, they are explained; 135016 mentions passkey profiles', () => {
    expect(lookupErrorCode('AADSTS135016')?.meaning).toContain('passkey profiles');
    expect(lookupErrorCode('135019')?.name).toBe('FidoExpiredChallenge');
  });
});
