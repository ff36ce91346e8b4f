/**
 * Hostile and malformed activities against /api/messages of the local stack (the `npm start`
 * wiring): a few hundred mutations of valid messages, card actions and installs. None may get a
 * 5xx; every answer that is not 2xx is a 4xx with a JSON error body.
 */
import { BOT, personalActivity, startProtocolStack, type ProtocolStack } from './support/harness';

type Json = Record<string, unknown>;

const HOSTILE: unknown[] = [null, 42, -1, true, [], {}, '', ' ', 'x'.repeat(20_000), '<script>alert(1)</script>', '../../etc/passwd', '\u0000', { __proto__: { admin: true } }, [1, [2, [3]]], 'javascript:alert(1)', 'ftp://x', '%ZZ'];

const PATHS = [
  'type', 'id', 'name', 'text', 'value', 'value.action', 'value.action.verb', 'value.action.data', 'value.action.type', 'value.trigger', 'value.authentication',
  'from', 'from.id', 'from.aadObjectId', 'recipient', 'recipient.id', 'conversation', 'conversation.id', 'conversation.tenantId', 'conversation.conversationType',
  'serviceUrl', 'channelId', 'channelData', 'channelData.tenant', 'membersAdded', 'entities', 'attachments', 'locale', 'replyToId', 'timestamp',
];

function withPath(base: Json, path: string, value: unknown): Json {
  const copy = JSON.parse(JSON.stringify(base)) as Json;
  const keys = path.split('.');
  let node: Json = copy;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null || Array.isArray(node[k])) node[k] = {};
    node = node[k] as Json;
  }
  node[keys[keys.length - 1] ?? ''] = value;
  return copy;
}

describe('hostile activities on /api/messages', () => {
  let h: ProtocolStack;
  beforeAll(async () => {
    h = await startProtocolStack();
  });
  afterAll(async () => h?.close());

  it('a few hundred malformed activities all get a 4xx JSON answer or are handled; none gets 500 or 501', async () => {
    const url = h.connector.url;
    const bases: Json[] = [
      personalActivity(url, { text: 'hello' }),
      personalActivity(url, { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'chooseMethod', data: { flowId: 'f1', method: 'authenticator' } }, trigger: 'manual' } }),
      personalActivity(url, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] }),
    ];
    const cases: Array<{ label: string; body: unknown }> = [];
    // Every path with every hostile value, on the three kinds of activity in turn.
    let n = 0;
    for (const path of PATHS) for (const [v, value] of HOSTILE.entries()) cases.push({ label: `${n % 3}:${path}=${v}`, body: withPath(bases[n++ % 3] ?? {}, path, value) });
    // Unknown invokes, raw garbage, wrong top-level shapes.
    for (const name of ['signin/tokenExchange', 'signin/verifyState', 'composeExtension/query', 'task/fetch', 'fileConsent/invoke', 'actionableMessage/executeAction', '', 'x'.repeat(300)]) {
      cases.push({ label: `invoke ${name.slice(0, 30)}`, body: personalActivity(url, { type: 'invoke', name, value: { x: 1 } }) });
    }
    for (const raw of ['', 'null', '[]', '"text"', '{', '{"type":', '1e309', JSON.stringify({ type: 'message' })]) cases.push({ label: `raw ${raw}`, body: raw === '' ? ' ' : raw });

    const bad: string[] = [];
    const statuses = new Map<number, number>();
    const check = async (c: (typeof cases)[number]) => {
      const res = await h.post(c.body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) bad.push(`${c.label} → ${res.status} ${res.text.slice(0, 120)}`);
      else if (res.status >= 400) {
        const json = (() => {
          try {
            return JSON.parse(res.text) as { error?: { code?: string } };
          } catch {
            return undefined;
          }
        })();
        if (!json?.error?.code) bad.push(`${c.label} → ${res.status} without a JSON error: ${res.text.slice(0, 120)}`);
      }
    };
    // Eight at a time, like a busy channel.
    for (let i = 0; i < cases.length; i += 8) await Promise.all(cases.slice(i, i + 8).map(check));

    expect(cases.length).toBeGreaterThan(300);
    expect(bad).toEqual([]);
    expect(statuses.get(400)).toBeGreaterThan(200);
  }, 300_000);
});
