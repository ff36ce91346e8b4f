/**
 * POST /v1/insights/viewer (the Teams tab): the backend validates the Teams SSO token itself with
 * the tenant's published keys, takes the person from the token, and checks the approvers group.
 */
import { ApiErrorBodySchema, InsightsViewerResponseSchema } from '../../../src/backend/api';
import { createUserTokenIssuer, generateSigningKey, LOCAL_SSO_APP_ID } from '../../../src/simulator';
import { ALICE, HANK, startTapStack, type TapStack } from './tapStack';

describe('POST /v1/insights/viewer', () => {
  let stack: TapStack;
  beforeEach(async () => {
    stack = await startTapStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  it('an approver\'s token names the approver and says so; an employee\'s says not an approver', async () => {
    const hank = await stack.post('/v1/insights/viewer', { userToken: stack.userToken(HANK.id) });
    const alice = await stack.post('/v1/insights/viewer', { userToken: stack.userToken(ALICE.id) });

    expect(InsightsViewerResponseSchema.parse(hank.body)).toEqual({ oid: HANK.id, approver: true });
    expect(InsightsViewerResponseSchema.parse(alice.body)).toEqual({ oid: ALICE.id, approver: false });
  });

  it('a token signed with another key, for another audience, or expired is refused as invalid_token, and nobody is named', async () => {
    const key = generateSigningKey();
    const forged = createUserTokenIssuer({ tenantId: stack.sim.tenantId, issuer: () => `${stack.sim.authorityHost}/${stack.sim.tenantId}/v2.0`, key, clock: stack.clock })({ oid: HANK.id, audience: LOCAL_SSO_APP_ID });
    const otherApp = stack.userToken(HANK.id, { audience: 'api://someone-else' });
    const old = stack.userToken(HANK.id);
    stack.clock.advance(3 * 3600_000);

    for (const userToken of [forged, otherApp, old, 'not-a-token']) {
      const res = await stack.post('/v1/insights/viewer', { userToken });
      expect(res.status).toBe(403);
      expect(ApiErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'forbidden' });
      expect(JSON.stringify(res.body)).not.toContain(HANK.id);
    }
  });
});
