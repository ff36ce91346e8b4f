/**
 * Every rescue ends with a recorded outcome in the audit trail, and `npm run insights` turns the
 * trail the conversation wrote into the numbers (same computation as the dashboard).
 */
import { main as insights } from '../../src/cli/insights';
import type { Insights } from '../../src/insights/compute';
import { cardFrom, pressOn, type Card } from './cards';
import { CA_BLOCK } from './fixtures';
import { USER, createHarness, tempSqlite, type Harness } from './harness';

async function toFindings(h: Harness): Promise<Card> {
  const welcome = cardFrom((await h.install())[0]);
  const link = cardFrom((await pressOn(h, welcome, 'chooseMethod', (a) => a.title === 'Authenticator app'))[0]);
  return cardFrom((await pressOn(h, link, 'skipCheck'))[0]);
}

describe('rescue outcomes', () => {
  let h: Harness;
  let sqlite: ReturnType<typeof tempSqlite>;
  beforeEach(() => {
    sqlite = tempSqlite();
    h = createHarness({ store: sqlite.store, deps: { audit: sqlite.store } });
    h.backend.findings = [CA_BLOCK];
  });
  afterEach(() => sqlite.store.close());

  const trail = async () => (await sqlite.store.query({ limit: 100 })).filter((r) => r.action.startsWith('flow.'));

  it('when the employee says it worked, the flow is recorded as diagnosed then fixed, with its root cause', async () => {
    const card = await toFindings(h);
    await pressOn(h, card, 'itWorked');

    const records = await trail();
    expect(records.map((r) => [r.action, r.subject, r.details?.outcome])).toEqual([
      ['flow.diagnosed', USER, undefined],
      ['flow.outcome', USER, 'fixed'],
    ]);
    expect(records[1]?.details).toMatchObject({ codes: [CA_BLOCK.code], startedAt: expect.any(String), flowId: records[0]?.details?.flowId });
  });

  it('when the employee asks the helpdesk, the outcome is escalated, once, however often they press', async () => {
    const card = await toFindings(h);
    await pressOn(h, card, 'talkToHelpdesk');
    await h.press('talkToHelpdesk', { flowId: String((await trail())[0]?.details?.flowId) });

    expect((await trail()).map((r) => r.details?.outcome ?? r.action)).toEqual(['flow.diagnosed', 'escalated']);
  });

  it('npm run insights reads the trail the conversation wrote', async () => {
    await pressOn(h, await toFindings(h), 'itWorked');
    const out: string[] = [];
    const code = await insights(['--store', sqlite.file, '--json'], { stdout: (t) => out.push(t), stderr: () => undefined, env: {} });
    expect(code).toBe(0);
    const result = JSON.parse(out.join('')) as Insights;
    expect(result.rescues).toBe(1);
    expect(result.outcomes.fixed).toBe(1);
    expect(result.deflectionRate).toBe(1);
    expect(result.findings).toEqual([{ code: CA_BLOCK.code, count: 1 }]);

    const text: string[] = [];
    expect(await insights(['--store', sqlite.file], { stdout: (t) => text.push(t), stderr: () => undefined, env: {} })).toBe(0);
    expect(text.join('')).toContain('Deflection (fixed without the helpdesk): 100 %');
    expect(await insights(['--since', 'yesterday', '--store', sqlite.file], { stdout: () => undefined, stderr: () => undefined, env: {} })).toBe(2);
  });
});
