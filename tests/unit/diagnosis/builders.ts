/**
 * Small builders for diagnosis facts: a healthy, MFA-registered member as the baseline, so each test
 * states only what differs. Times are relative to NOW.
 */
import type {
  AuthMethod, ClientFacts, ConditionalAccessPolicy, Device, DiagnosisInput, DirectoryFacts, Finding, MethodConfiguration, NamedLocation, SignIn,
} from '../../../src/diagnosis';

export const NOW = new Date('2026-11-26T09:00:00Z');
export const USER_ID = '0f1e2d3c-0000-4000-8000-000000000001';
export const UPN = 'adele@contoso.example';
export const GROUP_ID = '9a9a9a9a-0000-4000-8000-0000000000aa';
export const OTHER_GROUP_ID = '9b9b9b9b-0000-4000-8000-0000000000bb';

const HOUR = 3_600_000;
export const hoursAgo = (h: number): string => new Date(NOW.getTime() - h * HOUR).toISOString();
export const minutesAgo = (m: number): string => new Date(NOW.getTime() - m * 60_000).toISOString();
export const daysAgo = (d: number): string => hoursAgo(d * 24);

export const method = {
  password: (): AuthMethod => ({ '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: '28c10230-6103-485e-b985-444c60001490' }),
  authenticator: (id = 'auth-1'): AuthMethod => ({ '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id, displayName: "Adele's old iPhone", phoneAppVersion: '6.8.1' }),
  phone: (): AuthMethod => ({ '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: '3179e48a-750b-4051-897c-87b9720928f7', phoneType: 'mobile' }),
  fido2: (): AuthMethod => ({ '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', id: 'key-1', displayName: 'Red key' }),
  tap: (o: { startHoursAgo?: number; lifetimeInMinutes?: number; isUsableOnce?: boolean; reason?: string } = {}): AuthMethod => ({
    '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
    id: 'tap-1',
    createdDateTime: hoursAgo(o.startHoursAgo ?? 0.5),
    startDateTime: hoursAgo(o.startHoursAgo ?? 0.5),
    lifetimeInMinutes: o.lifetimeInMinutes ?? 60,
    isUsableOnce: o.isUsableOnce ?? true,
    ...(o.reason ? { methodUsabilityReason: o.reason, isUsable: o.reason === 'EnabledByPolicy' } : {}),
  }),
};

export const config = (id: string, state = 'enabled', include: string[] = ['all_users'], exclude: string[] = [], extra: Partial<MethodConfiguration> = {}): MethodConfiguration => ({
  id,
  state,
  includeTargets: include.map((t) => ({ id: t, targetType: 'group' })),
  excludeTargets: exclude.map((t) => ({ id: t, targetType: 'group' })),
  ...extra,
});

export const defaultConfigs = (): MethodConfiguration[] => [
  config('MicrosoftAuthenticator'),
  config('Sms'),
  config('Voice', 'disabled'),
  config('Fido2'),
  config('SoftwareOath'),
  config('TemporaryAccessPass', 'enabled', ['all_users'], [], { minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, defaultLifetimeInMinutes: 60, isUsableOnce: true }),
];

export interface SignInOptions {
  at?: string;
  ip?: string;
  correlationId?: string;
  userId?: string | null;
  upn?: string | null;
  failed?: Array<{ id: string; displayName?: string }>;
  browser?: string;
  deviceDetail?: NonNullable<SignIn['deviceDetail']>;
  country?: string;
  additionalDetails?: string;
}

let seq = 0;
export function signIn(errorCode: number, o: SignInOptions = {}): SignIn {
  seq += 1;
  return {
    id: `si-${seq}`,
    createdDateTime: o.at ?? hoursAgo(1),
    userId: o.userId === undefined ? USER_ID : o.userId,
    userPrincipalName: o.upn === undefined ? UPN : o.upn,
    correlationId: o.correlationId ?? `corr-${seq}`,
    ipAddress: o.ip ?? '203.0.113.10',
    appDisplayName: 'My Signins',
    clientAppUsed: 'Browser',
    conditionalAccessStatus: o.failed ? 'failure' : 'success',
    appliedConditionalAccessPolicies: (o.failed ?? []).map((f) => ({ id: f.id, displayName: f.displayName ?? 'Policy', result: 'failure', enforcedGrantControls: ['Block'] })),
    deviceDetail: o.deviceDetail ?? { browser: o.browser ?? 'Edge 131.0.0', operatingSystem: 'Windows10', isCompliant: false, isManaged: false, trustType: null },
    location: { city: 'London', countryOrRegion: o.country ?? 'GB' },
    status: { errorCode, failureReason: errorCode === 0 ? 'Other.' : `AADSTS${errorCode}`, ...(o.additionalDetails ? { additionalDetails: o.additionalDetails } : {}) },
  };
}

export function device(id: string, trustType: string | null, lastSignInDaysAgo: number | null, registeredDaysAgo = 400): Device {
  return {
    '@odata.type': '#microsoft.graph.device',
    id,
    deviceId: `dev-${id}`,
    displayName: `Device ${id}`,
    trustType,
    approximateLastSignInDateTime: lastSignInDaysAgo === null ? null : daysAgo(lastSignInDaysAgo),
    registrationDateTime: daysAgo(registeredDaysAgo),
  };
}

export const devices = (n: number, trustType = 'Workplace', lastSignInDaysAgo = 5): Device[] =>
  Array.from({ length: n }, (_, i) => device(`d${i}`, trustType, lastSignInDaysAgo));

export interface CaOptions {
  id?: string;
  state?: string;
  includeUsers?: string[];
  excludeUsers?: string[];
  includeGroups?: string[];
  excludeGroups?: string[];
  includeRoles?: string[];
  grant?: string[];
  authenticationStrength?: string;
  includeLocations?: string[];
  excludeLocations?: string[];
  userActions?: string[];
  operator?: string;
}

export function caPolicy(o: CaOptions = {}): ConditionalAccessPolicy {
  return {
    id: o.id ?? 'ca-reg-1',
    displayName: 'Register security info only from trusted locations',
    state: o.state ?? 'enabled',
    conditions: {
      applications: { includeApplications: [], excludeApplications: [], includeUserActions: o.userActions ?? ['urn:user:registersecurityinfo'] },
      users: {
        includeUsers: o.includeUsers ?? ['All'],
        excludeUsers: o.excludeUsers ?? [],
        includeGroups: o.includeGroups ?? [],
        excludeGroups: o.excludeGroups ?? [],
        includeRoles: o.includeRoles ?? [],
        excludeRoles: [],
      },
      locations: o.includeLocations || o.excludeLocations ? { includeLocations: o.includeLocations ?? ['All'], excludeLocations: o.excludeLocations ?? [] } : null,
    },
    grantControls: {
      operator: o.operator ?? 'OR',
      builtInControls: o.grant ?? ['block'],
      authenticationStrength: o.authenticationStrength ? { id: o.authenticationStrength } : null,
    },
  };
}

export const HQ_ID = 'loc-hq';
export function ipLocation(id: string, displayName: string, cidrs: string[], isTrusted = true): NamedLocation {
  return {
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id,
    displayName,
    isTrusted,
    ipRanges: cidrs.map((c) => ({ '@odata.type': c.includes(':') ? '#microsoft.graph.iPv6CidrRange' : '#microsoft.graph.iPv4CidrRange', cidrAddress: c })),
  };
}

export function group(id: string): { '@odata.type': string; id: string; displayName: string } {
  return { '@odata.type': '#microsoft.graph.group', id, displayName: `Group ${id}` };
}

export function facts(overrides: Partial<DirectoryFacts> = {}): DirectoryFacts {
  return {
    user: { id: USER_ID, userPrincipalName: UPN, displayName: 'Adele Vance', accountEnabled: true, userType: 'Member' },
    memberships: [group(GROUP_ID)],
    riskLevel: 'none',
    methods: [method.password(), method.authenticator()],
    devices: [],
    signIns: [],
    authenticationMethodsPolicy: { id: 'authenticationMethodsPolicy', authenticationMethodConfigurations: defaultConfigs() },
    deviceRegistrationPolicy: { userDeviceQuota: 50 },
    conditionalAccessPolicies: [],
    namedLocations: [],
    registrationDetails: { id: USER_ID, isAdmin: false, isMfaRegistered: true, isMfaCapable: true, methodsRegistered: ['microsoftAuthenticatorPush'] },
    gaps: [],
    ...overrides,
  };
}

/** A member who has not registered anything yet. */
export function newcomer(overrides: Partial<DirectoryFacts> = {}): DirectoryFacts {
  return facts({ methods: [method.password()], registrationDetails: { id: USER_ID, isMfaRegistered: false, isMfaCapable: false, methodsRegistered: [] }, ...overrides });
}

export function input(directory: DirectoryFacts, client?: ClientFacts): DiagnosisInput {
  return { now: NOW, directory, ...(client ? { client } : {}) };
}

export const codes = (findings: Finding[]): string[] => findings.map((f) => f.code);

export function find(findings: Finding[], code: string): Finding {
  const f = findings.find((x) => x.code === code);
  if (!f) throw new Error(`expected ${code} in [${codes(findings).join(', ')}]`);
  return f;
}

export const UA = {
  chrome131: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chrome100: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36',
  edge131: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
  edgeLegacy: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045',
  ie11: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
  firefox102: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:102.0) Gecko/20100101 Firefox/102.0',
  firefox128: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  safari14: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Safari/605.1.15',
  safari17mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  iosSafari17: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  iosChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1',
  androidChrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  opera95: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36 OPR/95.0.0.0',
  chromeOs: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
};
