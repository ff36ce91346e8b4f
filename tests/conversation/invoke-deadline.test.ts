/**
 * Every Action.Execute is answered within the deadline: slow work answers "Checking…" and its
 * result replaces the card through the connector; a re-sent invoke (same card message, verb and
 * data) does not start the work again, on this instance or another sharing the store.
 */
import { createTeamsAdapter } from '../../src/bot/adapter';
import { BackgroundWork } from '../../src/bot/deferred/timing';
import { INVOKE_WORK } from '../../src/bot/deferred/ledger';
import { silentLogger } from '../../src/shared/logger';
import { startConnector, type FakeConnector } from '../integration/approvals-http/support/connector';
import { action, cardFrom, rootTitle, texts, type Card } from './cards';
import { CA_BLOCK } from './fixtures';
import { CONVERSATION, createHarness, type Harness } from './harness';
import { outage } from './outages';
import { handTimer, SlowBackend } from './slow-backend';

describe('invoke deadline', () => {
  let connector: FakeConnector;
  let backend: SlowBackend;
  let timer: ReturnType<typeof handTimer>;
  let background: BackgroundWork;
  let h: Harness;
  const adapter = createTeamsAdapter({ mode: 'local', bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', host: '127.0.0.1' } }, silentLogger());

  function instance(shared?: Harness): Harness {
    return createHarness({
      backend,
      ...(shared ? { store: shared.store, storage: shared.storage } : {}),
      deps: { adapter, botAppId: '', invokes: { after: timer.after, background, answerWithinMs: 1500 } },
    });
  }

  beforeEach(async () => {
    connector = await startConnector();
    backend = new SlowBackend();
    backend.findings = [CA_BLOCK];
    timer = handTimer();
    background = new BackgroundWork();
    h = instance();
  });
  afterEach(async () => {
    backend.release();
    await background.idle();
    h.cleanup();
    await connector.close();
  });

  const over = () => ({ serviceUrl: connector.url, replyToId: 'card-msg-1' });

  /** A press whose deadline passes as soon as its timer starts (the work it joins is held). */
  async function pressPastDeadline(target: Harness, verb: string, data: Record<string, unknown>): Promise<Card> {
    const n = timer.started();
    const reply = target.press(verb, data, over());
    while (timer.started() === n) await new Promise((r) => setImmediate(r));
    timer.expire();
    return cardFrom((await reply)[0]);
  }

  async function checkLink(): Promise<Card> {
    return cardFrom((await h.say('my yubikey does nothing', { serviceUrl: connector.url }))[0]);
  }

  async function pressSlow(target: Harness, card: Card): Promise<Card> {
    const before = backend.diagnoseCalls.length;
    const reply = target.press('skipCheck', action(card, 'skipCheck').data ?? {}, over());
    await Promise.race([backend.calls(before + 1), reply]);
    timer.expire();
    return cardFrom((await reply)[0]);
  }

  it('when the diagnosis outlasts the deadline, the invoke answers "Checking…" and the findings replace that card when ready', async () => {
    const link = await checkLink();
    backend.hold();
    const pending = await pressSlow(h, link);
    expect(texts(pending)[0]).toBe('Checking…');
    expect(connector.calls).toHaveLength(0);

    backend.release();
    await background.idle();

    const update = connector.calls.find((c) => c.method === 'PUT');
    expect(update).toMatchObject({ conversationId: CONVERSATION, activityId: 'card-msg-1' });
    const findings = cardFrom(update?.body);
    expect(rootTitle(findings)).toBe(CA_BLOCK.title);
    // The flow moved on with the late answer: its buttons are live, not stale.
    const thanks = cardFrom((await h.press('itWorked', action(findings, 'itWorked').data ?? {}))[0]);
    expect(texts(thanks)[0]).toBe('Great, you are all set!');
  });

  it('when the work finishes within the deadline, the result is the invoke response and nothing is sent separately', async () => {
    const link = await checkLink();
    const card = cardFrom((await h.press('skipCheck', action(link, 'skipCheck').data ?? {}, over()))[0]);
    expect(rootTitle(card)).toBe(CA_BLOCK.title);
    expect(connector.calls).toHaveLength(0);
    expect(timer.started()).toBe(1);
  });

  it('when Teams re-sends the invoke while the work runs, it gets "Checking…" again and the backend is called once', async () => {
    const link = await checkLink();
    backend.hold();
    await pressSlow(h, link);

    const again = await pressPastDeadline(h, 'skipCheck', action(link, 'skipCheck').data ?? {});
    expect(texts(again)[0]).toBe('Checking…');
    expect(backend.diagnoseCalls).toHaveLength(1);

    backend.release();
    await background.idle();
    const late = cardFrom((await h.press('skipCheck', action(link, 'skipCheck').data ?? {}, over()))[0]);
    expect(rootTitle(late)).toBe(CA_BLOCK.title);
    expect(backend.diagnoseCalls).toHaveLength(1);
  });

  it('when a duplicate arrives on the same instance and the work ends within its deadline, it gets the result, and the work ran once', async () => {
    const link = await checkLink();
    backend.hold();
    const first = h.press('skipCheck', action(link, 'skipCheck').data ?? {}, over());
    await backend.calls(1);
    const second = h.press('skipCheck', action(link, 'skipCheck').data ?? {}, over());
    while (timer.started() < 2) await new Promise((r) => setImmediate(r));
    backend.release();
    // The TestAdapter's queue is shared: the two answers come back from either call.
    const answers = [...(await first), ...(await second)].map((a) => cardFrom(a));
    expect(answers.map((c) => rootTitle(c))).toEqual([CA_BLOCK.title, CA_BLOCK.title]);
    expect(backend.diagnoseCalls).toHaveLength(1);
  });

  it('when the re-sent invoke reaches another instance sharing the store, the work is not started there either', async () => {
    const link = await checkLink();
    backend.hold();
    await pressSlow(h, link);
    const other = instance(h);

    const again = cardFrom((await other.press('skipCheck', action(link, 'skipCheck').data ?? {}, over()))[0]);

    expect(texts(again)[0]).toBe('Checking…');
    expect(backend.diagnoseCalls).toHaveLength(1);
    expect((await h.store.list(INVOKE_WORK)).map((w) => (w.value as { state: string }).state)).toEqual(['running']);
  });

  it('when an invoke was answered in time, pressing the same button again is a new press that runs again', async () => {
    const link = await checkLink();
    const data = { flowId: action(link, 'skipCheck').data?.flowId };
    await h.press('tryAgain', data, over());
    await h.press('tryAgain', data, over());
    expect(backend.diagnoseCalls).toHaveLength(2);
  });

  it('when the pressed message cannot be named, the late answer arrives as a new message in the same chat', async () => {
    const link = await checkLink();
    backend.hold();
    const reply = h.press('skipCheck', action(link, 'skipCheck').data ?? {}, { serviceUrl: connector.url });
    await backend.calls(1);
    timer.expire();
    await reply;
    backend.release();
    await background.idle();
    const post = connector.calls.find((c) => c.method === 'POST');
    expect(post?.conversationId).toBe(CONVERSATION);
    expect(rootTitle(cardFrom(post?.body))).toBe(CA_BLOCK.title);
  });

  it('when the backend fails after the deadline, the try-again card replaces "Checking…"', async () => {
    const link = await checkLink();
    backend.hold();
    backend.diagnoseError = outage.graphUnavailable();
    await pressSlow(h, link);
    backend.release();
    await background.idle();
    expect(texts(cardFrom(connector.calls.find((c) => c.method === 'PUT')?.body))[0]).toBe("I can't check right now");
  });
});
