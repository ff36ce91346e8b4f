/**
 * Table-driven: for every finding code of findings.md, positive cases and the negative cases that
 * sharpen its rule. Each case starts from a healthy, registered member (builders.facts) and states
 * only what differs.
 */
import { diagnose, FINDING_CODES, type ClientFacts, type DiagnosisSettings, type DirectoryFacts, type Finding } from '../../../src/diagnosis';
import {
  GROUP_ID, HQ_ID, OTHER_GROUP_ID, UA, USER_ID, caPolicy, codes, config, defaultConfigs, device, devices, facts, find, group, hoursAgo, input,
  ipLocation, method, minutesAgo, newcomer, signIn,
} from './builders';

interface Case {
  name: string;
  dir: () => DirectoryFacts;
  client?: ClientFacts;
  settings?: Partial<DiagnosisSettings>;
  first?: string;
  present?: string[];
  absent?: string[];
  check?: (f: Finding[]) => void;
}

const hq = () => ipLocation(HQ_ID, 'HQ', ['198.51.100.0/24']);
const blockOutsideHq = (o: Parameters<typeof caPolicy>[0] = {}) => caPolicy({ includeLocations: ['All'], excludeLocations: ['AllTrusted'], ...o });
const policyWith = (...configs: ReturnType<typeof config>[]) => ({ id: 'authenticationMethodsPolicy', authenticationMethodConfigurations: configs });
const replaceConfig = (c: ReturnType<typeof config>) => policyWith(...defaultConfigs().filter((x) => x.id !== c.id), c);
const campaign = (state: string) => ({ authenticationMethodsRegistrationCampaign: { state, snoozeDurationInDays: 1, includeTargets: [{ id: GROUP_ID, targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' }], excludeTargets: [] } });

const cases: Case[] = [
  // ACCOUNT_DISABLED
  { name: 'when accountEnabled is false, ACCOUNT_DISABLED is the root cause', dir: () => facts({ user: { id: USER_ID, accountEnabled: false, userType: 'Member' } }), first: 'ACCOUNT_DISABLED', absent: ['ALREADY_REGISTERED'] },
  { name: 'when accountEnabled is unknown (null), the account is not called disabled', dir: () => facts({ user: { id: USER_ID, accountEnabled: null } }), absent: ['ACCOUNT_DISABLED'] },
  // ACCOUNT_LOCKED
  { name: 'when a sign-in failed with 50053 two hours ago, ACCOUNT_LOCKED', dir: () => facts({ signIns: [signIn(50053, { at: hoursAgo(2) })] }), first: 'ACCOUNT_LOCKED' },
  { name: 'when the lockout (50053) is older than 24 h, it is ignored', dir: () => facts({ signIns: [signIn(50053, { at: hoursAgo(30) })] }), absent: ['ACCOUNT_LOCKED'], present: ['ALREADY_REGISTERED'] },
  { name: "when the 50053 sign-in is another user's, it is ignored", dir: () => facts({ signIns: [signIn(50053, { userId: 'someone-else' })] }), absent: ['ACCOUNT_LOCKED'] },
  // PASSWORD_EXPIRED
  { name: 'when a recent sign-in failed with 50055, PASSWORD_EXPIRED', dir: () => facts({ signIns: [signIn(50055, { at: hoursAgo(10) })] }), first: 'PASSWORD_EXPIRED' },
  { name: 'when the 50055 sign-in is outside the 72 h window, it is ignored', dir: () => facts({ signIns: [signIn(50055, { at: hoursAgo(80) })] }), absent: ['PASSWORD_EXPIRED'] },
  // GUEST_ACCOUNT
  { name: 'when userType is Guest, GUEST_ACCOUNT', dir: () => facts({ user: { id: USER_ID, userType: 'Guest', accountEnabled: true, userPrincipalName: 'bob_fabrikam.example#EXT#@contoso.example' } }), first: 'GUEST_ACCOUNT' },
  { name: 'when userType is Member, no GUEST_ACCOUNT', dir: () => facts(), absent: ['GUEST_ACCOUNT'] },
  // PRIVILEGED_ACCOUNT
  {
    name: 'when the user holds a directory role, PRIVILEGED_ACCOUNT (warning) names the role',
    dir: () => facts({ memberships: [group(GROUP_ID), { '@odata.type': '#microsoft.graph.directoryRole', id: 'role-1', displayName: 'Global Administrator', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10' }] }),
    present: ['PRIVILEGED_ACCOUNT', 'ALREADY_REGISTERED'],
    check: (f) => expect(find(f, 'PRIVILEGED_ACCOUNT').title).toContain('Global Administrator'),
  },
  { name: 'when memberships are unavailable but registrationDetails.isAdmin is true, PRIVILEGED_ACCOUNT', dir: () => facts({ memberships: null, registrationDetails: { id: USER_ID, isAdmin: true, isMfaRegistered: true } }), present: ['PRIVILEGED_ACCOUNT'] },
  { name: 'when the user holds no role, no PRIVILEGED_ACCOUNT', dir: () => facts(), absent: ['PRIVILEGED_ACCOUNT'] },
  // USER_RISK_BLOCKED
  { name: 'when riskLevel is high, USER_RISK_BLOCKED', dir: () => facts({ riskLevel: 'high' }), first: 'USER_RISK_BLOCKED' },
  { name: 'when a recent sign-in failed with 53004, USER_RISK_BLOCKED with the code as evidence', dir: () => facts({ signIns: [signIn(53004)] }), first: 'USER_RISK_BLOCKED', check: (f) => expect(find(f, 'USER_RISK_BLOCKED').evidence['errorCodes']).toEqual([53004]) },
  { name: 'when riskLevel is medium, no USER_RISK_BLOCKED', dir: () => facts({ riskLevel: 'medium' }), absent: ['USER_RISK_BLOCKED'] },
  // DEVICE_QUOTA_REACHED / NEAR
  {
    name: 'when devices reach the quota, DEVICE_QUOTA_REACHED lists stale registered (self) and joined (helpdesk) devices',
    dir: () => facts({
      deviceRegistrationPolicy: { userDeviceQuota: 10 },
      devices: [...devices(6, 'Workplace', 5), device('old-byod', 'Workplace', 200), device('old-laptop', 'AzureAd', 120), device('old-hybrid', 'ServerAd', 95), device('never', 'Workplace', null, 300)],
    }),
    first: 'DEVICE_QUOTA_REACHED',
    check: (f) => {
      const e = find(f, 'DEVICE_QUOTA_REACHED').evidence;
      expect(e).toMatchObject({ count: 10, quota: 10, removableBySelf: 2, removableByHelpdesk: 2 });
      const stale = e['staleDevices'] as Array<{ id: string; kind: string; removableBy: string }>;
      expect(stale.map((s) => s.id).sort()).toEqual(['never', 'old-byod', 'old-hybrid', 'old-laptop']);
      expect(stale.find((s) => s.id === 'old-laptop')).toMatchObject({ kind: 'joined', removableBy: 'helpdesk' });
      expect(stale.find((s) => s.id === 'old-byod')).toMatchObject({ kind: 'registered', removableBy: 'self' });
    },
  },
  { name: 'when a device appears twice, it is counted once', dir: () => facts({ deviceRegistrationPolicy: { userDeviceQuota: 10 }, devices: [...devices(9), device('d0', 'Workplace', 5)] }), present: ['DEVICE_QUOTA_NEAR'], absent: ['DEVICE_QUOTA_REACHED'] },
  { name: 'when devices are exactly at 90 % of the quota, DEVICE_QUOTA_NEAR', dir: () => facts({ deviceRegistrationPolicy: { userDeviceQuota: 10 }, devices: devices(9) }), present: ['DEVICE_QUOTA_NEAR', 'ALREADY_REGISTERED'] },
  { name: 'when devices are below 90 % of the quota, no device finding', dir: () => facts({ deviceRegistrationPolicy: { userDeviceQuota: 10 }, devices: devices(8) }), absent: ['DEVICE_QUOTA_NEAR', 'DEVICE_QUOTA_REACHED'] },
  { name: 'when no device policy is readable, the default quota of 50 applies (45 devices = 90 %)', dir: () => facts({ deviceRegistrationPolicy: null, devices: devices(45) }), present: ['DEVICE_QUOTA_NEAR'] },
  { name: 'when recently used devices fill the quota, none is listed as stale', dir: () => facts({ deviceRegistrationPolicy: { userDeviceQuota: 3 }, devices: devices(3, 'Workplace', 89) }), check: (f) => expect(find(f, 'DEVICE_QUOTA_REACHED').evidence['staleDevices']).toEqual([]) },
  // METHOD_NOT_ENABLED
  { name: 'when the employee tries a security key and Fido2 is disabled, METHOD_NOT_ENABLED (admin)', dir: () => facts({ authenticationMethodsPolicy: replaceConfig(config('Fido2', 'disabled')) }), client: { attemptedMethod: 'fido2' }, first: 'METHOD_NOT_ENABLED', check: (f) => expect(find(f, 'METHOD_NOT_ENABLED').fix).toBe('admin') },
  { name: 'when Fido2 targets only another group, METHOD_NOT_ENABLED (not included)', dir: () => facts({ authenticationMethodsPolicy: replaceConfig(config('Fido2', 'enabled', [OTHER_GROUP_ID])) }), client: { attemptedMethod: 'fido2' }, present: ['METHOD_NOT_ENABLED'], check: (f) => expect(JSON.stringify(find(f, 'METHOD_NOT_ENABLED').evidence)).toContain('notIncluded') },
  { name: "when Fido2 includes all users but excludes the user's group, exclusion wins", dir: () => facts({ authenticationMethodsPolicy: replaceConfig(config('Fido2', 'enabled', ['all_users'], [GROUP_ID])) }), client: { attemptedMethod: 'passkey' }, present: ['METHOD_NOT_ENABLED'], check: (f) => expect(JSON.stringify(find(f, 'METHOD_NOT_ENABLED').evidence)).toContain('"excluded"') },
  { name: 'when a recent sign-in failed with 135016, METHOD_NOT_ENABLED from the log alone', dir: () => facts({ signIns: [signIn(135016)] }), first: 'METHOD_NOT_ENABLED' },
  { name: 'when the attempted method is enabled for the user, no METHOD_NOT_ENABLED', dir: () => facts(), client: { attemptedMethod: 'fido2' }, absent: ['METHOD_NOT_ENABLED'] },
  { name: 'when the 135016 sign-in is older than 72 h, it is ignored', dir: () => facts({ signIns: [signIn(135016, { at: hoursAgo(100) })] }), absent: ['METHOD_NOT_ENABLED'] },
  { name: 'when the phone is attempted and only Voice is disabled (SMS on), phone is still enabled', dir: () => facts(), client: { attemptedMethod: 'phone' }, absent: ['METHOD_NOT_ENABLED'] },
  // CAMPAIGN_METHOD_CONFLICT
  {
    name: 'when the campaign targets Authenticator but Authenticator excludes the user, CAMPAIGN_METHOD_CONFLICT',
    dir: () => newcomer({ authenticationMethodsPolicy: { ...replaceConfig(config('MicrosoftAuthenticator', 'enabled', ['all_users'], [GROUP_ID])), registrationEnforcement: campaign('enabled') }, signIns: [signIn(50203)] }),
    present: ['CAMPAIGN_METHOD_CONFLICT', 'CAMPAIGN_NUDGE_PENDING'],
  },
  { name: 'when the campaign targets Authenticator and it is enabled, no conflict', dir: () => newcomer({ authenticationMethodsPolicy: { ...policyWith(...defaultConfigs()), registrationEnforcement: campaign('enabled') } }), absent: ['CAMPAIGN_METHOD_CONFLICT'] },
  { name: 'when the campaign is disabled, no conflict', dir: () => newcomer({ authenticationMethodsPolicy: { ...replaceConfig(config('MicrosoftAuthenticator', 'disabled')), registrationEnforcement: campaign('disabled') } }), absent: ['CAMPAIGN_METHOD_CONFLICT'] },
  // NO_MFA_METHOD_AVAILABLE
  { name: 'when every self-registrable MFA method is disabled, NO_MFA_METHOD_AVAILABLE', dir: () => newcomer({ authenticationMethodsPolicy: policyWith(config('MicrosoftAuthenticator', 'disabled'), config('Sms', 'disabled'), config('Email')) }), present: ['NO_MFA_METHOD_AVAILABLE'] },
  { name: 'when the tenant has no methods policy, the new-tenant defaults make a method available', dir: () => newcomer({ authenticationMethodsPolicy: null }), absent: ['NO_MFA_METHOD_AVAILABLE'] },
  // CA_BLOCKS_REGISTRATION
  {
    name: 'when a recent 53003 names the registration policy as failed, CA_BLOCKS_REGISTRATION with policy, sign-in and trusted locations',
    dir: () => facts({ conditionalAccessPolicies: [blockOutsideHq()], namedLocations: [hq()], signIns: [signIn(53003, { ip: '2001:db8::10', failed: [{ id: 'ca-reg-1' }] })] }),
    first: 'CA_BLOCKS_REGISTRATION',
    check: (f) => {
      const e = find(f, 'CA_BLOCKS_REGISTRATION').evidence;
      expect(e['policy']).toMatchObject({ id: 'ca-reg-1', displayName: 'Register security info only from trusted locations' });
      expect(e['signIn']).toMatchObject({ errorCode: 53003, ipAddress: '2001:db8::10' });
      expect(e['trustedLocations']).toEqual([expect.objectContaining({ id: HQ_ID, displayName: 'HQ', ipRanges: ['198.51.100.0/24'] })]);
    },
  },
  {
    name: 'when recent sign-ins come over IPv6 and the trusted location is IPv4-only, CA_BLOCKS_REGISTRATION without an error code',
    dir: () => facts({ conditionalAccessPolicies: [blockOutsideHq()], namedLocations: [hq()], signIns: [signIn(0, { ip: '2001:db8:1::5' })] }),
    first: 'CA_BLOCKS_REGISTRATION',
    check: (f) => expect(find(f, 'CA_BLOCKS_REGISTRATION').evidence['ipv6AgainstIpv4OnlyLocations']).toBe(true),
  },
  { name: 'when the newest sign-in comes from inside the trusted IPv4 range, no CA block', dir: () => facts({ conditionalAccessPolicies: [blockOutsideHq()], namedLocations: [hq()], signIns: [signIn(0, { ip: '198.51.100.77' })] }), absent: ['CA_BLOCKS_REGISTRATION'] },
  { name: 'when the IPv6 address is inside an IPv6 trusted range, no CA block', dir: () => facts({ conditionalAccessPolicies: [blockOutsideHq()], namedLocations: [ipLocation(HQ_ID, 'HQ', ['198.51.100.0/24', '2001:db8:1::/48'])], signIns: [signIn(0, { ip: '2001:db8:1::5' })] }), absent: ['CA_BLOCKS_REGISTRATION'] },
  { name: 'when the blocking policy is report-only, it is ignored even with a 53003', dir: () => facts({ conditionalAccessPolicies: [blockOutsideHq({ state: 'enabledForReportingButNotEnforced' })], namedLocations: [hq()], signIns: [signIn(53003, { failed: [{ id: 'ca-reg-1' }] })] }), absent: ['CA_BLOCKS_REGISTRATION'] },
  { name: 'when the blocking policy is disabled, it is ignored', dir: () => facts({ conditionalAccessPolicies: [blockOutsideHq({ state: 'disabled' })], namedLocations: [hq()], signIns: [signIn(0, { ip: '2001:db8:1::5' })] }), absent: ['CA_BLOCKS_REGISTRATION'] },
  { name: "when the user's group is excluded, the exclusion wins over All", dir: () => facts({ conditionalAccessPolicies: [blockOutsideHq({ excludeGroups: [GROUP_ID] })], namedLocations: [hq()], signIns: [signIn(53003, { failed: [{ id: 'ca-reg-1' }] })] }), absent: ['CA_BLOCKS_REGISTRATION'] },
  { name: 'when the 53003 is older than 72 h and no recent sign-in exists, no CA block', dir: () => facts({ conditionalAccessPolicies: [blockOutsideHq()], namedLocations: [hq()], signIns: [signIn(53003, { at: hoursAgo(75), failed: [{ id: 'ca-reg-1' }] })] }), absent: ['CA_BLOCKS_REGISTRATION'] },
  { name: 'when a guest is outside and the policy targets GuestsOrExternalUsers, CA_BLOCKS_REGISTRATION', dir: () => facts({ user: { id: USER_ID, userType: 'Guest', accountEnabled: true }, conditionalAccessPolicies: [blockOutsideHq({ includeUsers: ['GuestsOrExternalUsers'] })], namedLocations: [hq()], signIns: [signIn(0, { ip: '203.0.113.9' })] }), present: ['CA_BLOCKS_REGISTRATION'] },
  { name: 'when a member is outside and the policy targets only GuestsOrExternalUsers, no CA block', dir: () => facts({ conditionalAccessPolicies: [blockOutsideHq({ includeUsers: ['GuestsOrExternalUsers'] })], namedLocations: [hq()], signIns: [signIn(0, { ip: '203.0.113.9' })] }), absent: ['CA_BLOCKS_REGISTRATION'] },
  { name: 'when the policy is on another user action (register device), it is not a registration block', dir: () => facts({ conditionalAccessPolicies: [blockOutsideHq({ userActions: ['urn:user:registerdevice'] })], namedLocations: [hq()], signIns: [signIn(0, { ip: '203.0.113.9' })] }), absent: ['CA_BLOCKS_REGISTRATION'] },
  { name: 'when sign-in logs are unavailable but the browser reports IPv6 against IPv4-only locations, CA_BLOCKS_REGISTRATION', dir: () => facts({ signIns: null, gaps: [{ source: 'signIns', status: 403, code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', reason: 'no P1' }], conditionalAccessPolicies: [blockOutsideHq()], namedLocations: [hq()] }), client: { ipFamily: 'ipv6' }, present: ['CA_BLOCKS_REGISTRATION'] },
  { name: 'when CA policies are unreadable, a recent 53010 still raises CA_BLOCKS_REGISTRATION from the sign-in', dir: () => facts({ conditionalAccessPolicies: null, signIns: [signIn(53010, { failed: [{ id: 'x', displayName: 'Reg from HQ' }] })] }), first: 'CA_BLOCKS_REGISTRATION', check: (f) => expect(find(f, 'CA_BLOCKS_REGISTRATION').evidence['policySource']).toBe('signIn') },
  // CA_REQUIRES_MFA_TO_REGISTER
  { name: 'when a registration policy requires MFA and a newcomer has no usable method, CA_REQUIRES_MFA_TO_REGISTER (helpdesk)', dir: () => newcomer({ conditionalAccessPolicies: [blockOutsideHq({ grant: ['mfa'] })], namedLocations: [hq()], signIns: [signIn(50079, { ip: '203.0.113.9' })] }), first: 'CA_REQUIRES_MFA_TO_REGISTER', check: (f) => expect(find(f, 'CA_REQUIRES_MFA_TO_REGISTER').fix).toBe('helpdesk') },
  { name: 'when the newcomer has a usable TAP, MFA can be satisfied: no CA_REQUIRES_MFA_TO_REGISTER', dir: () => newcomer({ methods: [method.password(), method.tap()], conditionalAccessPolicies: [caPolicy({ grant: ['mfa'] })] }), absent: ['CA_REQUIRES_MFA_TO_REGISTER'], present: ['TAP_ALREADY_ACTIVE'] },
  { name: 'when the user already has an MFA method, no CA_REQUIRES_MFA_TO_REGISTER', dir: () => facts({ conditionalAccessPolicies: [caPolicy({ grant: ['mfa'] })] }), absent: ['CA_REQUIRES_MFA_TO_REGISTER'] },
  { name: 'when the newcomer signs in from the trusted location, the MFA policy does not apply', dir: () => newcomer({ conditionalAccessPolicies: [blockOutsideHq({ grant: ['mfa'] })], namedLocations: [hq()], signIns: [signIn(0, { ip: '198.51.100.5' })] }), absent: ['CA_REQUIRES_MFA_TO_REGISTER'] },
  { name: 'when an authentication strength is required, it counts as requiring MFA', dir: () => newcomer({ conditionalAccessPolicies: [caPolicy({ grant: [], authenticationStrength: '00000000-0000-0000-0000-000000000002' })] }), present: ['CA_REQUIRES_MFA_TO_REGISTER'] },
  // CA_REQUIRES_COMPLIANT_DEVICE
  { name: 'when a recent sign-in failed with 53000, CA_REQUIRES_COMPLIANT_DEVICE', dir: () => facts({ signIns: [signIn(53000)] }), first: 'CA_REQUIRES_COMPLIANT_DEVICE' },
  { name: 'when a registration policy requires a compliant device and the newest sign-in is unmanaged, CA_REQUIRES_COMPLIANT_DEVICE', dir: () => facts({ conditionalAccessPolicies: [caPolicy({ grant: ['compliantDevice'] })], signIns: [signIn(0)] }), present: ['CA_REQUIRES_COMPLIANT_DEVICE'] },
  { name: 'when the newest sign-in comes from a compliant device, no device finding', dir: () => facts({ conditionalAccessPolicies: [caPolicy({ grant: ['compliantDevice'] })], signIns: [signIn(0, { deviceDetail: { browser: 'Edge 131.0', isCompliant: true, isManaged: true, trustType: 'AzureAd' } })] }), absent: ['CA_REQUIRES_COMPLIANT_DEVICE'] },
  // SESSION_EXPIRED
  { name: 'when a recent sign-in failed with 50089, SESSION_EXPIRED', dir: () => facts({ signIns: [signIn(50089)] }), first: 'SESSION_EXPIRED' },
  { name: 'when a recent sign-in failed with 50133, SESSION_EXPIRED', dir: () => facts({ signIns: [signIn(50133)] }), first: 'SESSION_EXPIRED' },
  { name: 'when the 50089 is older than 72 h, no SESSION_EXPIRED', dir: () => facts({ signIns: [signIn(50089, { at: hoursAgo(73) })] }), absent: ['SESSION_EXPIRED'] },
  { name: 'with a 24 h window from settings, a 30 h old 50089 is ignored', dir: () => facts({ signIns: [signIn(50089, { at: hoursAgo(30) })] }), settings: { recentHours: 24 }, absent: ['SESSION_EXPIRED'] },
  // IP_ADDRESS_CHANGED
  {
    name: 'when one session (same correlationId) mixes IPv4 and IPv6, IP_ADDRESS_CHANGED (warning)',
    dir: () => facts({ signIns: [signIn(0, { at: minutesAgo(30), ip: '2001:db8::7', correlationId: 'c1' }), signIn(0, { at: minutesAgo(50), ip: '203.0.113.7', correlationId: 'c1' })] }),
    present: ['IP_ADDRESS_CHANGED', 'ALREADY_REGISTERED'],
    check: (f) => expect(find(f, 'IP_ADDRESS_CHANGED').evidence).toMatchObject({ mixedFamilies: true, families: ['IPv6', 'IPv4'] }),
  },
  { name: 'when two sign-ins 5 minutes apart use different IPv4 addresses, IP_ADDRESS_CHANGED', dir: () => facts({ signIns: [signIn(0, { at: minutesAgo(10), ip: '203.0.113.7' }), signIn(0, { at: minutesAgo(15), ip: '203.0.113.8' })] }), present: ['IP_ADDRESS_CHANGED'] },
  { name: 'when sign-ins from different addresses are hours apart and unrelated, no IP_ADDRESS_CHANGED', dir: () => facts({ signIns: [signIn(0, { at: hoursAgo(1), ip: '203.0.113.7' }), signIn(0, { at: hoursAgo(4), ip: '2001:db8::7' })] }), absent: ['IP_ADDRESS_CHANGED'] },
  { name: 'when something blocking explains the failure, IP_ADDRESS_CHANGED is not raised', dir: () => facts({ signIns: [signIn(50089, { at: minutesAgo(5), ip: '2001:db8::7', correlationId: 'c1' }), signIn(0, { at: minutesAgo(8), ip: '203.0.113.7', correlationId: 'c1' })] }), present: ['SESSION_EXPIRED'], absent: ['IP_ADDRESS_CHANGED'] },
  // MFA_NOT_COMPLETED
  { name: 'when a recent sign-in failed with 500121, MFA_NOT_COMPLETED (warning) keeps the details', dir: () => facts({ signIns: [signIn(500121, { additionalDetails: 'MFA denied; user declined the authentication' })] }), present: ['MFA_NOT_COMPLETED'], check: (f) => expect(JSON.stringify(find(f, 'MFA_NOT_COMPLETED').evidence)).toContain('user declined') },
  { name: "when the 500121 sign-in names another user's UPN, it is ignored", dir: () => facts({ signIns: [signIn(500121, { userId: null, upn: 'mallory@contoso.example' })] }), absent: ['MFA_NOT_COMPLETED'] },
  // CAMPAIGN_NUDGE_PENDING
  { name: 'when a recent sign-in shows 50203, CAMPAIGN_NUDGE_PENDING (info)', dir: () => newcomer({ methods: [method.password(), method.phone()], signIns: [signIn(50203)] }), present: ['CAMPAIGN_NUDGE_PENDING', 'ALREADY_REGISTERED'] },
  // TAP_ALREADY_ACTIVE
  { name: 'when a TAP started 30 minutes ago with a 60-minute lifetime, TAP_ALREADY_ACTIVE', dir: () => newcomer({ methods: [method.password(), method.tap()] }), first: 'TAP_ALREADY_ACTIVE', check: (f) => expect(find(f, 'TAP_ALREADY_ACTIVE').evidence['tap']).toMatchObject({ id: 'tap-1', usable: true, expiresAt: minutesAgo(-30) }) },
  { name: 'when the TAP lifetime has passed, it is not active', dir: () => newcomer({ methods: [method.password(), method.tap({ startHoursAgo: 2 })] }), absent: ['TAP_ALREADY_ACTIVE'] },
  { name: 'when Graph says the one-time TAP was used, it is not active', dir: () => newcomer({ methods: [method.password(), method.tap({ reason: 'OneTimeUsed' })] }), absent: ['TAP_ALREADY_ACTIVE'] },
  // TAP_NOT_ALLOWED
  { name: 'when the TAP method is disabled, TAP_NOT_ALLOWED (warning, admin)', dir: () => facts({ authenticationMethodsPolicy: replaceConfig(config('TemporaryAccessPass', 'disabled')) }), present: ['TAP_NOT_ALLOWED', 'ALREADY_REGISTERED'], check: (f) => expect(find(f, 'TAP_NOT_ALLOWED')).toMatchObject({ severity: 'warning', fix: 'admin' }) },
  { name: "when the user's group is excluded from TAP, TAP_NOT_ALLOWED", dir: () => facts({ authenticationMethodsPolicy: replaceConfig(config('TemporaryAccessPass', 'enabled', ['all_users'], [GROUP_ID])) }), present: ['TAP_NOT_ALLOWED'] },
  { name: 'when a recent sign-in failed with 130502, TAP_NOT_ALLOWED', dir: () => facts({ signIns: [signIn(130502)] }), present: ['TAP_NOT_ALLOWED'] },
  { name: 'when TAP is enabled for all users, no TAP_NOT_ALLOWED', dir: () => facts(), absent: ['TAP_NOT_ALLOWED'] },
  // TAP_EXPIRED_OR_USED
  { name: 'when a recent sign-in failed with 130504, TAP_EXPIRED_OR_USED (blocking, helpdesk)', dir: () => newcomer({ methods: [method.password(), method.tap({ startHoursAgo: 5 })], signIns: [signIn(130504, { at: hoursAgo(1) })] }), first: 'TAP_EXPIRED_OR_USED' },
  { name: 'when a new usable TAP was issued after the 130504, no TAP_EXPIRED_OR_USED', dir: () => newcomer({ methods: [method.password(), method.tap({ startHoursAgo: 0.25 })], signIns: [signIn(130504, { at: hoursAgo(1) })] }), absent: ['TAP_EXPIRED_OR_USED'], present: ['TAP_ALREADY_ACTIVE'] },
  { name: 'when Graph still calls a one-time TAP usable but a later sign-in says it was redeemed (130505), it is not active', dir: () => newcomer({ methods: [method.password(), method.tap({ startHoursAgo: 2, lifetimeInMinutes: 240, reason: 'EnabledByPolicy' })], signIns: [signIn(130505, { at: hoursAgo(0.5) })] }), first: 'TAP_EXPIRED_OR_USED', absent: ['TAP_ALREADY_ACTIVE'] },
  // STALE_AUTHENTICATOR
  { name: 'when the employee changed phones and an Authenticator is registered, STALE_AUTHENTICATOR', dir: () => facts(), client: { changedPhone: true }, first: 'STALE_AUTHENTICATOR', absent: ['ALREADY_REGISTERED'] },
  { name: 'when the employee changed phones but has no Authenticator registered, no STALE_AUTHENTICATOR', dir: () => facts({ methods: [method.password(), method.phone()] }), client: { changedPhone: true }, absent: ['STALE_AUTHENTICATOR'], present: ['ALREADY_REGISTERED'] },
  { name: 'when an Authenticator is registered and the phone did not change, no STALE_AUTHENTICATOR', dir: () => facts(), client: { changedPhone: false }, absent: ['STALE_AUTHENTICATOR'] },
  // ALREADY_REGISTERED
  { name: 'when a registered member has nothing wrong, ALREADY_REGISTERED is the only finding', dir: () => facts(), check: (f) => expect(codes(f)).toEqual(['ALREADY_REGISTERED']) },
  { name: 'when the user has not registered anything, no ALREADY_REGISTERED', dir: () => newcomer(), absent: ['ALREADY_REGISTERED'] },
  { name: 'when anything is blocking, no ALREADY_REGISTERED', dir: () => facts({ signIns: [signIn(50055)] }), absent: ['ALREADY_REGISTERED'] },
  // BROWSER_OUTDATED
  { name: 'when the browser is Chrome 100, BROWSER_OUTDATED', dir: () => facts(), client: { userAgent: UA.chrome100 }, first: 'BROWSER_OUTDATED' },
  { name: 'when the browser is Internet Explorer 11, BROWSER_OUTDATED', dir: () => facts(), client: { userAgent: UA.ie11 }, present: ['BROWSER_OUTDATED'] },
  { name: 'when the browser is EdgeHTML Edge 18, BROWSER_OUTDATED', dir: () => facts(), client: { userAgent: UA.edgeLegacy }, present: ['BROWSER_OUTDATED'] },
  { name: 'when the browser is Safari 14, BROWSER_OUTDATED', dir: () => facts(), client: { userAgent: UA.safari14 }, present: ['BROWSER_OUTDATED'] },
  { name: 'when the browser is Firefox 102, BROWSER_OUTDATED', dir: () => facts(), client: { userAgent: UA.firefox102 }, present: ['BROWSER_OUTDATED'] },
  { name: 'when a failed sign-in used IE 11 (deviceDetail.browser), BROWSER_OUTDATED from Graph', dir: () => facts({ signIns: [signIn(50126, { browser: 'IE 11.0' })] }), present: ['BROWSER_OUTDATED'] },
  { name: 'when only a successful sign-in used an old browser, no BROWSER_OUTDATED', dir: () => facts({ signIns: [signIn(0, { browser: 'IE 11.0' })] }), absent: ['BROWSER_OUTDATED'] },
  ...(['chrome131', 'edge131', 'opera95', 'firefox128', 'safari17mac', 'iosSafari17'] as const).map((k) => ({ name: `when the browser is current (${k}), no BROWSER_OUTDATED`, dir: () => facts(), client: { userAgent: UA[k] }, absent: ['BROWSER_OUTDATED'] })),
  { name: 'with a raised Chromium minimum from settings, Chrome 120 is outdated', dir: () => facts(), client: { userAgent: UA.chrome131.replace('131.0.0.0', '120.0.0.0') }, settings: { browserMinimums: { chromium: 125 } }, present: ['BROWSER_OUTDATED'] },
  // WEBAUTHN_UNAVAILABLE
  { name: 'when a security key is attempted and the browser has no WebAuthn, WEBAUTHN_UNAVAILABLE', dir: () => facts(), client: { attemptedMethod: 'fido2', webauthn: { available: false } }, first: 'WEBAUTHN_UNAVAILABLE' },
  { name: 'when a passkey is attempted without a platform authenticator, WEBAUTHN_UNAVAILABLE', dir: () => facts(), client: { attemptedMethod: 'passkey', webauthn: { available: true, platformAuthenticator: false } }, present: ['WEBAUTHN_UNAVAILABLE'] },
  { name: 'when a security key is registered from an iPhone browser, WEBAUTHN_UNAVAILABLE (platform caveat)', dir: () => facts(), client: { attemptedMethod: 'fido2', userAgent: UA.iosChrome, webauthn: { available: true } }, present: ['WEBAUTHN_UNAVAILABLE'], check: (f) => expect(find(f, 'WEBAUTHN_UNAVAILABLE').evidence['reason']).toBe('platformCaveat') },
  { name: 'when a security key is registered from ChromeOS, WEBAUTHN_UNAVAILABLE', dir: () => facts(), client: { attemptedMethod: 'fido2', userAgent: UA.chromeOs, webauthn: { available: true } }, present: ['WEBAUTHN_UNAVAILABLE'] },
  { name: 'when a security key is registered from Chrome on Windows with WebAuthn, no WEBAUTHN_UNAVAILABLE', dir: () => facts(), client: { attemptedMethod: 'fido2', userAgent: UA.chrome131, webauthn: { available: true, platformAuthenticator: true } }, absent: ['WEBAUTHN_UNAVAILABLE'] },
  { name: 'when Authenticator is attempted, missing WebAuthn does not matter', dir: () => facts(), client: { attemptedMethod: 'microsoftAuthenticator', webauthn: { available: false } }, absent: ['WEBAUTHN_UNAVAILABLE'] },
  // ENDPOINTS_BLOCKED
  { name: 'when login.microsoftonline.com is unreachable, ENDPOINTS_BLOCKED (helpdesk)', dir: () => facts(), client: { unreachable: ['login.microsoftonline.com'] }, first: 'ENDPOINTS_BLOCKED', check: (f) => expect(find(f, 'ENDPOINTS_BLOCKED').fix).toBe('helpdesk') },
  { name: 'when a CDN URL is unreachable, its host is matched', dir: () => facts(), client: { unreachable: ['https://aadcdn.msftauth.net/shared/1.0/content/js/x.js'] }, present: ['ENDPOINTS_BLOCKED'] },
  { name: 'when a host under a required wildcard (*.auth.microsoft.com) is unreachable, ENDPOINTS_BLOCKED', dir: () => facts(), client: { unreachable: ['mobileappcommunicator.auth.microsoft.com'] }, present: ['ENDPOINTS_BLOCKED'] },
  { name: 'when only an unrelated host is unreachable, no ENDPOINTS_BLOCKED', dir: () => facts(), client: { unreachable: ['example.com', 'notmicrosoftonline.com'] }, absent: ['ENDPOINTS_BLOCKED'] },
  // AUTHENTICATOR_OS_UNSUPPORTED
  { name: 'when the phone runs iOS 15.7, AUTHENTICATOR_OS_UNSUPPORTED', dir: () => newcomer(), client: { phoneOs: 'iOS 15.7' }, present: ['AUTHENTICATOR_OS_UNSUPPORTED'] },
  { name: 'when the phone runs Android 7.1, AUTHENTICATOR_OS_UNSUPPORTED', dir: () => newcomer(), client: { phoneOs: 'Android 7.1', attemptedMethod: 'microsoftAuthenticator' }, present: ['AUTHENTICATOR_OS_UNSUPPORTED'] },
  { name: 'when the phone runs iOS 16.0, no AUTHENTICATOR_OS_UNSUPPORTED', dir: () => newcomer(), client: { phoneOs: 'iOS 16.0' }, absent: ['AUTHENTICATOR_OS_UNSUPPORTED'] },
  { name: 'when the phone runs Android 8, no AUTHENTICATOR_OS_UNSUPPORTED', dir: () => newcomer(), client: { phoneOs: 'Android 8' }, absent: ['AUTHENTICATOR_OS_UNSUPPORTED'] },
  { name: 'when a passkey in Authenticator is attempted on Android 13, AUTHENTICATOR_OS_UNSUPPORTED (passkeys need 14)', dir: () => facts(), client: { phoneOs: 'Android 13', attemptedMethod: 'passkey' }, present: ['AUTHENTICATOR_OS_UNSUPPORTED'] },
  { name: 'when text messages are attempted, the phone OS does not matter', dir: () => newcomer(), client: { phoneOs: 'iOS 12', attemptedMethod: 'phone' }, absent: ['AUTHENTICATOR_OS_UNSUPPORTED'] },
  // COOKIES_BLOCKED
  { name: 'when cookies are blocked, COOKIES_BLOCKED', dir: () => facts(), client: { cookiesEnabled: false }, first: 'COOKIES_BLOCKED' },
  { name: 'when cookies are enabled, no COOKIES_BLOCKED', dir: () => facts(), client: { cookiesEnabled: true }, absent: ['COOKIES_BLOCKED'] },
  // Passkey era (the full tables with negative companions are in passkeys.test.ts)
  { name: 'when a synced passkey is created and the legacy policy enforces attestation, PASSKEY_ATTESTATION_REQUIRED', dir: () => facts({ authenticationMethodsPolicy: replaceConfig(config('Fido2', 'enabled', ['all_users'], [], { isAttestationEnforced: true })) }), client: { passkeyProvider: 'iCloudKeychain' }, first: 'PASSKEY_ATTESTATION_REQUIRED' },
  { name: 'when a blocked security key model is created, PASSKEY_KEY_RESTRICTED', dir: () => facts({ authenticationMethodsPolicy: replaceConfig(config('Fido2', 'enabled', ['all_users'], [], { keyRestrictions: { isEnforced: true, enforcementType: 'block', aaGuids: ['ee882879-721c-4913-9775-3dfcce97072a'] } })) }), client: { passkeyProvider: 'securityKey', securityKeyAaguid: 'ee882879-721c-4913-9775-3dfcce97072a' }, first: 'PASSKEY_KEY_RESTRICTED' },
  {
    name: 'when a profile allows device-bound only and Google Password Manager is used, PASSKEY_TYPE_NOT_ALLOWED',
    dir: () => facts({ authenticationMethodsPolicy: replaceConfig(config('Fido2', 'enabled', ['all_users'], [], { passkeyProfiles: [{ id: 'p1', name: 'Device-bound', passkeyTypes: 'deviceBound', attestationEnforcement: 'disabled', keyRestrictions: { isEnforced: false, enforcementType: 'allow', aaGuids: [] } }], defaultPasskeyProfile: 'p1' })) }),
    client: { passkeyProvider: 'googlePasswordManager' }, first: 'PASSKEY_TYPE_NOT_ALLOWED',
  },
  { name: 'when Authenticator is 6.8.1 and the (legacy) policy allows both kinds, AUTHENTICATOR_UPDATE_REQUIRED', dir: () => facts(), client: { passkeyProvider: 'microsoftAuthenticator', phoneOs: 'iOS 18.1' }, first: 'AUTHENTICATOR_UPDATE_REQUIRED' },
  { name: 'when the only MFA method is SMS, PHONE_ONLY_MFA (warning before 2027-02-01)', dir: () => facts({ methods: [method.password(), method.phone()], registrationDetails: { id: USER_ID, methodsRegistered: ['mobilePhone'] } }), present: ['PHONE_ONLY_MFA'], check: (f) => expect(find(f, 'PHONE_ONLY_MFA').severity).toBe('warning') },
];

describe('diagnose(): every finding code', () => {
  test.each(cases)('$name', (c) => {
    const findings = diagnose(input(c.dir(), c.client), c.settings);
    const got = codes(findings);
    if (c.first) expect(got[0]).toBe(c.first);
    for (const code of c.present ?? []) expect(got).toContain(code);
    for (const code of c.absent ?? []) expect(got).not.toContain(code);
    c.check?.(findings);
  });

  test('every finding code has at least one positive case in this table', () => {
    const covered = new Set(cases.flatMap((c) => [...(c.present ?? []), ...(c.first ? [c.first] : [])]));
    covered.add('ALREADY_REGISTERED');
    expect(FINDING_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });

  test('every finding carries a severity, owner, plain title, steps and JSON evidence', () => {
    const all = cases.flatMap((c) => diagnose(input(c.dir(), c.client), c.settings));
    for (const f of all) {
      expect(f.title).toMatch(/^[A-Z].*\.$/);
      expect(f.steps.length).toBeGreaterThan(0);
      for (const s of f.steps) expect(s.trim().length).toBeGreaterThan(10);
      expect(JSON.parse(JSON.stringify(f.evidence))).toEqual(f.evidence);
      if (f.severity === 'blocking') expect(Object.keys(f.evidence).length).toBeGreaterThan(0);
    }
  });
});
