/**
 * The pass request from the approver's side: who sees which view of the channel card, the happy
 * path to a 1:1 delivery and its redaction, and every refusal. Real approval service on SQLite,
 * real TeamsAdapter sending to a loopback connector; only the backend is faked.
 */
import { runTapMaintenance } from '../../src/bot/tap/maintenance';
import { actions, allText, texts, type Card } from './cards';
import { CONVERSATION } from './harness';
import { ALICE, CHANNEL, HANK, HILDA, MALLORY, VERIFIED, createWorld, type World } from '../integration/approvals-http/support/world';

const verbs = (card: Card) => actions(card).map((a) => a.verb ?? a.type);

describe('pass request card in the helpdesk channel', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    await w.chooseChannel(HANK);
  });
  afterEach(() => w.close());

  async function filed() {
    const employeeCard = await w.escalate();
    const r = await w.onlyRequest();
    const post = w.callsTo(CHANNEL, 'POST')[0];
    return { employeeCard, r, post: w.cardOf(post) };
  }

  it('when the employee escalates a finding a pass fixes, a request card with the diagnosis and risk signals is posted to the channel', async () => {
    const { employeeCard, r, post } = await filed();

    expect(texts(employeeCard)[0]).toBe('Your request is with the helpdesk');
    expect(r.state).toBe('pending');
    const t = allText(post);
    expect(texts(post)[0]).toBe('Temporary Access Pass request: Alice Employee');
    expect(t).toContain('Status: Waiting for an approver');
    expect(t).toContain('Account: alice@contoso.example');
    expect(t).toContain('Identity Protection risk: low');
    expect(t).toContain('Manager: Mark Manager (mark@contoso.example)');
    expect(t).toContain('Manager phone (directory): +41 44 000 00 00');
    expect(t).toContain('Zurich, CH (203.0.113.7), blocked by Conditional Access');
    // Written for the agent: third person, who acts, the cause to verify; the employee's phones from the directory.
    expect(t).toContain('Blocked: A Conditional Access policy requires MFA to register, and the employee has no usable method: a pass is needed.');
    expect(t).not.toContain('you have no working method');
    expect(t).toContain('Who acts: the helpdesk.');
    expect(t).toContain('Cause: Conditional Access policy “Require MFA to register security info”.');
    expect(t).toContain('Phone (directory): +41 44 000 00 11, +41 79 000 00 11');
    expect(t).toContain('Policy name: Require MFA to register security info');
    // Shared view: read-only; the approvers are named for their own (refreshed) view.
    expect(verbs(post)).toEqual(['Action.ToggleVisibility', 'Action.ToggleVisibility', 'tapRefresh']);
    expect(post.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'tapRefresh', data: { requestId: r.id } }, userIds: [HANK.id, HANK.aad] });
  });

  it('on refresh, an approver gets Approve / Deny / Ask for info with the verification inputs; anyone else the read-only view', async () => {
    const { r } = await filed();

    const hank = await w.clickInChannel(HANK, 'tapRefresh', { requestId: r.id }, 'automatic');
    const mallory = await w.clickInChannel(MALLORY, 'tapRefresh', { requestId: r.id }, 'automatic');
    const alice = await w.clickInChannel(ALICE, 'tapRefresh', { requestId: r.id }, 'automatic');

    expect(verbs(hank)).toEqual(['Action.ToggleVisibility', 'Action.ToggleVisibility', 'tapApprove', 'tapDenyStart', 'tapAskInfo']);
    expect(JSON.stringify(hank)).toContain('"id":"verificationMethod"');
    expect(JSON.stringify(hank)).toContain('Call-back to the manager on a directory number');
    for (const view of [mallory, alice]) {
      expect(verbs(view)).toEqual(['Action.ToggleVisibility', 'Action.ToggleVisibility', 'tapRefresh']);
      expect(JSON.stringify(view)).not.toContain('verificationMethod');
    }
    expect(w.backend.approverChecks).toEqual(expect.arrayContaining([HANK.aad, MALLORY.aad]));
  });

  it('when an approver approves with a recorded verification, the card updates for everyone, the pass goes only to the 1:1 chat, and is redacted after use', async () => {
    const { r } = await filed();
    const before = w.connector.calls.length;

    const answer = await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });

    const now = await w.service.get(r.id);
    expect(now?.state).toBe('delivered');
    expect(w.backend.issueCalls).toHaveLength(1);
    expect(w.backend.issueCalls[0]).toMatchObject({ requestId: r.id, targetUser: ALICE.aad, approverId: HANK.aad, verification: { method: 'video_call_with_id' } });
    const pass = w.backend.passes()[0] ?? 'none';
    expect(allText(answer)).toContain('Approved by Hank Helpdesk at 2026-11-26 09:00 UTC. Pass issued and sent to the employee privately, expires 2026-11-26 09:10 UTC.');
    // Decided: read-only, plus "Revoke pass" while the pass is active (the backend checks the approver).
    expect(verbs(answer)).toEqual(['Action.ToggleVisibility', 'Action.ToggleVisibility', 'tapRefresh', 'tapRevoke']);
    const after = w.connector.calls.slice(before);
    const toAlice = after.filter((c) => c.conversationId === CONVERSATION && c.method === 'POST');
    expect(toAlice).toHaveLength(1);
    const passCard = w.cardOf(toAlice[0]);
    expect(texts(passCard)).toEqual(expect.arrayContaining([pass, 'IT will never ask you for this pass. Do not share it with anyone, including the helpdesk.']));
    expect(allText(passCard)).toContain('https://aka.ms/mysecurityinfo');
    expect(allText(passCard)).toContain('expires at 2026-11-26 09:10 UTC');
    const channelUpdates = after.filter((c) => c.conversationId.startsWith(CHANNEL));
    expect(channelUpdates.length).toBeGreaterThan(0);
    expect(channelUpdates.every((c) => c.method === 'PUT')).toBe(true);
    expect(allText(w.cardOf(channelUpdates[channelUpdates.length - 1]))).toContain('Pass issued and sent to the employee privately');
    // The pass is nowhere but the 1:1 message: not in channel posts, not in the database, not in the audit.
    for (const c of w.connector.calls.filter((x) => x !== toAlice[0])) expect(JSON.stringify(c.body)).not.toContain(pass);
    expect(JSON.stringify(await w.sqlite.store.query({}))).not.toContain(pass);
    expect((await w.sqlite.store.query({ action: 'tap.issued' })).length).toBe(1);

    // Used: the backend says so; the next maintenance run replaces the message without the pass.
    w.backend.tapUsable = false;
    w.clock.advance(6 * 60_000);
    await runTapMaintenance(w.wiring.kit);

    const redaction = w.callsTo(CONVERSATION, 'PUT');
    expect(redaction).toHaveLength(1);
    expect(redaction[0]?.activityId).toBe(now?.issuance?.deliveredActivityId);
    expect(now?.issuance?.deliveredActivityId).toMatch(/^act-/);
    expect(JSON.stringify(redaction[0]?.body)).not.toContain(pass);
    expect(texts(w.cardOf(redaction[0]))[0]).toBe('Temporary Access Pass (removed)');
    expect((await w.service.get(r.id))?.state).toBe('redacted');
  });

  describe('refusals (each re-checked on the server; the card is never trusted)', () => {
    async function approveAs(who: typeof HANK, data: Record<string, unknown> = VERIFIED) {
      const { r } = await filed();
      const card = await w.clickInChannel(who, 'tapApprove', { requestId: r.id, ...data });
      return { card, r: await w.service.get(r.id) };
    }

    it('when the clicker is not an approver, nothing is issued', async () => {
      const { card, r } = await approveAs(MALLORY);
      expect(allText(card)).toContain('Only members of the helpdesk approvers group can decide. Nothing was changed.');
      expect(verbs(card)).not.toContain('tapApprove');
      expect(r?.state).toBe('pending');
      expect(w.backend.issueCalls).toHaveLength(0);
    });

    it('when the approver is the requester, it is refused as self-approval', async () => {
      w.backend.approvers.add(ALICE.aad);
      const { card, r } = await approveAs(ALICE);
      expect(allText(card)).toContain('You cannot decide on your own request.');
      expect(r?.state).toBe('pending');
      expect(w.backend.issueCalls).toHaveLength(0);
    });

    it('when no verification is recorded, approval is refused and the approver keeps the inputs', async () => {
      const { card, r } = await approveAs(HANK, { verificationMethod: 'video_call_with_id', verificationNote: '' });
      expect(allText(card)).toContain('Record how you verified the employee');
      expect(verbs(card)).toContain('tapApprove');
      expect(r?.state).toBe('pending');
    });

    it('when the request expired, the approver is told and the channel card says so', async () => {
      const { r } = await filed();
      w.clock.advance(61 * 60_000);
      const card = await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });
      expect(allText(card)).toContain('This request expired before anyone decided.');
      expect((await w.service.get(r.id))?.state).toBe('expired');
      const last = w.callsTo(CHANNEL, 'PUT').pop();
      expect(allText(w.cardOf(last))).toContain('Expired: nobody decided before');
      expect(allText(w.cardOf(w.callsTo(CONVERSATION, 'POST').pop()))).toContain('Your request timed out');
    });

    it('when the target became privileged, no pass is issued', async () => {
      const { r } = await filed();
      w.backend.privileged.add(ALICE.aad);
      w.clock.advance(10_000); // past the directory's 5 s profile cache
      const card = await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });
      expect(allText(card)).toContain('This account holds a privileged role');
      expect(w.backend.issueCalls).toHaveLength(0);
    });

    it('when the TAP policy forbids a pass for the employee, no pass is issued', async () => {
      const { r } = await filed();
      w.backend.tapAllowed = false;
      w.clock.advance(10_000);
      const card = await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });
      expect(allText(card)).toContain("The tenant's Temporary Access Pass policy does not allow a pass for this account.");
      expect(w.backend.issueCalls).toHaveLength(0);
    });

    it('when the approver hit the rate limit, the next approval is refused', async () => {
      await w.close();
      w = await createWorld({ perApproverPerHour: 1 });
      await w.chooseChannel(HANK);
      const first = await filed();
      await w.clickInChannel(HANK, 'tapApprove', { requestId: first.r.id, ...VERIFIED });
      expect((await w.service.get(first.r.id))?.state).toBe('delivered');
      await w.escalate();
      const second = (await w.service.list({ states: ['pending'] }))[0];
      const card = await w.clickInChannel(HANK, 'tapApprove', { requestId: second?.id ?? '', ...VERIFIED });
      expect(allText(card)).toContain('Too many passes were approved recently.');
      expect(w.backend.issueCalls).toHaveLength(1);
      // Another approver still can.
      await w.clickInChannel(HILDA, 'tapApprove', { requestId: second?.id ?? '', ...VERIFIED });
      expect(w.backend.issueCalls).toHaveLength(2);
    });
  });
});

describe('pass approval in evaluation (shadow) mode', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    await w.chooseChannel(HANK);
    w.backend.shadow = true;
  });
  afterEach(() => w.close());

  it('approving shows on the card that a pass would have been issued now, sends no pass, and tells the employee kindly', async () => {
    await w.escalate();
    const r = await w.onlyRequest();

    const answer = await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });

    expect((await w.service.get(r.id))?.state).toBe('failed');
    expect(allText(answer)).toContain('Shadow mode: approved by Hank Helpdesk at 2026-11-26 09:00 UTC. A pass would have been issued now');
    expect(w.backend.passes()).toEqual([]);
    const toAlice = w.cardOf(w.callsTo(CONVERSATION, 'POST').pop());
    expect(allText(toAlice)).toContain('The helpdesk approved your request (evaluation mode)');
    expect(allText(toAlice)).not.toMatch(/P\+/);
  });
});

