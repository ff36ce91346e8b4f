/** The ladder's pure parts: elevated signals from directory facts, the tier, and the policy. */
import type { DirectoryFacts, SignIn } from '../../../../src/diagnosis/facts';
import { tierOf, verdict } from '../../../../src/backend/verification/ladder';
import { DEFAULT_VERIFICATION_POLICY, parseVerificationPolicy } from '../../../../src/backend/verification/policy';
import { directoryPhone } from '../../../../src/backend/verification/phone';

const NOW = new Date('2026-11-26T09:30:00Z');
const facts = (over: Partial<DirectoryFacts> = {}): DirectoryFacts => ({
  user: { id: 'u1', userPrincipalName: 'u1@contoso.example' },
  memberships: [],
  riskLevel: 'none',
  methods: [],
  devices: [],
  signIns: [],
  authenticationMethodsPolicy: null,
  deviceRegistrationPolicy: null,
  conditionalAccessPolicies: null,
  namedLocations: null,
  registrationDetails: null,
  roleEligibilities: [],
  roleAssignments: [],
  gaps: [],
  ...over,
});
const failed = (minute: number, errorCode = 50126): SignIn => ({ id: `s${minute}`, createdDateTime: new Date(NOW.getTime() - minute * 60_000).toISOString(), status: { errorCode } });
const request = { reason: 'cannot register MFA', findings: [] };

describe('verification ladder: tiers from the directory', () => {
  it('an account with no risk signal is standard', () => {
    expect(tierOf({ facts: facts(), now: NOW, vip: false, request })).toMatchObject({ tier: 'standard', reasons: [] });
  });

  it.each([
    ['Identity Protection risk', facts({ riskLevel: 'medium' }), 'identity_risk'],
    ['five failed sign-ins within an hour', facts({ signIns: [1, 5, 9, 20, 50].map((m) => failed(m)) }), 'failed_sign_in_burst'],
    ['sign-ins from two countries', facts({ signIns: [{ ...failed(1, 0), location: { countryOrRegion: 'CH' } }, { ...failed(2, 0), location: { countryOrRegion: 'BR' } }] }), 'new_country'],
  ])('%s makes the account elevated', (_what, f, code) => {
    const d = tierOf({ facts: f, now: NOW, vip: false, request });
    expect(d.tier).toBe('elevated');
    expect(d.signals.map((s) => s.code)).toEqual([code]);
  });

  it('five failed sign-ins spread over a day, or Conditional Access blocks, are not a burst', () => {
    const spread = facts({ signIns: [1, 200, 400, 600, 800].map((m) => failed(m)) });
    const blocked = facts({ signIns: [1, 2, 3, 4, 5].map((m) => failed(m, 53003)) });
    expect(tierOf({ facts: spread, now: NOW, vip: false, request }).tier).toBe('standard');
    expect(tierOf({ facts: blocked, now: NOW, vip: false, request }).tier).toBe('standard');
  });

  it('a phone the employee reports lost that still signs in makes the account elevated; the same phone without the report does not', () => {
    const f = facts({ devices: [{ id: 'd1', displayName: 'iPhone 13', operatingSystem: 'iOS', approximateLastSignInDateTime: '2026-11-26T07:00:00Z' }] });
    expect(tierOf({ facts: f, now: NOW, vip: false, request: { reason: 'I lost my phone', findings: [] } }).signals.map((s) => s.code)).toEqual(['lost_device_signing_in']);
    expect(tierOf({ facts: f, now: NOW, vip: false, request: { reason: 'x', findings: ['STALE_AUTHENTICATOR'] } }).tier).toBe('elevated');
    expect(tierOf({ facts: f, now: NOW, vip: false, request }).tier).toBe('standard');
  });

  it('roles win over VIP, VIP over risk signals; unreadable roles count as privileged', () => {
    const role = facts({ riskLevel: 'high', roleEligibilities: [{ id: 'e', principalId: 'u1', roleDefinitionId: 'c4e39bd9-1100-46d3-8c65-fb160da0071f', directoryScopeId: '/administrativeUnits/au1', startDateTime: null, endDateTime: null }] });
    expect(tierOf({ facts: role, now: NOW, vip: true, request }).tier).toBe('privileged');
    expect(tierOf({ facts: facts({ riskLevel: 'high' }), now: NOW, vip: true, request }).tier).toBe('vip');
    expect(tierOf({ facts: facts({ memberships: null }), now: NOW, vip: false, request }).tier).toBe('privileged');
  });
});

describe('verification ladder: evidence against the policy', () => {
  const at = '2026-11-26T09:31:00Z';
  it('elevated needs a Face Check or call-back and manager together; a manager who is also the approver does not count', () => {
    const callback = { kind: 'callback' as const, source: 'mobilePhone', numberEnding: '0171', confirmedBy: 'hank', at };
    const manager = { kind: 'manager' as const, managerId: 'mike', at };
    expect(verdict(DEFAULT_VERIFICATION_POLICY, 'elevated', [callback])).toMatchObject({ satisfied: false, missing: ['manager'] });
    expect(verdict(DEFAULT_VERIFICATION_POLICY, 'elevated', [callback, manager], 'hank')).toMatchObject({ satisfied: true });
    expect(verdict(DEFAULT_VERIFICATION_POLICY, 'elevated', [callback, manager], 'mike')).toMatchObject({ satisfied: false, missing: ['manager'] });
    expect(verdict(DEFAULT_VERIFICATION_POLICY, 'vip', [callback, manager])).toMatchObject({ satisfied: false, accepted: [] });
  });

  it('VERIFICATION_POLICY is JSON naming known kinds; anything else is refused with the path', () => {
    expect(parseVerificationPolicy('{"standard":[["manager"]],"elevated":[["faceCheck"]]}')).toEqual({ standard: [['manager']], elevated: [['faceCheck']] });
    expect(parseVerificationPolicy(undefined)).toBe(DEFAULT_VERIFICATION_POLICY);
    expect(() => parseVerificationPolicy('{"standard":[["sms"]],"elevated":[["faceCheck"]]}')).toThrow(/standard\.0\.0/);
    expect(() => parseVerificationPolicy('nope')).toThrow(/JSON/);
  });

  it('the call-back number comes from the directory, masked; a phone method added recently is not trusted', () => {
    const recent = { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: 'p1', phoneNumber: '+1 555 0100 4321', phoneType: 'mobile', createdDateTime: '2026-11-25T00:00:00Z' };
    expect(directoryPhone({ id: 'u', mobilePhone: '+41 79 000 12 34' }, [], NOW)).toEqual({ source: 'mobilePhone', ending: '1234', masked: '••• ••• 1234' });
    expect(directoryPhone({ id: 'u' }, [recent], NOW)).toBeUndefined();
    expect(directoryPhone({ id: 'u' }, [{ ...recent, createdDateTime: null }], NOW)).toMatchObject({ source: 'phoneMethod:mobile', ending: '4321' });
  });
});
