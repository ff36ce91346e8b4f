/**
 * Face Check for a pass request over real HTTP: the approver starts it on the backend, the backend
 * asks the simulator's Request Service stand-in, the simulated wallet presents, the stand-in calls
 * the backend back with the api-key header, and the backend records the evidence itself.
 */
import { ApiErrorBodySchema, StartFaceCheckResponseSchema } from '../../../src/backend/api';
import { createBackendClient } from '../../../src/backend/client';
import { AppError } from '../../../src/shared/errors';
import { createFaceCheckEvidenceSource } from '../../../src/backend/verifiedId/records';
import { LOCAL_KEY } from '../backend/tapStack';
import { ALICE, ALICE_MAIL, BOB, HANK, IVY, startFaceCheckStack, type FaceCheckStack } from './faceCheckStack';

const errorOf = (body: unknown) => ApiErrorBodySchema.parse(body).error;

describe('Face Check as identity evidence for a pass request', () => {
  let stack: FaceCheckStack;
  beforeEach(async () => {
    stack = await startFaceCheckStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  async function start(requestId: string, approver = HANK.id, token = stack.userToken(approver)) {
    return stack.post('/v1/verification/face-check/start', { requestId, approverId: approver, approverToken: token });
  }
  async function started(requestId: string) {
    const res = await start(requestId);
    expect(res.status).toBe(200);
    return StartFaceCheckResponseSchema.parse(res.body);
  }
  const latest = (requestId: string) => createFaceCheckEvidenceSource(stack.store).latest(requestId);

  it('when the employee presents with score 86, the callback records passed evidence with the score and the threshold', async () => {
    const requestId = await stack.open(ALICE.id);
    const fc = await started(requestId);

    expect(fc.url).toMatch(/^openid-vc:\/\/\?request_uri=https:\/\/localhost:\d+\/v1\.0\/.+\/verifiableCredentials\/presentationRequests\//);
    expect(fc.threshold).toBe(70);
    const wallet = await stack.present(fc.presentationRequestId, ALICE.id);
    expect(wallet.body).toEqual({ callbacks: [{ requestStatus: 'request_retrieved', status: 200 }, { requestStatus: 'presentation_verified', status: 200 }] });

    expect(await latest(requestId)).toEqual({
      kind: 'faceCheck', presentationRequestId: fc.presentationRequestId, matchConfidenceScore: 86.314159, threshold: 70, passed: true, claimMatched: true, at: expect.any(String),
    });
    const status = await stack.post('/v1/verification/face-check/status', { requestId });
    expect(status.body).toMatchObject({ evidence: { passed: true, matchConfidenceScore: 86.314159 } });
    const audit = await stack.store.query({ limit: 1000 });
    expect(audit.filter((r) => r.action.startsWith('faceCheck.')).map((r) => r.action)).toEqual(['faceCheck.requested', 'faceCheck.result']);
    expect(JSON.stringify(audit)).not.toContain(stack.settings.apiKey);
    expect(JSON.stringify(audit)).not.toContain('eyJ');
  });

  it('when the score is below the threshold, the service sends presentation_error and the evidence is not passed, without a score', async () => {
    const requestId = await stack.open(ALICE.id);
    const fc = await started(requestId);

    const wallet = await stack.present(fc.presentationRequestId, ALICE.id, 55);

    expect(wallet.body).toMatchObject({ callbacks: [{ requestStatus: 'request_retrieved' }, { requestStatus: 'presentation_error', status: 200 }] });
    const evidence = await latest(requestId);
    expect(evidence).toMatchObject({ passed: false, claimMatched: false, threshold: 70 });
    expect(evidence?.matchConfidenceScore).toBeUndefined();
    expect(await stack.store.query({ action: 'faceCheck.result' })).toEqual([expect.objectContaining({ details: expect.objectContaining({ error: 'claimValidationError', passed: false }) })]);
  });

  it('when someone else presents their own card on the link, the face matches but the claim does not', async () => {
    const requestId = await stack.open(ALICE.id);
    const fc = await started(requestId);

    await stack.present(fc.presentationRequestId, BOB.id, 91);

    expect(await latest(requestId)).toMatchObject({ passed: true, claimMatched: false, matchConfidenceScore: 91 });
  });

  it("a callback with a wrong or missing api-key is refused 401 and nothing is recorded", async () => {
    const requestId = await stack.open(ALICE.id);
    const fc = await started(requestId);
    const session = (await stack.store.list<{ state: string }>('backend-facecheck-sessions'))[0]?.value.state ?? '';
    const forged = {
      requestId: fc.presentationRequestId, requestStatus: 'presentation_verified', state: session,
      verifiedCredentialsData: [{ issuer: stack.settings.authority, type: ['VerifiableCredential', 'VerifiedEmployee'], claims: { mail: ALICE_MAIL }, faceCheck: { matchConfidenceScore: 99 } }],
    };

    const wrong = await stack.post('/api/verifier/presentationcallback', forged, { 'api-key': 'b'.repeat(40) });
    const missing = await stack.post('/api/verifier/presentationcallback', forged, {});
    const bearerInstead = await stack.post('/api/verifier/presentationcallback', forged, { authorization: `Bearer ${stack.settings.apiKey}` });

    expect([wrong.status, missing.status, bearerInstead.status]).toEqual([401, 401, 401]);
    expect(errorOf(wrong.body).code).toBe('unauthenticated');
    expect(await latest(requestId)).toBeUndefined();
    expect(await stack.store.list('backend-facecheck-evidence')).toEqual([]);
  });

  it('a callback for an unknown state or another presentation is refused, and a repeated result is recorded once', async () => {
    const requestId = await stack.open(ALICE.id);
    const fc = await started(requestId);
    const key = { 'api-key': stack.settings.apiKey };
    const session = (await stack.store.list<{ state: string }>('backend-facecheck-sessions'))[0]?.value.state ?? '';
    const error = (state: string, id: string) => ({ requestId: id, requestStatus: 'presentation_error', state, error: { code: 'claimValidationError' } });

    expect((await stack.post('/api/verifier/presentationcallback', error('not-a-state', fc.presentationRequestId), key)).status).toBe(404);
    expect((await stack.post('/api/verifier/presentationcallback', error(session, 'another-presentation'), key)).status).toBe(400);
    expect((await stack.post('/api/verifier/presentationcallback', { hello: 'world' }, key)).status).toBe(400);
    await stack.present(fc.presentationRequestId, ALICE.id);
    expect((await stack.post('/api/verifier/presentationcallback', error(session, fc.presentationRequestId), key)).status).toBe(200);

    expect(await stack.store.list('backend-facecheck-evidence')).toHaveLength(1);
    expect(await latest(requestId)).toMatchObject({ passed: true });
  });

  it('a presented credential from another issuer than our authority is not passed, whatever the score', async () => {
    const requestId = await stack.open(ALICE.id);
    const fc = await started(requestId);
    const state = (await stack.store.list<{ state: string }>('backend-facecheck-sessions'))[0]?.value.state ?? '';
    const foreign = {
      requestId: fc.presentationRequestId, requestStatus: 'presentation_verified', state,
      verifiedCredentialsData: [{ issuer: 'did:web:someone-else.example', type: ['VerifiableCredential', 'VerifiedEmployee'], claims: { mail: ALICE_MAIL }, faceCheck: { matchConfidenceScore: 99 } }],
    };

    const res = await stack.post('/api/verifier/presentationcallback', foreign, { 'api-key': stack.settings.apiKey });

    expect(res.status).toBe(200);
    expect(await latest(requestId)).toMatchObject({ passed: false, claimMatched: true, matchConfidenceScore: 99 });
    expect(await stack.store.query({ action: 'faceCheck.result' })).toEqual([expect.objectContaining({ details: expect.objectContaining({ error: 'issuer_not_authority' }) })]);
  });

  it.each([
    [429, 429, 'rate_limited', /429 tooManyRequests\/transientError.*try again in 7 s/],
    [503, 503, 'verified_id_unavailable', /503 serviceUnavailable\/transientError/],
    [500, 503, 'verified_id_unavailable', /500 internalServerError/],
    [400, 502, 'verified_id_unavailable', /400 badRequest\/badOrMissingField/],
  ])('when the Request Service answers %i, starting answers %i %s with a clear message and records no session', async (upstream, status, code, message) => {
    const requestId = await stack.open(ALICE.id);
    stack.sim.tenant.simulation.failures.push({ path: '/verifiableCredentials/createPresentationRequest', status: upstream, retryAfterSeconds: 7 });

    const res = await start(requestId);

    expect(res.status).toBe(status);
    expect(errorOf(res.body)).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await stack.store.list('backend-facecheck-sessions')).toEqual([]);
  });

  it('only a proven approver who is not the employee can start a Face Check, for a request the backend opened', async () => {
    const requestId = await stack.open(ALICE.id);

    const intern = await start(requestId, IVY.id);
    const self = await start(requestId, ALICE.id);
    const unproven = await start(requestId, HANK.id, stack.userToken(IVY.id));
    const unknown = await start('made-up-request', HANK.id);

    expect([intern.status, self.status, unproven.status, unknown.status]).toEqual([403, 403, 403, 403]);
    expect([intern, self, unproven, unknown].map((r) => errorOf(r.body).reason)).toEqual(['not_approver', 'self_approval', 'unproven', 'request_unknown']);
    expect(await stack.store.list('backend-facecheck-sessions')).toEqual([]);
  });

  it("the bot's backend client reads the real answers, and a throttled Request Service is an expected rate_limited AppError", async () => {
    const client = createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 15_000 });
    const requestId = await stack.open(ALICE.id);
    const startFaceCheck = client.startFaceCheck;
    const faceCheckStatus = client.faceCheckStatus;
    if (!startFaceCheck || !faceCheckStatus) throw new Error('the client has no Face Check calls');

    const fc = await startFaceCheck({ requestId, approverId: HANK.id, approverToken: stack.userToken(HANK.id) });
    expect(await faceCheckStatus({ requestId })).toEqual({ evidence: null });
    await stack.present(fc.presentationRequestId, ALICE.id);
    expect((await faceCheckStatus({ requestId })).evidence).toMatchObject({ passed: true, claimMatched: true });

    stack.sim.tenant.simulation.failures.push({ path: '/verifiableCredentials', status: 429, retryAfterSeconds: 3 });
    const throttled = await startFaceCheck({ requestId, approverId: HANK.id, approverToken: stack.userToken(HANK.id) }).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(AppError);
    expect(throttled).toMatchObject({ kind: 'rate_limited', expected: true, details: { status: 429 } });
  });

  it('the verification ladder counts a passed Face Check: the pass is issued; after one below the threshold it is refused', async () => {
    const issue = (requestId: string) =>
      stack.post('/v1/tap/issue', { requestId, targetUser: ALICE.id, approverId: HANK.id, approverToken: stack.userToken(HANK.id), verification: { method: 'video_call_with_id' } });
    const good = await stack.open(ALICE.id);
    await stack.present((await started(good)).presentationRequestId, ALICE.id, 86);
    const low = await stack.open(BOB.id);
    await stack.present((await started(low)).presentationRequestId, BOB.id, 60);

    const status = await stack.post('/v1/tap/verification', { requestId: good });
    expect(status.body).toMatchObject({ satisfied: true, faceCheckAvailable: true, recorded: [expect.objectContaining({ kind: 'faceCheck', passed: true, claimMatched: true })] });
    expect((await issue(good)).status).toBe(200);
    const refused = await stack.post('/v1/tap/issue', { requestId: low, targetUser: BOB.id, approverId: HANK.id, approverToken: stack.userToken(HANK.id), verification: { method: 'video_call_with_id' } });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body)).toMatchObject({ reason: 'verification_insufficient' });
  });
});
