import { cohortOf, movedOffPhone } from '../../../src/campaigns/cohorts';
import { parseCampaignCommand } from '../../../src/bot/campaigns/commands';
import { managedEligible, microsoftNudgeFor } from '../../../src/backend/services/microsoftCampaign';
import type { Subject } from '../../../src/diagnosis/subject';

describe('phone cohorts from a registration row', () => {
  it.each([
    [['mobilePhone'], {}, 'phoneOnly'],
    [['officePhone', 'email'], {}, 'phoneOnly'],
    [['mobilePhone', 'temporaryAccessPass'], {}, 'phoneOnly'],
    [['mobilePhone', 'microsoftAuthenticatorPush'], { isSystemPreferredAuthenticationMethodEnabled: true, systemPreferredAuthenticationMethods: ['PhoneAppNotification'] }, 'phoneRedundant'],
    [['mobilePhone', 'microsoftAuthenticatorPush'], { isSystemPreferredAuthenticationMethodEnabled: true, systemPreferredAuthenticationMethods: ['Sms'] }, 'phoneDefault'],
    [['mobilePhone', 'softwareOneTimePasscode'], { isSystemPreferredAuthenticationMethodEnabled: false, userPreferredMethodForSecondaryAuthentication: 'voiceMobile' }, 'phoneDefault'],
    [['mobilePhone', 'passKeySynced'], { defaultMfaMethod: 'mobilePhone' }, 'phoneDefault'],
    [['mobilePhone', 'unknownFutureValue'], {}, 'phoneRedundant'],
    [['microsoftAuthenticatorPush'], {}, 'noPhone'],
    [['email'], {}, 'noMfa'],
  ] as const)('%j %j → %s', (methods, extra, cohort) => {
    expect(cohortOf({ methodsRegistered: methods, ...extra })).toBe(cohort);
  });

  it('moving off the phone means a better cohort than at targeting time', () => {
    expect(movedOffPhone('phoneOnly', 'phoneDefault')).toBe(true);
    expect(movedOffPhone('phoneOnly', 'phoneOnly')).toBe(false);
    expect(movedOffPhone('phoneRedundant', 'phoneDefault')).toBe(false);
    expect(movedOffPhone('phoneRedundant', 'noPhone')).toBe(true);
  });
});

describe('passkey campaign commands', () => {
  it.each([
    ['campaign preview passkey', { kind: 'preview', passkey: { cohorts: ['phoneOnly', 'phoneDefault', 'phoneRedundant'], readiness: 'any' } }],
    ['<at>MFA Helper</at> campaign preview passkey phone-only ready', { kind: 'preview', passkey: { cohorts: ['phoneOnly'], readiness: 'ready' } }],
    ['campaign preview passkey phone-default not-ready group 2a1b-33', { kind: 'preview', groupId: '2a1b-33', passkey: { cohorts: ['phoneDefault'], readiness: 'notReady' } }],
    ['campaign preview passkey phone-cheap', { kind: 'help' }],
    ['campaign cohorts', { kind: 'cohorts' }],
    ['campaign preview group 2a1b-33', { kind: 'preview', groupId: '2a1b-33' }],
  ])('"%s"', (text, command) => {
    expect(parseCampaignCommand(text)).toEqual(command);
  });
});

describe("Microsoft's registration campaign", () => {
  const subject: Subject = { userId: 'u1', userPrincipalName: 'u1@x', isGuest: false, groupIds: new Set(), roleIds: new Set(), roles: [], membershipKnown: true };
  const policy = (state: string, method: string) => ({
    registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state, includeTargets: [{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: method }], excludeTargets: [] } },
  });
  const passkeys = { canRegister: true, source: 'profiles' as const, profiles: [{ synced: true, deviceBound: true, attestationRequired: false }] };

  it('Microsoft managed nudges passkey-enabled employees for a passkey, others for Authenticator only while they have none', () => {
    expect(microsoftNudgeFor(policy('default', 'microsoftAuthenticator'), subject, passkeys, ['mobilePhone'])).toBe('passkey');
    expect(microsoftNudgeFor(policy('default', 'microsoftAuthenticator'), subject, undefined, ['mobilePhone'])).toBe('authenticator');
    expect(microsoftNudgeFor(policy('default', 'microsoftAuthenticator'), subject, undefined, ['mobilePhone', 'microsoftAuthenticatorPush'])).toBeUndefined();
  });

  it('disabled, guests and an fido2 campaign for someone not enabled for passkeys: no nudge', () => {
    expect(microsoftNudgeFor(policy('disabled', 'fido2'), subject, passkeys, ['mobilePhone'])).toBeUndefined();
    expect(microsoftNudgeFor(policy('enabled', 'fido2'), { ...subject, isGuest: true }, passkeys, ['mobilePhone'])).toBeUndefined();
    expect(microsoftNudgeFor(policy('enabled', 'fido2'), subject, { ...passkeys, canRegister: false, reason: 'excluded' }, ['mobilePhone'])).toBeUndefined();
  });

  it('a profile allow-listing only a security key model is not eligible under Microsoft managed', () => {
    expect(managedEligible({ synced: false, deviceBound: true, attestationRequired: false, keyRestrictions: { enforcementType: 'allow', aaGuids: ['cb69481e-8ff7-4039-93ec-0a2729a154a8'] } })).toBe(false);
    expect(managedEligible({ synced: false, deviceBound: true, attestationRequired: false, keyRestrictions: { enforcementType: 'allow', aaGuids: ['90a3ccdf-635c-4729-a248-9b709135078f'] } })).toBe(true);
  });
});
