/**
 * Wording rules of the advice, against the real backend and the Graph simulator with the demo
 * tenant (tests/fixtures/tenants/demo.json, evaluated at the stack's clock, 2026-11-26T09:30Z):
 * who must act leads the card, an admin fix is never "you can fix this yourself", the cause an
 * agent verifies is visible, and a lockout's advice follows its age, in the reader's time zone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackendClient } from '../../src/backend/client';
import { LOCAL_KEY, startStack, type Stack } from '../integration/backend/harness';
import { action, actions, cardFrom, rootTitle, texts, type Card } from './cards';
import { createHarness, type Harness } from './harness';

const run = process.env.NODE_EXTRA_CA_CERTS ? describe : describe.skip;

const ADELE = { from: { id: '29:adele', name: 'Adele Vance', aadObjectId: 'cdb7334a-2042-4389-8788-17cba443ec31' } };
const ISAIAH = { from: { id: '29:isaiah', name: 'Isaiah Langer', aadObjectId: '19ea6840-2b13-481f-b61a-6deaf436fa41' } };
const MIRIAM = { from: { id: '29:miriam', name: 'Miriam Graham', aadObjectId: 'd2e71c38-7976-4bfc-a058-878d3289f01d' } };

/** Text a reader sees without opening anything: every TextBlock outside the collapsed evidence. */
function visibleText(card: Card): string {
  const body = (card.body as Array<Record<string, unknown>>).filter((b) => b.isVisible !== false);
  return texts({ body }).join('\n');
}

run('advice that fits the person and the cause (demo tenant, real diagnosis)', () => {
  let stack: Stack;
  let h: Harness;
  beforeAll(async () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'tenants', 'demo.json'), 'utf8')) as unknown;
    stack = await startStack({ fixture });
  });
  afterAll(async () => {
    await stack.close();
  });
  beforeEach(() => {
    h = createHarness({ deps: { backend: createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 15000 }) } });
  });
  afterEach(() => h.cleanup());

  it("when Adele's office traffic is IPv6 and the trusted location is IPv4-only, the card leads with the IT admin and never says she can fix it herself", async () => {
    const card = cardFrom((await h.say("I'm blocked from setting up MFA", ADELE))[0]);
    const t = texts(card);

    expect(t[0]).toBe('What I found');
    expect(t[1]).toBe('Who needs to act');
    expect(t[2]).toMatch(/^Your IT admin: /);
    expect(t.indexOf('Who needs to act')).toBeLessThan(t.indexOf('Most likely cause'));
    expect(rootTitle(card)).toMatch(/IPv6/);
    expect(t.join('\n').toLowerCase()).not.toContain('you can fix this yourself');
    expect(t).toContain('What you can do meanwhile');
    expect(t).not.toContain('What to do');
    expect(t.some((x) => /^1\. Connect to the company network/.test(x))).toBe(false);
  });

  it("Adele's card states the cause an agent verifies (policy name, IPv6 against IPv4-only, her address) in visible text", async () => {
    const card = cardFrom((await h.say("I'm blocked", ADELE))[0]);
    const visible = visibleText(card);

    expect(visible).toContain('CA010');
    expect(visible).toContain('Contoso HQ (Seattle)');
    expect(visible).toMatch(/used IPv6 \(2001:db8:10:4::23\).*lists only IPv4 ranges/);
  });

  it('when the card promises a pass, its helpdesk button says so', async () => {
    const card = cardFrom((await h.say("I'm blocked", ADELE))[0]);

    expect(action(card, 'talkToHelpdesk').title).toBe('Ask the helpdesk for a pass');
    expect(actions(card).find((a) => a.verb === 'talkToHelpdesk')?.style).toBe('positive');
  });

  it('a lockout from 4 hours ago is not answered with "wait 15 minutes": the card says the lock has most likely ended', async () => {
    const card = cardFrom((await h.say("I'm locked out", MIRIAM))[0]);
    const all = texts(card).join('\n');

    expect(rootTitle(card)).toMatch(/locked/);
    expect(all).toContain('The lock started 4 hours ago, so it has most likely ended');
    expect(all).not.toMatch(/15 minutes/);
  });

  it("the lockout's time is shown in the reader's time zone and locale from Teams, not in UTC", async () => {
    const card = cardFrom((await h.say("I'm locked out", { ...MIRIAM, localTimezone: 'Europe/Zurich', locale: 'de-CH' }))[0]);

    // 05:00 UTC is 06:00 in Zurich in November; Teams in de-CH gets the German catalogue.
    expect(visibleText(card)).toContain('Letzte Sperrung: 26.11.2026, 06:00 (Europe/Zurich).');
  });

  it('the reader remembered from an earlier message is used when a later one carries no time zone (the clientInfo entity counts too)', async () => {
    await h.say('hi', { ...MIRIAM, entities: [{ type: 'clientInfo', timezone: 'America/New_York', locale: 'en-US' }] });
    const card = cardFrom((await h.say("I'm locked out", MIRIAM))[0]);

    expect(visibleText(card)).toContain('Last lockout: Nov 26, 2026, 12:00 AM (America/New_York).');
  });

  it('Isaiah (prompts time out) is asked whether his phone is new; "Yes, a new phone" turns the diagnosis into the stale Authenticator', async () => {
    const question = cardFrom((await h.say("I'm blocked", ISAIAH))[0]);
    expect(texts(question)).toContain('Did you get a new phone or lose the old one? Your answer changes what I tell you.');

    const yes = actions(question).find((a) => a.data?.answer === 'new');
    const findings = cardFrom((await h.press('clarify', yes?.data ?? {}, ISAIAH))[0]);

    expect(rootTitle(findings)).toBe('Microsoft Authenticator is still registered on your old phone, so your new phone cannot take over.');
    expect(texts(findings)).toContain('The helpdesk: they need to do this for you.');
  });
});
