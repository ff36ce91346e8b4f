/**
 * Passkey campaign audiences over real HTTP: backend ↔ simulator with the real Graph client.
 * Phone cohorts from the registration report, passkey readiness from the Passkey (FIDO2)
 * configuration, and the employees Microsoft's own campaign already nudges.
 */
import type { CohortSnapshotResponse, PasskeyTargetsResponse } from '../../../src/backend/api';
import { startStack, type Stack } from '../backend/harness';
import { cohortFixture, id, perUserCalls } from './support/cohortTenant';

describe('passkey campaign cohorts over HTTP (simulator)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ fixture: cohortFixture() });
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
    const before = perUserCalls(stack);
    expect(before).toBeGreaterThan(0); // the audience pages above did make per-user calls
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
    expect(perUserCalls(stack)).toBe(before);
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
