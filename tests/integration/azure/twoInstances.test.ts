/**
 * Two bot processes share one Azure Storage account (Azurite). Real child processes, not worker
 * threads: separate heaps, separate HTTP connection pools and separate module state, so nothing
 * but the storage service can coordinate them (the production situation with two App Service
 * instances). They run the project's TypeScript through an on-the-fly transpile hook, so no build
 * is needed. The TAP issuer is this test's loopback HTTP server, which counts issuance for both.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openAzureStore, type AzureStore } from '../../../src/storage/azure';
import { startAzurite, type Azurite } from './support/azurite';
import { describeWithAzurite } from './support/available';
import { BotProcess, type Reply } from './support/botProcess';

const T0 = '2025-06-02T09:00:00.000Z';
const NEW_REQUEST = {
  tenantId: 'tenant-1',
  requester: { aadObjectId: 'user-alice', displayName: 'Alice Example', upn: 'alice@contoso.example' },
  reason: 'new phone, cannot register the Authenticator',
  findings: [],
  riskSignals: [],
};

/** The privileged backend's issue call, counted. The first call is held until `release()`. */
class IssuerServer {
  readonly calls: Array<{ requestId: string; instance: string }> = [];
  private held: Array<() => void> = [];
  private holding = false;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const input = JSON.parse(Buffer.concat(chunks).toString()) as { requestId: string; lifetimeMinutes: number; isUsableOnce: boolean };
        this.calls.push({ requestId: input.requestId, instance: String(req.headers['x-instance']) });
        const answer = () => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ pass: `P+${randomBytes(9).toString('base64url')}!`, methodId: `tap-${input.requestId.slice(0, 8)}`, startDateTime: T0, lifetimeInMinutes: input.lifetimeMinutes, isUsableOnce: input.isUsableOnce }));
        };
        if (this.holding) this.held.push(answer);
        else answer();
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  hold(): void {
    this.holding = true;
  }
  release(): void {
    this.holding = false;
    for (const a of this.held.splice(0)) a();
  }
  async stop(): Promise<void> {
    this.release();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

describeWithAzurite('two bot processes sharing Azure Storage (Azurite)', () => {
  let azurite: Azurite;
  let issuer: IssuerServer;
  let a: BotProcess;
  let b: BotProcess;
  let observer: AzureStore;

  beforeAll(async () => {
    azurite = await startAzurite();
    issuer = new IssuerServer();
    await issuer.start();
    const id = randomBytes(4).toString('hex');
    const names = { documentsContainer: `docs-${id}`, botStateContainer: `bot-${id}`, auditContainer: `audit-${id}` };
    const common = { connectionString: azurite.connectionString, names, issuerUrl: issuer.url, vaultKey: randomBytes(32).toString('base64') };
    a = BotProcess.start({ ...common, instanceId: 'bot-a' });
    b = BotProcess.start({ ...common, instanceId: 'bot-b' });
    await Promise.all([a.ready, b.ready]);
    observer = await openAzureStore(azurite.connectionString, names);
  }, 60000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await issuer?.stop();
    await azurite?.stop();
  });

  it('the two instances are separate operating-system processes', () => {
    expect(a.pid).toBeGreaterThan(0);
    expect(b.pid).toBeGreaterThan(0);
    expect(a.pid).not.toBe(b.pid);
    expect([a.pid, b.pid]).not.toContain(process.pid);
  });

  it('when 50 approvals of one request race across both processes, the pass is issued exactly once and 49 are told it is already decided', async () => {
    const filed = await a.call('request', { input: NEW_REQUEST });
    expect(filed.ok).toBe(true);
    const requestId = String(filed.requestId);
    // The winner parks inside the issuer call; it is released only after the 49 others answered.
    issuer.hold();
    const answered: Reply[] = [];
    const collect = (e: Reply) => {
      if (e.event !== 'approved') return;
      answered.push(e);
      if (answered.length === 49) issuer.release();
    };
    a.onEvent(collect);
    b.onEvent(collect);
    await Promise.all([a.call('arm', { requestId, count: 25 }), b.call('arm', { requestId, count: 25 })]);

    const [ra, rb] = await Promise.all([a.call('fire'), b.call('fire')]);

    const results = [...(ra.results as Reply[]), ...(rb.results as Reply[])];
    expect(results).toHaveLength(50);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(results.filter((r) => !r.ok).map((r) => r.reason))).toEqual(new Set(['already_decided']));
    expect(issuer.calls).toEqual([{ requestId, instance: expect.stringMatching(/^bot-[ab]$/) }]);
    expect(await observer.query({ action: 'tap.issued' })).toHaveLength(1);
    expect(await observer.query({ action: 'tap.approved' })).toHaveLength(1);
    expect((await b.call('get', { requestId })).state).toBe('issued');
    expect((await a.call('get', { requestId })).state).toBe('issued');
  }, 60000);

  it('when both processes claim the same campaign at once, exactly one holds the lease, ten times over', async () => {
    await Promise.all([a.call('setClock', { at: T0 }), b.call('setClock', { at: T0 })]);
    for (let round = 0; round < 10; round++) {
      const campaignId = `race-${round}`;
      const [x, y] = await Promise.all([a.call('acquire', { campaignId, leaseMs: 30000 }), b.call('acquire', { campaignId, leaseMs: 30000 })]);
      expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
      expect([x, y].find((r) => !r.ok)?.kind).toBe('conflict');
    }
  }, 60000);

  it('when the holder stops renewing, the other takes over only after expiry and the old holder then loses the lease', async () => {
    await Promise.all([a.call('setClock', { at: T0 }), b.call('setClock', { at: T0 })]);
    expect((await a.call('acquire', { campaignId: 'handover', leaseMs: 30000 })).ok).toBe(true);
    expect((await b.call('acquire', { campaignId: 'handover', leaseMs: 30000 })).ok).toBe(false);
    expect((await a.call('renew')).ok).toBe(true);

    const later = new Date(Date.parse(T0) + 31000).toISOString();
    await Promise.all([a.call('setClock', { at: later }), b.call('setClock', { at: later })]);
    expect((await b.call('acquire', { campaignId: 'handover', leaseMs: 30000 })).ok).toBe(true);
    expect(await a.call('renew')).toMatchObject({ ok: false, errorName: 'LeaseLost' });
    expect((await a.call('acquire', { campaignId: 'handover', leaseMs: 30000 })).ok).toBe(false);

    // Releasing ends the lease at once: no waiting for expiry.
    await b.call('release');
    expect((await a.call('acquire', { campaignId: 'handover', leaseMs: 30000 })).ok).toBe(true);
  }, 60000);
});
