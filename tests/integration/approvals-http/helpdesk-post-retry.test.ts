/**
 * A helpdesk post that fails is retried until it lands, and the employee is never told "no
 * helpdesk channel" or "you already asked" because of a transient failure.
 */
import { ESCALATION_COLLECTION } from '../../../src/bot/escalation';
import { PENDING_POSTS } from '../../../src/bot/helpdesk/postRetry';
import { runTapMaintenance } from '../../../src/bot/tap/maintenance';
import { allText, texts } from '../../conversation/cards';
import { CONVERSATION } from '../../conversation/harness';
import { ADMIN_FIX, ALICE, CHANNEL, HANK, createWorld, type World } from './support/world';

const channelPosts = (w: World) => w.connector.calls.filter((c) => c.conversationId.startsWith(CHANNEL) && c.method === 'POST');

describe('helpdesk posts that fail', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    await w.chooseChannel(HANK);
  });
  afterEach(async () => w.close());

  it('when the pass request cannot be posted to the channel, the employee is told it was requested, and the post lands on a later maintenance run, once', async () => {
    w.connector.failSendsTo(/helpdesk/);
    const card = await w.escalate();
    expect(allText(card)).not.toContain('No helpdesk channel');
    expect(texts(card)[0]).toBe(w.wiring.kit.cards.strings.tap.requestedTitle);
    expect(channelPosts(w)).toHaveLength(0);
    expect(await w.sqlite.store.list(PENDING_POSTS)).toHaveLength(1);

    await runTapMaintenance(w.wiring.kit); // not due yet, and still failing
    w.connector.failSendsTo(undefined);
    w.clock.advance(10_000);
    await runTapMaintenance(w.wiring.kit);
    expect(channelPosts(w)).toHaveLength(0); // backoff: first retry after 30 s

    w.clock.advance(30_000);
    await runTapMaintenance(w.wiring.kit);
    await runTapMaintenance(w.wiring.kit);
    expect(channelPosts(w)).toHaveLength(1);
    expect(allText(w.cardOf(channelPosts(w)[0]))).toContain('Alice Employee');
    expect(await w.sqlite.store.list(PENDING_POSTS)).toHaveLength(0);
  });

  it('when a ticket cannot be posted, the employee reads that the helpdesk has the case, and the ticket is posted when the channel answers again', async () => {
    w.diagnose.findings = [ADMIN_FIX];
    w.connector.failSendsTo(/helpdesk/);
    const card = await w.escalate();
    expect(allText(card)).toContain(w.wiring.kit.cards.strings.helpdesk.employeeTicketFiled);

    // Still failing at the first retry: rescheduled with a longer wait, never dropped.
    w.clock.advance(31_000);
    await runTapMaintenance(w.wiring.kit);
    const [pending] = await w.sqlite.store.list<{ attempts: number }>(PENDING_POSTS);
    expect(pending?.value.attempts).toBe(2);

    w.connector.failSendsTo(undefined);
    w.clock.advance(61_000);
    await runTapMaintenance(w.wiring.kit);
    expect(channelPosts(w)).toHaveLength(1);
    expect(allText(w.cardOf(channelPosts(w)[0]))).toContain('Blocked: The method the employee is setting up is not enabled for them in the authentication methods policy.');
  });

  it('when an earlier ask of the same flow was recorded but never filed (stopped mid-way), asking again files it instead of "you already asked"', async () => {
    w.diagnose.findings = [ADMIN_FIX];
    const store = w.sqlite.store;
    const put = store.put.bind(store);
    // The first ask stops right after recording (the instance died): the record exists, nothing was filed.
    let cut = true;
    store.put = async (collection, key, value, options) => {
      const etag = await put(collection, key, value, options);
      if (cut && collection === ESCALATION_COLLECTION) {
        cut = false;
        throw new Error('instance stopped');
      }
      return etag;
    };
    const first = await w.escalate();
    expect(texts(first)[0]).toBe('Sorry, something went wrong on my side');
    expect(channelPosts(w)).toHaveLength(0);

    const [recorded] = await store.list(ESCALATION_COLLECTION);
    const flowId = recorded?.key.split('|')[1] ?? '';
    const again = await w.clickInChat(ALICE, CONVERSATION, 'talkToHelpdesk', { flowId });
    expect(allText(again)).not.toContain('You already asked');
    expect(allText(again)).toContain(w.wiring.kit.cards.strings.helpdesk.employeeTicketFiled);
    expect(channelPosts(w)).toHaveLength(1);

    const third = await w.clickInChat(ALICE, CONVERSATION, 'talkToHelpdesk', { flowId });
    expect(allText(third)).toContain('You already asked');
    expect(channelPosts(w)).toHaveLength(1);
  });
});
