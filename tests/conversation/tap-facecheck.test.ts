/**
 * "Ask for Face Check" on the pass request card: the approver's click (with their own SSO token)
 * makes the backend start a Verified ID presentation, the employee gets the Face Check card with
 * the Authenticator link in their own 1:1 chat, and the channel card is refreshed when the
 * backend recorded the result.
 */
import { faceCheckOf } from '../../src/bot/tap/faceCheck';
import { runTapMaintenance } from '../../src/bot/tap/maintenance';
import { AppError } from '../../src/shared/errors';
import { actions, allText, texts, type Card } from './cards';
import { CONVERSATION } from './harness';
import { ALICE, CHANNEL, HANK, MALLORY, createWorld, type World } from '../integration/approvals-http/support/world';

const verbs = (card: Card) => actions(card).map((a) => a.verb ?? a.type);

describe('Face Check for a pass request', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld({ faceCheck: true });
    await w.chooseChannel(HANK);
    await w.escalate();
  });
  afterEach(() => w.close());

  it('the approver asks for a Face Check; the employee gets the card with "Open in Microsoft Authenticator" in their own chat', async () => {
    const r = await w.onlyRequest();
    const approverView = await w.clickInChannel(HANK, 'tapRefresh', { requestId: r.id });
    expect(verbs(approverView)).toContain('tapFaceCheck');
    const before = w.callsTo(CONVERSATION, 'POST').length;

    const card = await w.clickInChannel(HANK, 'tapFaceCheck', { requestId: r.id });

    expect(allText(card)).toContain('Face Check sent to Alice Employee. Their match score appears on this card when they finish (the link works until 2026-11-26 09:05 UTC).');
    expect(w.backend.faceCheckCalls).toEqual([{ requestId: r.id, approverId: HANK.aad, approverToken: expect.stringMatching(/^eyJ/) }]);
    const sent = w.callsTo(CONVERSATION, 'POST');
    expect(sent).toHaveLength(before + 1);
    const toAlice = w.cardOf(sent.pop());
    expect(texts(toAlice)[0]).toBe("Show it's you with Face Check");
    expect(allText(toAlice)).toContain("If you don't have one yet, open MyAccount on your phone");
    expect(allText(toAlice)).toContain('This link works until 2026-11-26 09:05 UTC.');
    const links = actions(toAlice).filter((a) => a.type === 'Action.OpenUrl');
    expect(links.map((a) => [a.title, a.url])).toEqual([
      ['Open in Microsoft Authenticator', expect.stringMatching(/^openid-vc:\/\/\?request_uri=https:\/\/verifiedid\.did\.msidentity\.com\/.+\/pres-1$/)],
      ['Get a VerifiedEmployee card', 'https://myaccount.microsoft.com'],
    ]);
    expect(await w.sqlite.store.query({ action: 'faceCheck.sent' })).toEqual([expect.objectContaining({ actor: HANK.aad, subject: ALICE.aad })]);
  });

  it('when the backend recorded the result, maintenance keeps it and updates the channel card in place', async () => {
    const r = await w.onlyRequest();
    await w.clickInChannel(HANK, 'tapFaceCheck', { requestId: r.id });
    const puts = w.callsTo(CHANNEL, 'PUT').length;
    await runTapMaintenance(w.wiring.kit);
    expect(w.callsTo(CHANNEL, 'PUT')).toHaveLength(puts);

    const evidence = { kind: 'faceCheck' as const, presentationRequestId: 'pres-1', matchConfidenceScore: 86.3, threshold: 70, passed: true, claimMatched: true, at: '2026-11-26T09:02:00.000Z' };
    w.backend.faceCheckEvidence.set(r.id, evidence);
    const report = await runTapMaintenance(w.wiring.kit);

    expect(report.faceChecks).toBe(1);
    expect(w.callsTo(CHANNEL, 'PUT')).toHaveLength(puts + 1);
    expect((await faceCheckOf(w.sqlite.store, r.id))?.evidence).toEqual(evidence);
    expect((await runTapMaintenance(w.wiring.kit)).faceChecks).toBe(0);
  });

  it('someone who is not an approver cannot send a Face Check: nothing reaches the employee', async () => {
    const r = await w.onlyRequest();
    const before = w.callsTo(CONVERSATION, 'POST').length;

    const card = await w.clickInChannel(MALLORY, 'tapFaceCheck', { requestId: r.id });

    expect(allText(card)).toContain('Only members of the helpdesk approvers group can decide.');
    expect(verbs(card)).not.toContain('tapFaceCheck');
    expect(w.backend.faceCheckCalls).toEqual([]);
    expect(w.callsTo(CONVERSATION, 'POST')).toHaveLength(before);
  });

  it('when the Verified ID service is throttling, the approver reads so and the employee gets nothing', async () => {
    const r = await w.onlyRequest();
    const before = w.callsTo(CONVERSATION, 'POST').length;
    w.backend.faceCheckFailure = new AppError('rate_limited', 'the Verified ID Request Service refused the presentation request (429 tooManyRequests/transientError)', { details: { status: 429, code: 'rate_limited' } });

    const card = await w.clickInChannel(HANK, 'tapFaceCheck', { requestId: r.id });

    expect(allText(card)).toContain('The Verified ID service is busy. Try again in a minute.');
    expect(verbs(card)).toContain('tapFaceCheck');
    expect(w.callsTo(CONVERSATION, 'POST')).toHaveLength(before);
  });
});

describe('Face Check not set up', () => {
  it('the approver card offers no Face Check', async () => {
    const w = await createWorld();
    try {
      await w.chooseChannel(HANK);
      await w.escalate();
      const card = await w.clickInChannel(HANK, 'tapRefresh', { requestId: (await w.onlyRequest()).id });
      expect(verbs(card)).toContain('tapApprove');
      expect(verbs(card)).not.toContain('tapFaceCheck');
    } finally {
      await w.close();
    }
  });
});
