/**
 * Face Check in the `npm start` wiring (startLocalStack: simulator, backend service, bot): the backend
 * service gets its Request Service token through @azure/identity from the simulator, and the callback
 * reaches the backend on the loopback port it actually listens on.
 */
import { createFaceCheckEvidenceSource } from '../../../src/backend/verifiedId/records';
import { LOCAL_SSO_APP_ID } from '../../../src/simulator';
import { startProtocolStack, type ProtocolStack } from '../protocol/support/harness';

const MEGAN = { id: 'ec1e4a01-b896-4b59-9135-292a664f205f', upn: 'megan.bowen@contoso.example' };
const DIEGO = { id: 'af79facc-cac5-4005-9470-65624b2f36fa', upn: 'diego.siciliani@contoso.example' };

describe('Face Check in the local stack', () => {
  let p: ProtocolStack;
  beforeAll(async () => {
    p = await startProtocolStack();
  });
  afterAll(async () => {
    await p.close();
  });

  async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${p.stack.config.backend.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${p.stack.config.backend.localKey}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const token = (who: { id: string; upn: string }) => p.stack.simulator.userToken({ oid: who.id, upn: who.upn, audience: LOCAL_SSO_APP_ID });

  it('an approver starts a Face Check for Megan, the simulated wallet presents, and the backend records the evidence', async () => {
    const opened = await post('/v1/tap/requests', { employeeId: MEGAN.id, employeeToken: token(MEGAN), reason: 'new phone', findings: [] });
    expect(opened.status).toBe(200);
    const requestId = String(opened.body.requestId);

    const started = await post('/v1/verification/face-check/start', { requestId, approverId: DIEGO.id, approverToken: token(DIEGO) });
    expect(started.status).toBe(200);
    const wallet = await fetch(`${p.stack.simulator.url}/_sim/verifiedId/present`, { method: 'POST', body: JSON.stringify({ requestId: started.body.presentationRequestId, user: MEGAN.upn, score: 88 }) });

    expect(await wallet.json()).toEqual({ callbacks: [{ requestStatus: 'request_retrieved', status: 200 }, { requestStatus: 'presentation_verified', status: 200 }] });
    expect(await createFaceCheckEvidenceSource(p.stack.store).latest(requestId)).toMatchObject({ matchConfidenceScore: 88, threshold: 70, passed: true, claimMatched: true });
  });
});
