/**
 * "The diagnosis completes when the evidence arrives" (issue 9): a findings card shown with
 * evidence still pending is replaced by the complete one (same message, through the connector)
 * once the backend has it — unless the employee has moved on; after the last try it stays honest.
 */
import { createTeamsAdapter } from '../../src/bot/adapter';
import { BackgroundWork } from '../../src/bot/deferred/timing';
import { silentLogger } from '../../src/shared/logger';
import { startConnector, type FakeConnector } from '../integration/approvals-http/support/connector';
import { action, allText, cardFrom, rootTitle, type Card } from './cards';
import { CA_BLOCK } from './fixtures';
import { CONVERSATION, createHarness, type Harness } from './harness';
import { handTimer, SlowBackend } from './slow-backend';

const PENDING = [
  { source: 'directory' as const, state: 'live' as const, asOf: '2026-11-26T09:00:00Z', ageSeconds: 0 },
  { source: 'signIns' as const, state: 'pending' as const, asOf: null, ageSeconds: null },
];
const ARRIVED = [
  { source: 'directory' as const, state: 'live' as const, asOf: '2026-11-26T09:00:10Z', ageSeconds: 0 },
  { source: 'signIns' as const, state: 'fresh' as const, asOf: '2026-11-26T09:00:08Z', ageSeconds: 2 },
];

describe('a diagnosis with pending evidence completes itself', () => {
  let connector: FakeConnector;
  let backend: SlowBackend;
  let timer: ReturnType<typeof handTimer>;
  let background: BackgroundWork;
  let h: Harness;
  const adapter = createTeamsAdapter({ mode: 'local', bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', host: '127.0.0.1' } }, silentLogger());

  beforeEach(async () => {
    connector = await startConnector();
    backend = new SlowBackend();
    backend.findings = [CA_BLOCK];
    backend.evidence = PENDING;
    timer = handTimer();
    background = new BackgroundWork();
    h = createHarness({ backend, deps: { adapter, botAppId: '', invokes: { after: timer.after, background, answerWithinMs: 1500 } } });
  });
  afterEach(async () => {
    for (let i = 0; i < 5; i++) timer.expire();
    await background.idle();
    h.cleanup();
    await connector.close();
  });

  const over = () => ({ serviceUrl: connector.url, replyToId: 'card-msg-1' });

  async function findingsWithPending(): Promise<Card> {
    const link = cardFrom((await h.say('my yubikey does nothing', { serviceUrl: connector.url }))[0]);
    const card = cardFrom((await h.press('skipCheck', action(link, 'skipCheck').data ?? {}, over()))[0]);
    expect(allText(card)).toContain('Sign-in logs were not available (not read yet: check again in a minute).');
    return card;
  }

  /** Lets the next wait pass and the background work run to its next wait (or its end). */
  async function nextAttempt(): Promise<void> {
    const n = timer.started();
    timer.expire();
    while (timer.started() === n && background.size > 0) await new Promise((r) => setImmediate(r));
  }

  it('when the sign-ins arrive, the same card is replaced by the complete diagnosis', async () => {
    await findingsWithPending();
    await nextAttempt(); // still pending on the first retry
    expect(connector.calls).toHaveLength(0);

    backend.evidence = ARRIVED;
    await nextAttempt();
    await background.idle();

    const update = connector.calls.find((c) => c.method === 'PUT');
    expect(update).toMatchObject({ conversationId: CONVERSATION, activityId: 'card-msg-1' });
    const complete = cardFrom(update?.body);
    expect(rootTitle(complete)).toBe(CA_BLOCK.title);
    expect(allText(complete)).not.toContain('What I could not check');
    expect(backend.diagnoseCalls).toHaveLength(3);
    // The flow holds the complete diagnosis: its buttons work.
    const thanks = cardFrom((await h.press('itWorked', action(complete, 'itWorked').data ?? {}))[0]);
    expect(allText(thanks)).toContain('Great, you are all set!');
  });

  it('when the employee has moved on, the evidence arriving changes nothing in the chat', async () => {
    const card = await findingsWithPending();
    await h.press('itWorked', action(card, 'itWorked').data ?? {});
    backend.evidence = ARRIVED;
    await nextAttempt();
    await background.idle();

    expect(connector.calls.filter((c) => c.method === 'PUT' || c.method === 'POST')).toHaveLength(0);
  });

  it('when the evidence never arrives, the bot stops asking after three tries and the card stays honest', async () => {
    await findingsWithPending();
    for (let i = 0; i < 3; i++) await nextAttempt();
    await background.idle();

    expect(backend.diagnoseCalls).toHaveLength(4);
    expect(connector.calls).toHaveLength(0);
  });
});
