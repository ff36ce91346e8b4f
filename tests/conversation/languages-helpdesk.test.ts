/**
 * Proactive messages speak their recipient's language, not the clicker's: an approver decides in
 * the channel, the employee (Teams in German) is told in German; the channel card stays in the
 * tenant default.
 */
import { catalogues } from '../../src/i18n/catalogues';
import { allText, texts } from './cards';
import { CONVERSATION } from './harness';
import { CHANNEL, HANK, createWorld, type World } from '../integration/approvals-http/support/world';

const de = catalogues().strings('de');
const en = catalogues().strings('en');

describe('decisions reach the employee in the employee\'s language', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    await w.chooseChannel(HANK);
    // Alice's Teams is German: the install carries her locale, which is stored with her chat.
    await w.h.send({ type: 'conversationUpdate', locale: 'de-DE', membersAdded: [{ id: '28:bot', name: 'MFA Helper' }, { id: '29:alice', name: 'Alice Employee' }] });
    await w.escalate();
  });
  afterEach(() => w.close());

  it('the request card Alice\'s German turn posts to the channel is in the tenant default (English)', () => {
    const posted = w.cardOf(w.callsTo(CHANNEL, 'POST')[0]);
    expect(allText(posted)).toContain('Temporary Access Pass request: Alice Employee');
    expect(posted.lang).toBeUndefined();
  });

  it('Hank (no locale) denies: his card and the channel are English, Alice is told in German', async () => {
    const r = await w.onlyRequest();

    const done = await w.clickInChannel(HANK, 'tapDeny', { requestId: r.id, denyReason: 'no video' });

    expect(allText(done)).toContain('Denied by Hank Helpdesk');
    expect(texts(w.cardOf(w.callsTo(CHANNEL, 'PUT').pop()))[0]).toBe(texts(done)[0]);
    const toAlice = w.cardOf(w.callsTo(CONVERSATION, 'POST').pop());
    expect(texts(toAlice)[0]).toBe(de.tap.deniedTitle);
    expect(texts(toAlice)[0]).not.toBe(en.tap.deniedTitle);
    expect(toAlice.lang).toBe('de');
  });
});
