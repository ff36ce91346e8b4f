/**
 * Passkey campaign audiences over real HTTP: backend ↔ simulator with the real Graph client.
 * Phone cohorts from the registration report, passkey readiness from the Passkey (FIDO2)
 * configuration, and the employees Microsoft's own campaign already nudges.
 */
import type { CohortSnapshotResponse, PasskeyTargetsResponse } from '../../../src/backend/api';
import { smallFixture, startStack, type Stack } from '../backend/harness';

const G_MS = '21000000-0000-0000-0000-0000000000aa'; // Microsoft's campaign targets this group (fido2)
const G_NOPK = '21000000-0000-0000-0000-0000000000bb'; // excluded from passkeys
const id = (n: number) => `31000000-0000-0000-0000-00000000000${n}`;
const phone = (n: number) => ({ '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: `p-${n}`, phoneNumber: `+44 77009001${n}0`, phoneType: 'mobile' });
const authenticator = (n: number) => ({ '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: `a-${n}`, displayName: 'iPhone', phoneAppVersion: '6.8.40' });
const password = (n: number) => ({ '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: `pw-${n}`, password: null });

function user(n: number, name: string, methods: unknown[], extra: Record<string, unknown> = {}) {
  return {
    id: id(n),
    userPrincipalName: `${name.toLowerCase()}@fabrikam.example`,
    displayName: name,
    accountEnabled: true,
    userType: 'Member',
    createdDateTime: '2026-01-10T08:00:00Z',
    authenticationMethods: [password(n), ...methods],
    ...extra,
  };
}

function fixture(): Record<string, unknown> {
  const f = smallFixture() as { authenticationMethodsPolicy: { registrationEnforcement: unknown; authenticationMethodConfigurations: Array<Record<string, unknown>> } } & Record<string, unknown>;
  f.authenticationMethodsPolicy.registrationEnforcement = {
    authenticationMethodsRegistrationCampaign: { state: 'enabled', snoozeDurationInDays: 1, excludeTargets: [], includeTargets: [{ id: G_MS, targetType: 'group', targetedAuthenticationMethod: 'fido2' }] },
  };
  const fido2 = f.authenticationMethodsPolicy.authenticationMethodConfigurations.find((c) => c.id === 'Fido2');
  if (fido2) fido2.excludeTargets = [{ id: G_NOPK, targetType: 'group' }];
  f.users = [
    user(1, 'Olivia', [phone(1)]),
    user(2, 'Mia', [phone(2)]),
    user(3, 'Dan', [phone(3), authenticator(3)], { registrationDetails: { isSystemPreferredAuthenticationMethodEnabled: false, userPreferredMethodForSecondaryAuthentication: 'sms' } }),
    user(4, 'Rita', [phone(4), authenticator(4)]),
    user(5, 'Nora', [authenticator(5)]),
    user(6, 'Xavier', [phone(6)]),
    user(7, 'Gus', [phone(7)], { userType: 'Guest', userPrincipalName: 'gus_ext#EXT#@fabrikam.example' }),
  ];
  f.groups = [
    { id: G_MS, displayName: 'Microsoft campaign', members: [id(2)] },
    { id: G_NOPK, displayName: 'No passkeys', members: [id(6)] },
  ];
  return f;
}

describe('passkey campaign cohorts over HTTP (simulator)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ fixture: fixture() });
  });
  afterAll(async () => stack.close());

  async function allTargets(body: Record<string, unknown>): Promise<PasskeyTargetsResponse['targets']> {
    const out: PasskeyTargetsResponse['targets'] = [];
    let cursor: string | undefined;
    do {
      const res = await stack.post('/v1/campaigns/passkey-targets', { ...body, pageSize: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      const page = res.body as PasskeyTargetsResponse;
      out.push(...page.targets);
      cursor = page.nextCursor;
    } while (cursor);
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  it('phone-only employees: readiness from the Passkey (FIDO2) exclusions and Microsoft-campaign nudges from its group target', async () => {
    const targets = await allTargets({ cohorts: ['phoneOnly'] });
    expect(targets.map((t) => [t.displayName, t.cohort, t.passkeyReady, t.microsoftNudge ?? null, t.userType])).toEqual([
      ['Olivia', 'phoneOnly', true, null, 'member'],
      ['Mia', 'phoneOnly', true, 'passkey', 'member'],
      ['Xavier', 'phoneOnly', false, null, 'member'],
      ['Gus', 'phoneOnly', false, null, 'guest'],
    ]);
  });

  it('phone is the default vs phone is redundant, from the preferred method when system-preferred MFA is off', async () => {
    const targets = await allTargets({ cohorts: ['phoneDefault', 'phoneRedundant'] });
    expect(targets.map((t) => [t.displayName, t.cohort])).toEqual([
      ['Dan', 'phoneDefault'],
      ['Rita', 'phoneRedundant'],
    ]);
  });

  it('readiness "notReady" keeps only employees who cannot register a passkey', async () => {
    const targets = await allTargets({ cohorts: ['phoneOnly'], readiness: 'notReady' });
    expect(targets.map((t) => t.displayName)).toEqual(['Xavier', 'Gus']);
  });

  it('the snapshot walk classifies every row of the report page by page without per-user calls', async () => {
    const before = stack.graphHttp();
    const rows: CohortSnapshotResponse['rows'] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await stack.post('/v1/campaigns/cohort-snapshot', { pageSize: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      const page = res.body as CohortSnapshotResponse;
      rows.push(...page.rows);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(stack.graphHttp() - before).toBe(3);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.cohort]))).toEqual({
      [id(1)]: 'phoneOnly',
      [id(2)]: 'phoneOnly',
      [id(3)]: 'phoneDefault',
      [id(4)]: 'phoneRedundant',
      [id(5)]: 'noPhone',
      [id(6)]: 'phoneOnly',
      [id(7)]: 'phoneOnly',
    });
  });

  it('a cursor that is not a report link on the Graph host is refused with 400', async () => {
    const res = await stack.post('/v1/campaigns/cohort-snapshot', { cursor: 'https://evil.example/reports/authenticationMethods/userRegistrationDetails?$skiptoken=x' });
    expect(res.status).toBe(400);
  });
});
