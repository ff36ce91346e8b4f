/** Ordering: blocking > warning > info; the most direct evidence first among blocking findings. */
import { diagnose } from '../../../src/diagnosis';
import { GROUP_ID, HQ_ID, UA, caPolicy, codes, devices, facts, group, hoursAgo, input, ipLocation, newcomer, signIn } from './builders';

const hq = () => ipLocation(HQ_ID, 'HQ', ['198.51.100.0/24']);

describe('diagnose(): ordering', () => {
  test('when findings of every severity are present, blocking come before warnings before info', () => {
    const dir = facts({
      memberships: [group(GROUP_ID), { '@odata.type': '#microsoft.graph.directoryRole', id: 'r1', displayName: 'Helpdesk Administrator' }],
      signIns: [signIn(50203, { at: hoursAgo(3) }), signIn(500121, { at: hoursAgo(2) }), signIn(50089, { at: hoursAgo(1) })],
    });
    const severities = diagnose(input(dir)).map((f) => f.severity);
    expect(severities).toEqual(['blocking', 'warning', 'warning', 'info']);
    expect(codes(diagnose(input(dir)))).toEqual(['SESSION_EXPIRED', 'MFA_NOT_COMPLETED', 'PRIVILEGED_ACCOUNT', 'CAMPAIGN_NUDGE_PENDING']);
  });

  test('when a recent sign-in code names the cause, it beats a policy that merely could apply', () => {
    // The MFA-on-registration policy could apply (no address is known); the 53003 names the block.
    const dir = newcomer({
      conditionalAccessPolicies: [caPolicy({ id: 'ca-mfa', grant: ['mfa'] }), caPolicy({ id: 'ca-block', includeLocations: ['All'], excludeLocations: ['AllTrusted'] })],
      namedLocations: [hq()],
      signIns: [signIn(53003, { ip: '', failed: [{ id: 'ca-block' }] })],
    });
    const got = codes(diagnose(input(dir)));
    expect(got[0]).toBe('CA_BLOCKS_REGISTRATION');
    expect(got).toContain('CA_REQUIRES_MFA_TO_REGISTER');
    expect(got.indexOf('CA_BLOCKS_REGISTRATION')).toBeLessThan(got.indexOf('CA_REQUIRES_MFA_TO_REGISTER'));
  });

  test('when a sign-in code and direct observations (quota, browser) are both blocking, the sign-in code is first', () => {
    const dir = facts({ deviceRegistrationPolicy: { userDeviceQuota: 5 }, devices: devices(5), signIns: [signIn(53010, { failed: [] })], conditionalAccessPolicies: null });
    const got = codes(diagnose(input(dir, { userAgent: UA.ie11 })));
    expect(got.slice(0, 3)).toEqual(['CA_BLOCKS_REGISTRATION', 'DEVICE_QUOTA_REACHED', 'BROWSER_OUTDATED']);
  });

  test('when two sign-in codes name causes, the newest one is first', () => {
    const newerCa = facts({ conditionalAccessPolicies: null, signIns: [signIn(53003, { at: hoursAgo(1) }), signIn(50089, { at: hoursAgo(5) })] });
    const newerSession = facts({ conditionalAccessPolicies: null, signIns: [signIn(50089, { at: hoursAgo(1) }), signIn(53003, { at: hoursAgo(5) })] });
    expect(codes(diagnose(input(newerCa))).slice(0, 2)).toEqual(['CA_BLOCKS_REGISTRATION', 'SESSION_EXPIRED']);
    expect(codes(diagnose(input(newerSession))).slice(0, 2)).toEqual(['SESSION_EXPIRED', 'CA_BLOCKS_REGISTRATION']);
  });

  test('when the account is disabled, that beats every sign-in code', () => {
    const dir = facts({ user: { id: facts().user.id, accountEnabled: false }, signIns: [signIn(50089, { at: hoursAgo(0.1) }), signIn(50053, { at: hoursAgo(0.2) })] });
    expect(codes(diagnose(input(dir)))[0]).toBe('ACCOUNT_DISABLED');
  });

  test('when the employee reports a new phone and a sign-in shows MFA denied, the stale Authenticator (blocking) leads', () => {
    const got = codes(diagnose(input(facts({ signIns: [signIn(500121)] }), { changedPhone: true })));
    expect(got).toEqual(['STALE_AUTHENTICATOR', 'MFA_NOT_COMPLETED']);
  });

  test('the order does not depend on the order of the input sign-ins', () => {
    const list = [signIn(50089, { at: hoursAgo(1) }), signIn(53003, { at: hoursAgo(5) }), signIn(500121, { at: hoursAgo(2) })];
    const a = codes(diagnose(input(facts({ conditionalAccessPolicies: null, signIns: list }))));
    const b = codes(diagnose(input(facts({ conditionalAccessPolicies: null, signIns: [...list].reverse() }))));
    expect(a).toEqual(b);
  });
});
