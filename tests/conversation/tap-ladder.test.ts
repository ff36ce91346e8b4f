/**
 * The verification ladder in the conversation, offline: the approver card shows the tier and the
 * proof the backend accepts and recorded; "I called this number" and the manager's answer each
 * go through a Teams login request, and the backend (fake, with the real policy and the real token
 * check) records evidence only on that person's own token. The bot decides nothing itself.
 */
import { action, actions, allText } from './cards';
import { ALICE, CHANNEL, HANK, MALLORY, MARK, MARK_CHAT, VERIFIED, createWorld, type World } from '../integration/approvals-http/support/world';
import { enableLadder, type FakeLadder } from '../integration/approvals-http/support/fakeLadder';

describe('the verification ladder on the approver card', () => {
  let w: World;
  let ladder: FakeLadder;
  beforeEach(async () => {
    w = await createWorld();
    ladder = enableLadder(w.backend, w.idp.verifier(), w.clock);
    await w.chooseChannel(HANK);
  });
  afterEach(() => w.close());

  const approverCard = async (requestId: string) => w.clickInChannel(HANK, 'tapRefresh', { requestId });

  it('a standard request: the card shows the tier and a masked directory number; the approver confirms the call-back with their own sign-in, then the pass is issued', async () => {
    await w.escalate();
    const r = await w.onlyRequest();
    const before = await approverCard(r.id);
    expect(allText(before)).toContain('Identity verification');
    expect(allText(before)).toContain('Tier: Standard');
    expect(allText(before)).toContain("Accepted proof: call-back on the directory number, or the manager's confirmation, or Verified ID Face Check");
    expect(allText(before)).not.toContain('+41 79 000 00 11');
    const press = action(before, 'tapCallbackConfirm');
    expect(press.title).toBe('I called ••• ••• 0011 and it was them');

    const after = await w.clickInChannel(HANK, 'tapCallbackConfirm', press.data ?? {});

    expect(w.h.loginRequests.map((l) => l.from)).toEqual([ALICE.aad, HANK.aad]);
    expect(ladder.callbackCalls).toEqual([expect.objectContaining({ requestId: r.id, approverId: HANK.aad, approverToken: expect.any(String), numberEnding: '0011' })]);
    expect(allText(after)).toContain('Call-back recorded.');
    expect(allText(after)).toMatch(/Call-back to ••• 0011 confirmed by Hank Helpdesk, 2026-11-26 \d\d:\d\d UTC/);
    expect(actions(after).map((a) => a.verb)).not.toContain('tapCallbackConfirm');

    await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });
    expect((await w.service.get(r.id))?.state).toBe('delivered');
  });

  it('an elevated request with only a call-back is refused at approval and stays pending; the card names what is missing', async () => {
    ladder.tiers.set(ALICE.aad, 'elevated');
    await w.escalate();
    const r = await w.onlyRequest();
    await w.clickInChannel(HANK, 'tapCallbackConfirm', action(await approverCard(r.id), 'tapCallbackConfirm').data ?? {});

    const refused = await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });

    expect(allText(refused)).toContain('The identity proof recorded so far is not enough for this account');
    expect(allText(refused)).toContain("Still needed: the manager's confirmation");
    expect(allText(refused)).toContain('Tier: Elevated (1 method(s) added recently: Microsoft Authenticator)');
    expect((await w.service.get(r.id))?.state).toBe('pending');
    expect(w.backend.issued.size).toBe(0);
  });

  it('"Ask the manager" sends the directory manager a card; their "Yes" is recorded on their own sign-in, someone else\'s press is refused', async () => {
    ladder.tiers.set(ALICE.aad, 'elevated');
    await w.installFor(MARK, MARK_CHAT);
    await w.escalate();
    const r = await w.onlyRequest();
    const asked = await w.clickInChannel(HANK, 'tapManagerAsk', action(await approverCard(r.id), 'tapManagerAsk').data ?? {});
    expect(allText(asked)).toContain('Asked Mark Manager to confirm in Teams.');
    const ask = w.cardOf(w.callsTo(MARK_CHAT, 'POST').pop());

    const mallory = await w.clickInChat(MALLORY, 'a:personal-mallory', 'managerConfirm', action(ask, 'managerConfirm').data ?? {});
    const yes = await w.clickInChat(MARK, MARK_CHAT, 'managerConfirm', action(ask, 'managerConfirm', (a) => a.title === 'Yes, they asked').data ?? {});

    expect(allText(mallory)).toContain("Only the employee's manager in the directory can confirm");
    expect(allText(yes)).toContain('Thanks, your answer was recorded: confirmed.');
    expect(ladder.managerCalls.map((c) => c.managerId)).toEqual([MALLORY.aad, MARK.aad]);
    expect(ladder.evidence.get(r.id)).toEqual([expect.objectContaining({ kind: 'manager', managerId: MARK.aad })]);
    expect(w.h.loginRequests.map((l) => l.from)).toEqual(expect.arrayContaining([MALLORY.aad, MARK.aad]));

    await w.clickInChannel(HANK, 'tapCallbackConfirm', action(await approverCard(r.id), 'tapCallbackConfirm').data ?? {});
    await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });
    expect((await w.service.get(r.id))?.state).toBe('delivered');
  });

  it('when the manager never used the assistant, the approver is told to use another proof', async () => {
    await w.escalate();
    const r = await w.onlyRequest();
    const asked = await w.clickInChannel(HANK, 'tapManagerAsk', action(await approverCard(r.id), 'tapManagerAsk').data ?? {});
    expect(allText(asked)).toContain('Mark Manager has not used the assistant in Teams, so I cannot ask them here. Use another proof');
    expect(w.callsTo(MARK_CHAT)).toHaveLength(0);
  });

  it('a privileged account that became privileged after the request: the card offers no Approve, only the hand-off to privileged-access staff', async () => {
    await w.escalate();
    const r = await w.onlyRequest();
    ladder.tiers.set(ALICE.aad, 'privileged');

    const card = await approverCard(r.id);

    expect(allText(card)).toContain('This account gets no pass from the helpdesk. Hand the request to privileged-access staff');
    expect(actions(card).map((a) => a.verb)).not.toEqual(expect.arrayContaining(['tapApprove', 'tapCallbackConfirm', 'tapManagerAsk']));
    expect(w.callsTo(CHANNEL).length).toBeGreaterThan(0);
  });
});
