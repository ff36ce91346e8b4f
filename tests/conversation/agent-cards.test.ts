/**
 * Cards for the agent: written in the third person with the employee's account, the directory
 * phone numbers for a call-back and the manager's contact; the cause to verify in visible text;
 * a card that promises a pass files a pass request; toggles say what they do; the campaign card
 * posted by `campaign start` reaches its final state.
 */
import { refreshOpenCards } from '../../src/bot/campaigns/refresher';
import type { Finding } from '../../src/diagnosis/types';
import { actions, allText, cardFrom, texts, type Card } from './cards';
import { ADMIN_FIX, CHANNEL, HANK, createWorld, type World } from '../integration/approvals-http/support/world';
import { createChatWorld, HANK as CAMPAIGN_HANK, type ChatWorld } from '../integration/campaigns-wired/support/chatWorld';

/** Adele's finding as the real diagnosis raises it (demo tenant): IPv6 against the IPv4-only HQ location. */
const IPV6_BLOCK: Finding = {
  code: 'CA_BLOCKS_REGISTRATION',
  severity: 'blocking',
  fix: 'self',
  evidence: {
    policy: { id: 'ca-010', displayName: 'CA010 Register security info only from HQ', state: 'enabled' },
    signIn: { id: 's1', createdDateTime: '2026-11-26T08:48:00Z', errorCode: 53010, ipAddress: '2001:db8:10:4::23' },
    ipFamily: 'IPv6',
    trustedLocations: [{ id: 'loc-hq', displayName: 'Contoso HQ (Seattle)', isTrusted: true, ipRanges: ['198.51.100.0/24', '192.0.2.128/25'] }],
    ipv6AgainstIpv4OnlyLocations: true,
  },
  title: "Your connection reaches Microsoft over IPv6, but your organisation's trusted network lists only IPv4 addresses.",
  steps: ['You cannot fix this from your side.'],
};

const toggleTitles = (card: Card) => actions(card).filter((a) => a.type === 'Action.ToggleVisibility').map((a) => a.title);

describe('cards for the helpdesk agent', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    await w.chooseChannel(HANK);
  });
  afterEach(() => w.close());

  it('when the card promised a pass (IPv6 against IPv4-only), "Talk to the helpdesk" files a pass request, not a plain ticket', async () => {
    w.diagnose.findings = [IPV6_BLOCK];

    const employeeCard = await w.escalate();

    expect(texts(employeeCard)[0]).toBe('Your request is with the helpdesk');
    expect((await w.onlyRequest()).state).toBe('pending');
    expect(allText(w.cardOf(w.callsTo(CHANNEL, 'POST')[0]))).toContain('Temporary Access Pass request: Alice Employee');
  });

  it('the pass request card states the cause an agent verifies and the admin fix in visible text, in the third person', async () => {
    w.diagnose.findings = [IPV6_BLOCK];
    await w.escalate();
    const post = w.cardOf(w.callsTo(CHANNEL, 'POST')[0]);
    const visible = texts({ body: (post.body as Array<Record<string, unknown>>).filter((b) => b.isVisible !== false) }).join('\n');

    expect(visible).toContain('Blocked: A Conditional Access policy blocks security-info registration from where the employee connects.');
    expect(visible).toContain('Who acts: an IT admin (a tenant setting must change).');
    expect(visible).toMatch(/policy “CA010 Register security info only from HQ”.*used IPv6 \(2001:db8:10:4::23\).*lists only IPv4 ranges/);
    expect(visible).toContain("Fix: add the office's IPv6 ranges to the trusted location “Contoso HQ (Seattle)”");
    expect(visible).not.toMatch(/\byour\b/i);
  });

  it('the ticket card names the employee, their account (UPN), the directory phone numbers and the manager with contact', async () => {
    w.diagnose.findings = [ADMIN_FIX];
    await w.escalate();
    const ticket = w.cardOf(w.callsTo(CHANNEL, 'POST')[0]);
    const t = texts(ticket);

    expect(t[0]).toBe('Helpdesk ticket: Alice Employee');
    expect(t).toContain('Employee: Alice Employee');
    expect(t).toContain('Account: alice@contoso.example');
    expect(t).toContain('Phone (directory): +41 44 000 00 11, +41 79 000 00 11');
    expect(t).toContain('Manager: Mark Manager (mark@contoso.example), +41 44 000 00 00');
    expect(allText(ticket)).not.toContain('your account');
  });

  it('every evidence toggle says what it does: "Show the evidence" and "Hide the evidence", each toggling the other', async () => {
    w.diagnose.findings = [ADMIN_FIX];
    await w.escalate();
    const ticket = w.cardOf(w.callsTo(CHANNEL, 'POST')[0]);

    expect(toggleTitles(ticket)).toEqual(['Show the evidence', 'Hide the evidence']);
    const body = ticket.body as Array<Record<string, unknown>>;
    expect(body.find((b) => b.id === 'hideDetails')?.isVisible).toBe(false);
    for (const a of actions(ticket).filter((x) => x.type === 'Action.ToggleVisibility')) {
      expect((a as unknown as { targetElements: string[] }).targetElements).toEqual(['evidence', 'showDetails', 'hideDetails']);
    }
  });
});

describe('the campaign card posted by "campaign start"', () => {
  let w: ChatWorld;
  beforeEach(async () => (w = await createChatWorld()));
  afterEach(() => w.close());

  it('is updated in place to the final report when the campaign finishes, like the preview card', async () => {
    await w.say(CAMPAIGN_HANK, 'campaign preview');
    w.sender.hold();
    const replies = await w.say(CAMPAIGN_HANK, 'campaign start');
    const startCard = cardFrom(replies[0]);
    const startId = replies[0]?.id ?? '';
    expect(texts(startCard)[0]).toBe('Registration campaign: running');
    w.sender.release();
    const id = String(await w.kit.cards.latest('11111111-2222-3333-4444-555555555555'));
    await w.kit.service.running(id);

    await refreshOpenCards(w.kit);

    const updates = w.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === startId);
    expect(updates.length).toBeGreaterThan(0);
    const last = cardFrom(updates.at(-1)?.body);
    expect(texts(last)[0]).toBe('Registration campaign: report');
    expect(allText(last)).toContain('Nudged: 2');
    expect(await refreshOpenCards(w.kit)).toBe(0);
  });
});
