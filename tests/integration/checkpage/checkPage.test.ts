import { ClientFactsSchema } from '../../../src/diagnosis/facts';
import { createCheckPage } from '../../../src/checkpage/createCheckPage';
import { CHECK_TOKENS, purgeExpiredCheckTokens } from '../../../src/checkpage/nonces';
import { createToken } from '../../../src/checkpage/token';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { BINDING, SECRET, pathOf, postResults, startHarness, validResults, type Harness } from './support/harness';

const NO_STACK = /\bat [\w.<>]+ \(|Error:|node_modules/;

describe('self-check page over real HTTP', () => {
  let h: Harness;
  let base: string;
  beforeEach(async () => {
    h = await startHarness();
    base = await h.listen('127.0.0.1');
  });
  afterEach(async () => h.close());

  it('when a link is issued, it is <publicBaseUrl>/check/<payload>.<signature> and its nonce is recorded once in check-tokens', async () => {
    const link = await h.page.issueLink(BINDING);
    expect(link).toMatch(/^https:\/\/bot\.example\.test\/check\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const payload = JSON.parse(Buffer.from(pathOf(link).split('/')[2]?.split('.')[0] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toEqual({ v: 1, tid: 'tenant-1', oid: 'user-oid-1', cid: 'a:1on1-conversation', nonce: expect.any(String), exp: Date.parse('2026-03-01T12:15:00Z') / 1000 });
    const records = await h.store.list(CHECK_TOKENS);
    expect(records.map((r) => r.key)).toEqual([payload['nonce']]);
    expect(records[0]?.value).toMatchObject({ state: 'issued' });
  });

  it('when the page is opened, it is served with a per-response CSP nonce and no-store, no-referrer, nosniff headers', async () => {
    const path = pathOf(await h.page.issueLink(BINDING));
    const r1 = await fetch(`${base}${path}`);
    const html = await r1.text();
    expect(r1.status).toBe(200);
    expect(r1.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r1.headers.get('cache-control')).toBe('no-store');
    expect(r1.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r1.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = r1.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:9/);
    // Every script and style element carries this response's nonce; nothing is loaded from elsewhere.
    const tags = html.match(/<(script|style)\b[^>]*>/g) ?? [];
    expect(tags.length).toBe(3);
    for (const t of tags) expect(t).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/<(script|link|img)\b[^>]*\b(src|href)=/);
    expect(html).toContain(`"serverTime":${Date.parse('2026-03-01T12:00:00Z')}`);
    const r2 = await fetch(`${base}${path}`);
    expect(r2.headers.get('content-security-policy')).not.toBe(csp);
  });

  it('when results are posted, onResults is called once with the binding and validated facts built by the server', async () => {
    const path = pathOf(await h.page.issueLink(BINDING));
    const res = await postResults(base, path, validResults());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, title: expect.stringContaining('go back to Teams') });
    expect(h.calls).toHaveLength(1);
    const call = h.calls[0];
    expect(call?.binding).toEqual(BINDING);
    expect(() => ClientFactsSchema.parse(call?.facts)).not.toThrow();
    expect(call?.facts).toEqual({
      checkedAt: '2026-03-01T12:00:00.000Z',
      userAgent: expect.stringContaining('Edg/131'),
      webauthn: { available: true, platformAuthenticator: true },
      cookiesEnabled: true,
      clockSkewSeconds: 42,
      ipFamily: 'ipv4',
      reachable: ['login.microsoftonline.com'],
      unreachable: ['aadcdn.msftauth.net'],
    });
  });

  it('when storage is blocked in the browser, cookiesEnabled is false; an unknown probe result counts as neither reachable nor unreachable', async () => {
    const path = pathOf(await h.page.issueLink(BINDING));
    const body = validResults({ sessionStorage: false, probes: [{ host: 'aadcdn.msftauth.net', result: 'unknown', via: 'image' }] });
    expect((await postResults(base, path, body)).status).toBe(200);
    expect(h.calls[0]?.facts).toMatchObject({ cookiesEnabled: false, reachable: [], unreachable: [] });
  });

  it('when a link is used again (replay), the page and the results endpoint refuse it and onResults is not called again', async () => {
    const path = pathOf(await h.page.issueLink(BINDING));
    expect((await postResults(base, path, validResults())).status).toBe(200);
    const again = await postResults(base, path, validResults());
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ error: 'used' });
    const page = await fetch(`${base}${path}`);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('This link was already used');
    expect(html).not.toMatch(NO_STACK);
    expect(h.calls).toHaveLength(1);
  });

  it('when two result posts for one link race, exactly one is accepted', async () => {
    const path = pathOf(await h.page.issueLink(BINDING));
    const statuses = (await Promise.all([1, 2, 3].map(() => postResults(base, path, validResults())))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 410, 410]);
    expect(h.calls).toHaveLength(1);
  });

  it('when the link has expired, GET shows a friendly page and POST a JSON 410', async () => {
    const path = pathOf(await h.page.issueLink(BINDING));
    (h.clock as FixedClock).advance(900 * 1000);
    const page = await fetch(`${base}${path}`);
    expect(page.status).toBe(410);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('This link has expired');
    expect(html).not.toMatch(NO_STACK);
    const post = await postResults(base, path, validResults());
    expect(post.status).toBe(410);
    expect(await post.json()).toMatchObject({ error: 'expired' });
    expect(h.calls).toHaveLength(0);
  });

  it('when one second is left before expiry, the link still works', async () => {
    const path = pathOf(await h.page.issueLink(BINDING));
    (h.clock as FixedClock).advance(899 * 1000);
    expect((await fetch(`${base}${path}`)).status).toBe(200);
  });

  it('when the signature or the payload is tampered with, the link is refused', async () => {
    const path = pathOf(await h.page.issueLink(BINDING));
    const [payload, sig] = (path.split('/')[2] ?? '').split('.');
    const flipped = `${sig?.slice(0, -2)}${sig?.endsWith('AA') ? 'BB' : 'AA'}`;
    const forged = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    forged['oid'] = 'someone-else';
    const otherPayload = Buffer.from(JSON.stringify(forged)).toString('base64url');
    for (const bad of [`/check/${payload}.${flipped}`, `/check/${otherPayload}.${sig}`, '/check/garbage', `/check/${'x'.repeat(3000)}`]) {
      const page = await fetch(`${base}${bad}`);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('This link is not valid');
      const post = await postResults(base, bad, validResults());
      expect(post.status).toBe(403);
      expect(await post.json()).toMatchObject({ error: 'invalid_link' });
    }
    expect(h.calls).toHaveLength(0);
  });

  it('when a correctly signed link was never issued by this store, it is refused as unknown', async () => {
    const token = createToken(SECRET, BINDING, 'never-issued-nonce-0123', Math.floor(h.clock.now().getTime() / 1000) + 60);
    expect((await fetch(`${base}/check/${token}`)).status).toBe(404);
    expect((await postResults(base, `/check/${token}`, validResults())).status).toBe(404);
  });

  it('when the results contain an unknown field, a wrong type or a host that was not probed, they are refused and the link stays usable', async () => {
    const path = pathOf(await h.page.issueLink(BINDING));
    const bad = [
      validResults({ isAdmin: true }),
      validResults({ webauthn: { available: 'yes' } }),
      validResults({ webauthn: { available: true, extra: 1 } }),
      validResults({ probes: [{ host: 'evil.example', result: 'reachable' }] }),
      validResults({ userAgent: 'x'.repeat(2001) }),
    ];
    for (const body of bad) {
      const res = await postResults(base, path, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'bad_request', detail: expect.any(String) });
    }
    expect((await postResults(base, path, '{not json')).status).toBe(400);
    expect((await postResults(base, path, validResults(), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await postResults(base, path, validResults({ userAgent: 'x'.repeat(20000) }))).status).toBe(413);
    expect(h.calls).toHaveLength(0);
    expect((await postResults(base, path, validResults())).status).toBe(200);
  });

  it('when onResults fails, the page gets a JSON 500 with a reference and no stack', async () => {
    await h.close();
    h = await startHarness({ onResults: async () => Promise.reject(new Error('conversation store down')) });
    base = await h.listen('127.0.0.1');
    const path = pathOf(await h.page.issueLink(BINDING));
    const res = await postResults(base, path, validResults());
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'internal', reference: expect.stringMatching(/^[A-Z0-9]{8}$/) });
    expect(text).not.toContain('conversation store down');
    expect(h.logs.join('')).toContain('conversation store down');
  });

  it('when expired link records are purged, only links that are still valid keep their record', async () => {
    await h.page.issueLink(BINDING);
    (h.clock as FixedClock).advance(600 * 1000);
    const fresh = pathOf(await h.page.issueLink(BINDING));
    (h.clock as FixedClock).advance(300 * 1000);
    expect(await purgeExpiredCheckTokens(h.store, h.clock.now(), 1)).toBe(1);
    expect(await h.store.list(CHECK_TOKENS)).toHaveLength(1);
    expect((await fetch(`${base}${fresh}`)).status).toBe(200);
  });

  it('when the logs are read, they never contain a token or a nonce', async () => {
    const link = await h.page.issueLink(BINDING);
    const path = pathOf(link);
    await fetch(`${base}${path}`);
    await postResults(base, path, validResults());
    await postResults(base, path, validResults());
    const token = path.split('/')[2] ?? '';
    const nonce = (await h.store.list(CHECK_TOKENS))[0]?.key ?? '';
    const logs = h.logs.join('\n');
    expect(logs).toContain('checkpage.results');
    expect(logs).not.toContain(token.split('.')[1]);
    expect(logs).not.toContain(nonce);
  });
});

describe('self-check page limits and network details', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it('when one link is hit more often than the rate limit, it gets 429 with Retry-After until the window passes', async () => {
    h = await startHarness({ rateLimit: { limit: 3, windowMs: 60000 } });
    const base = await h.listen('127.0.0.1');
    const path = pathOf(await h.page.issueLink(BINDING));
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}${path}`)).status).toBe(200);
    const limited = await fetch(`${base}${path}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    const post = await postResults(base, path, validResults());
    expect(post.status).toBe(429);
    // Another link is not affected.
    expect((await fetch(`${base}${pathOf(await h.page.issueLink(BINDING))}`)).status).toBe(200);
    (h.clock as FixedClock).advance(60000);
    expect((await postResults(base, path, validResults())).status).toBe(200);
  });

  it('when the browser connects over IPv6, ipFamily is ipv6; over an IPv4-mapped IPv6 address it is ipv4', async () => {
    h = await startHarness();
    const v6 = await h.listen('::1');
    const mapped = await h.listen('::ffff:127.0.0.1');
    const p1 = pathOf(await h.page.issueLink(BINDING));
    const p2 = pathOf(await h.page.issueLink(BINDING));
    expect((await postResults(v6, p1, validResults())).status).toBe(200);
    // The server socket is IPv6 (::ffff:127.0.0.1); the client connects to 127.0.0.1.
    const port = new URL(mapped.replace('[::ffff:127.0.0.1]', '127.0.0.1')).port;
    expect((await postResults(`http://127.0.0.1:${port}`, p2, validResults())).status).toBe(200);
    expect(h.calls.map((c) => c.facts.ipFamily)).toEqual(['ipv6', 'ipv4']);
  });

  it('behind a configured front end, the address in X-Forwarded-For counts; from anyone else the header is ignored', async () => {
    const harness = await startHarness({ trustedProxies: ['127.0.0.0/8'] });
    h = harness;
    const viaFrontEnd = await harness.listen('127.0.0.1');
    const direct = await harness.listen('::1');
    const link = async () => pathOf(await harness.page.issueLink(BINDING));
    // App Service appends the browser's address with its port; the IPv6 employee is seen as IPv6.
    expect((await postResults(viaFrontEnd, await link(), validResults(), { 'x-forwarded-for': '[2001:db8::5]:50123' })).status).toBe(200);
    // Someone connecting directly (not from the front end) cannot claim an address.
    expect((await postResults(direct, await link(), validResults(), { 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
    // A client-supplied header before the front end's hop is not believed past the front end.
    expect((await postResults(viaFrontEnd, await link(), validResults(), { 'x-forwarded-for': '2001:db8::66, 198.51.100.7:443' })).status).toBe(200);
    expect(harness.calls.map((c) => c.facts.ipFamily)).toEqual(['ipv6', 'ipv6', 'ipv4']);
  });

  it('without configured front ends, X-Forwarded-For is ignored', async () => {
    h = await startHarness();
    const base = await h.listen('127.0.0.1');
    expect((await postResults(base, pathOf(await h.page.issueLink(BINDING)), validResults(), { 'x-forwarded-for': '2001:db8::5' })).status).toBe(200);
    expect(h.calls.map((c) => c.facts.ipFamily)).toEqual(['ipv4']);
  });

  it('when the server has a global restify bodyParser, results are still read, validated and size-limited', async () => {
    h = await startHarness({ globalBodyParser: true });
    const base = await h.listen('127.0.0.1');
    const path = pathOf(await h.page.issueLink(BINDING));
    expect((await postResults(base, path, validResults({ extra: 1 }))).status).toBe(400);
    expect((await postResults(base, path, validResults({ userAgent: 'x'.repeat(20000) }))).status).toBe(413);
    expect((await postResults(base, path, validResults())).status).toBe(200);
    expect(h.calls).toHaveLength(1);
  });

  it('when the secret is short or a probe is not an http(s) URL, creating the page fails fast', () => {
    const deps = {
      store: {} as never, clock: new FixedClock('2026-01-01T00:00:00Z'), logger: silentLogger(), ttlSeconds: 60,
      publicBaseUrl: 'https://x.test', onResults: async () => undefined,
    };
    expect(() => createCheckPage({ ...deps, secret: 'short', probes: [] })).toThrow(/secret/);
    expect(() => createCheckPage({ ...deps, secret: SECRET, probes: [{ host: 'h', url: 'javascript:alert(1)' }] })).toThrow(/probe/);
  });
});
