/**
 * The demo page on the bot's server (local mode): served to loopback only, JSON POSTs from no or a
 * loopback origin only, personas from the demo tenant, and "signed in with the pass" marking the
 * simulator's pass used. The Playground switch itself runs in tests/e2e/playground/roles.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'node:http';
import { loadConfig } from '../../../src/config';
import { createDemoService } from '../../../src/local/demo/service';
import { silentLogger } from '../../../src/shared/logger';
import { TAP_TYPE, USED_FLAG } from '../../../src/simulator/tenant/tap';
import { startLocalStack, type LocalStack } from '../../../src/startup/localStack';
import { freePort, PROJECT_ROOT } from '../../e2e/support/playground';

function call(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers ?? {} }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('the demo page (local mode)', () => {
  let stack: LocalStack;
  let dir: string;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-demo-'));
    const botPort = await freePort();
    const config = loadConfig({ APP_MODE: 'local', PORT: String(botPort), BACKEND_PORT: '0', SQLITE_PATH: path.join(dir, 'a.sqlite'), PLAYGROUND: 'false', LOG_LEVEL: 'silent' });
    stack = await startLocalStack(config, { logger: silentLogger(), projectRoot: PROJECT_ROOT, botPort });
    const users = stack.simulator.tenant.users.map((u) => ({ id: u.id, displayName: String(u.props.displayName ?? u.upn), userPrincipalName: u.upn }));
    stack.demo.attach(createDemoService({ tenant: stack.simulator.tenant, users, bot: stack.bot }));
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the approvers, the admin and every employee with their story', async () => {
    const res = await call(`${stack.bot.url}/demo`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Helpdesk approvers');
    expect(res.text).toContain('Be Diego Siciliani');
    expect(res.text).toContain('Helpdesk admin');
    expect(res.text).toContain('Be Lynne Robbins');
    expect(res.text).toContain('trusted office location lists only IPv4 ranges');
    expect(res.text).toContain('Johanna Lorenz signed in with the pass');
    const state = JSON.parse((await call(`${stack.bot.url}/demo/api/state`)).text) as { personas: Array<{ upn: string; role: string }> };
    expect(state.personas).toHaveLength(stack.simulator.tenant.users.length);
    expect(state.personas.slice(0, 3).map((p) => p.role)).toEqual(['approver', 'admin', 'employee']);
  });

  it('refuses a request for another host name (DNS rebinding) and POSTs that are not JSON or come from another origin', async () => {
    expect((await call(`${stack.bot.url}/demo`, { headers: { host: 'demo.evil.example' } })).status).toBe(403);
    const body = JSON.stringify({ who: 'diego.siciliani@contoso.example' });
    expect((await call(`${stack.bot.url}/demo/api/persona`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body })).status).toBe(403);
    expect((await call(`${stack.bot.url}/demo/api/persona`, { method: 'POST', headers: { ...json, origin: 'https://evil.example' }, body })).status).toBe(403);
  });

  it('without the Playground, switching persona says why it cannot; an unknown person is named', async () => {
    const off = await call(`${stack.bot.url}/demo/api/persona`, { method: 'POST', headers: json, body: JSON.stringify({ who: 'Diego Siciliani' }) });
    expect(off.status).toBe(409);
    expect(off.text).toContain('PLAYGROUND=false');
    const unknown = await call(`${stack.bot.url}/demo/api/persona`, { method: 'POST', headers: json, body: JSON.stringify({ who: 'nobody@contoso.example' }) });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('nobody@contoso.example');
  });

  it('"signed in with the pass" marks the newest unused pass used in the simulator, and refuses when there is none', async () => {
    const who = { who: 'isaiah.langer@contoso.example' };
    const none = await call(`${stack.bot.url}/demo/api/use-pass`, { method: 'POST', headers: json, body: JSON.stringify(who) });
    expect(none.status).toBe(409);
    expect(none.text).toContain('has no unused Temporary Access Pass');

    const isaiah = stack.simulator.tenant.users.find((u) => u.upn === who.who);
    if (!isaiah) throw new Error('no Isaiah in the demo tenant');
    const now = stack.clock.now().toISOString();
    isaiah.methods.push({ '@odata.type': TAP_TYPE, id: 'tap-demo-1', createdDateTime: now, startDateTime: now, lifetimeInMinutes: 60, isUsableOnce: true });
    const done = await call(`${stack.bot.url}/demo/api/use-pass`, { method: 'POST', headers: json, body: JSON.stringify(who) });
    expect(done.status).toBe(200);
    expect(isaiah.methods.find((m) => m.id === 'tap-demo-1')?.[USED_FLAG]).toBe(true);
  });
});
