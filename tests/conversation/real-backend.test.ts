/**
 * The conversation against the real backend (HTTP, local key) and the Graph simulator (HTTPS):
 * needs NODE_EXTRA_CA_CERTS for the loopback certificate, as `npm test` sets it.
 */
import { createBackendClient } from '../../src/backend/client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_KEY, startStack, type Stack } from '../integration/backend/harness';
import { action, actions, cardFrom, rootTitle, texts } from './cards';
import { createHarness, type Harness } from './harness';

const run = process.env.NODE_EXTRA_CA_CERTS ? describe : describe.skip;

run('conversation against the real backend and the Graph simulator', () => {
  let stack: Stack;
  let h: Harness;
  // tests/fixtures/tenants/findings/DEVICE_QUOTA_REACHED.json: Sam has 5 of 5 devices.
  const SAM = '824edb2e-882a-46ba-9432-b2a1391375f6';
  const STALE_REGISTERED = '82bdccfe-fe2d-40b9-9502-73c13bdba91e';
  const STALE_JOINED = '67a01d7e-193a-48dc-bd90-bd0584b17f82';
  const sam = { from: { id: '29:sam', name: 'Sam', aadObjectId: SAM } };

  beforeAll(async () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'tenants', 'findings', 'DEVICE_QUOTA_REACHED.json'), 'utf8')) as unknown;
    stack = await startStack({ fixture });
  });
  afterAll(async () => {
    await stack.close();
  });
  beforeEach(() => {
    h = createHarness({ deps: { backend: createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 15000 }) } });
  });
  afterEach(() => h.cleanup());

  it('when Sam says he has too many devices, the real diagnosis is shown and removing his stale registered device deletes it in the tenant', async () => {
    const findings = cardFrom((await h.say('too many devices', sam))[0]);
    expect(texts(findings)[0]).toBe('What I found');
    expect(texts(findings)).toContain('Most likely cause');
    expect(rootTitle(findings)).toContain('device');

    const list = cardFrom((await h.press('showDevices', action(findings, 'showDevices').data ?? {}, sam))[0]);
    const removable = actions(list).filter((a) => a.verb === 'removeDevice').map((a) => a.data?.deviceId);
    expect(removable).toContain(STALE_REGISTERED);
    expect(removable).not.toContain(STALE_JOINED);

    const confirm = cardFrom((await h.press('removeDevice', action(list, 'removeDevice', (a) => a.data?.deviceId === STALE_REGISTERED).data ?? {}, sam))[0]);
    const done = cardFrom((await h.press('confirmRemoveDevice', action(confirm, 'confirmRemoveDevice').data ?? {}, sam))[0]);

    expect(texts(done).some((t) => t.startsWith('Done: '))).toBe(true);
    expect((await stack.gateway.getUserDevices(SAM)).devices.map((d) => d.id)).not.toContain(STALE_REGISTERED);
  });

  it('when the user is unknown to the directory, the employee reads "I couldn\'t find your account"', async () => {
    const card = cardFrom((await h.say('my session expired', { from: { id: '29:ghost', name: 'Ghost', aadObjectId: '30000000-0000-0000-0000-0000000000ff' } }))[0]);
    expect(texts(card)[0]).toBe("I couldn't find your account");
  });
});
