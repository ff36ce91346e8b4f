/**
 * The other decisions on a pass request: deny (with confirmation), ask for info, the manager's
 * confirmation, and the post-use watch with "This wasn't me".
 */
import { runTapMaintenance } from '../../src/bot/tap/maintenance';
import { action, actions, allText, texts, type Card } from './cards';
import { CONVERSATION } from './harness';
import { ALICE, CHANNEL, HANK, MARK, MARK_CHAT, VERIFIED, createWorld, type World } from '../integration/approvals-http/support/world';

const verbs = (card: Card) => actions(card).map((a) => a.verb ?? a.type);

describe('deny and ask for info', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    await w.chooseChannel(HANK);
    await w.escalate();
  });
  afterEach(() => w.close());

  it('"Deny…" asks for confirmation first; the confirmed denial updates the card and tells the employee kindly', async () => {
    const r = await w.onlyRequest();

    const confirm = await w.clickInChannel(HANK, 'tapDenyStart', { requestId: r.id });
    expect(allText(confirm)).toContain('Deny this request?');
    expect(actions(confirm).find((a) => a.verb === 'tapDeny')?.style).toBe('destructive');
    expect((await w.service.get(r.id))?.state).toBe('pending');

    const done = await w.clickInChannel(HANK, 'tapDeny', { requestId: r.id, denyReason: 'could not reach you on video' });

    expect(allText(done)).toContain('Status: Denied by Hank Helpdesk at 2026-11-26 09:00 UTC.');
    expect(verbs(done)).not.toContain('tapApprove');
    expect(allText(w.cardOf(w.callsTo(CHANNEL, 'PUT').pop()))).toContain('Denied by Hank Helpdesk');
    const toAlice = w.cardOf(w.callsTo(CONVERSATION, 'POST').pop());
    expect(texts(toAlice)[0]).toBe('The helpdesk could not approve a pass');
    expect(allText(toAlice)).toContain('They said: “could not reach you on video”.');
  });

  it('"Ask for info" sends the question to the employee and keeps the request open', async () => {
    const r = await w.onlyRequest();

    const card = await w.clickInChannel(HANK, 'tapAskInfo', { requestId: r.id, infoQuestion: 'Which office are you in today?' });

    expect(verbs(card)).toContain('tapApprove');
    expect((await w.service.get(r.id))?.state).toBe('pending');
    const toAlice = w.cardOf(w.callsTo(CONVERSATION, 'POST').pop());
    expect(texts(toAlice)[0]).toBe('The helpdesk has a question');
    expect(allText(toAlice)).toContain('“Which office are you in today?”');
  });

  it('a non-approver cannot reach the deny confirmation', async () => {
    const r = await w.onlyRequest();
    const card = await w.clickInChannel(ALICE, 'tapDenyStart', { requestId: r.id });
    expect(verbs(card)).not.toContain('tapDeny');
    expect(allText(card)).toContain('Only members of the helpdesk approvers group can decide.');
  });
});

describe('manager confirmation', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld({ requireManagerConfirmation: true });
    await w.chooseChannel(HANK);
    await w.installFor(MARK, MARK_CHAT);
  });
  afterEach(() => w.close());

  it('the manager gets "Did Alice ask for a pass?" in 1:1; approval waits for the confirmation', async () => {
    await w.escalate();
    const r = await w.onlyRequest();
    expect(r.state).toBe('awaiting_manager');
    const ask = w.cardOf(w.callsTo(MARK_CHAT, 'POST').pop());
    expect(texts(ask)[0]).toBe('Did Alice Employee ask for a Temporary Access Pass?');

    const early = await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });
    expect(allText(early)).toContain("The employee's manager has not confirmed the request yet.");
    expect(w.backend.issueCalls).toHaveLength(0);

    // Someone else pressing the manager's button is refused.
    const forged = await w.clickInChat(HANK, 'a:personal-hank', 'managerConfirm', action(ask, 'managerConfirm').data ?? {});
    expect(allText(forged)).toContain("Only the employee's manager in the directory can confirm");

    const yes = await w.clickInChat(MARK, MARK_CHAT, 'managerConfirm', action(ask, 'managerConfirm', (a) => a.title === 'Yes, they asked').data ?? {});
    expect(allText(yes)).toContain('Thanks, your answer was recorded: confirmed.');
    expect(allText(w.cardOf(w.callsTo(CHANNEL, 'PUT').pop()))).toContain('Manager confirmation: Confirmed by Mark Manager');

    await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });
    expect((await w.service.get(r.id))?.state).toBe('delivered');
  });

  it('when the manager says no, the request is denied and the employee is told', async () => {
    await w.escalate();
    const r = await w.onlyRequest();
    const ask = w.cardOf(w.callsTo(MARK_CHAT, 'POST').pop());
    await w.clickInChat(MARK, MARK_CHAT, 'managerConfirm', action(ask, 'managerConfirm', (a) => a.title !== 'Yes, they asked').data ?? {});
    expect((await w.service.get(r.id))?.state).toBe('denied');
    expect(texts(w.cardOf(w.callsTo(CONVERSATION, 'POST').pop()))[0]).toBe('The helpdesk could not approve a pass');
  });
});

describe('post-use watch and "This wasn\'t me"', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    await w.chooseChannel(HANK);
    await w.escalate();
    await w.clickInChannel(HANK, 'tapApprove', { requestId: (await w.onlyRequest()).id, ...VERIFIED });
  });
  afterEach(() => w.close());

  it('methods added after the pass was used are reported; "This wasn\'t me" (with the employee\'s own sign-in) removes them, revokes the pass and sessions and raises an incident', async () => {
    const r = await w.onlyRequest();
    w.backend.tapUsable = false;
    w.backend.methodsSince = [{ id: 'm1', type: 'microsoftAuthenticatorAuthenticationMethod', kind: 'Microsoft Authenticator', displayName: 'iPhone 15', createdDateTime: '2026-11-26T09:04:00Z' }];
    w.backend.containRemoves = [
      { ...(w.backend.methodsSince[0] as NonNullable<(typeof w.backend.methodsSince)[0]>), evidence: 'created_after_pass' },
      { id: 'phone-1', type: 'phoneAuthenticationMethod', kind: 'Phone', phoneType: 'mobile', evidence: 'audit_log' },
    ];
    w.clock.advance(6 * 60_000);

    await runTapMaintenance(w.wiring.kit);

    const watch = w.cardOf(w.callsTo(CONVERSATION, 'POST').pop());
    expect(texts(watch)[0]).toBe('New sign-in methods on your account');
    expect(allText(watch)).toContain('Microsoft Authenticator (iPhone 15) added at 2026-11-26 09:04 UTC');
    expect((await w.service.get(r.id))?.state).toBe('redacted');
    // A second run reports nothing new.
    const posts = w.callsTo(CONVERSATION, 'POST').length;
    await runTapMaintenance(w.wiring.kit);
    expect(w.callsTo(CONVERSATION, 'POST')).toHaveLength(posts);

    const done = await w.clickInChat(ALICE, CONVERSATION, 'tapNotMe', action(watch, 'tapNotMe').data ?? {});

    // Exactly what was done, not "everything was revoked".
    expect(allText(done)).toContain('I removed the sign-in methods added after your pass: Microsoft Authenticator (iPhone 15), Phone (mobile).');
    expect(allText(done)).toContain('Your Temporary Access Pass was deleted. You were signed out everywhere.');
    expect(allText(done)).not.toContain('blocked from signing in');
    // The claim carried Alice's own token (login request first), checked by the backend.
    expect(w.h.loginRequests.map((l) => l.from)).toContain(ALICE.aad);
    expect(w.backend.containCalls).toEqual([expect.objectContaining({ requestId: r.id, employeeId: ALICE.aad, employeeToken: expect.any(String) })]);
    expect(w.backend.proofRefusals).toEqual([]);
    const incident = w.cardOf(w.callsTo(CHANNEL, 'POST').pop());
    expect(texts(incident)[0]).toBe('Security incident: Alice Employee');
    expect(action(incident, 'ticketAssign').title).toBe('Assign to me');
    expect(await w.sqlite.store.query({ action: 'incident.opened' })).toEqual([expect.objectContaining({ actor: ALICE.aad, subject: ALICE.aad })]);
  });

  it('only the employee can answer the watch card', async () => {
    const r = await w.onlyRequest();
    const card = await w.clickInChannel(HANK, 'tapNotMe', { requestId: r.id });
    expect(texts(card)[0]).toBe("This card isn't yours");
    expect(w.backend.revokeCalls).toHaveLength(0);
  });
});
