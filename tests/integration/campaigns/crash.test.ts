/**
 * Crash safety with a real process death: the runner runs in a child process (the real code,
 * transpiled to a temp dir) that the test SIGKILLs from inside the connector stand-in at the
 * instant it receives the n-th nudge — so the child dies with that recipient marked `sending`
 * and the message delivered but not recorded. A SIGKILL (unlike Worker.terminate()) runs no
 * cleanup, leaves the lease live and the SQLite WAL un-checkpointed, as a crashed host would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CampaignRunner } from '../../../src/campaigns/runner';
import { CampaignService } from '../../../src/campaigns/service';
import { CAMPAIGNS } from '../../../src/campaigns/model';
import { realSleep } from '../../../src/campaigns/ports';
import { offsetClock, systemClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { openSqliteStore } from '../../../src/storage';
import { ConnectorNudgeSender } from '../../../src/simulator/connector/sender';
import { ConnectorStandIn } from '../../../src/simulator/connector/server';
import { conversationIdFor } from '../../../src/simulator/connector/state';
import { SyntheticTenant, syntheticUserId } from '../../../src/simulator/connector/syntheticTenant';
import { compileForChild, NODE_MODULES } from './support/compileForChild';

const N = 300;

describe('campaign crash and resume', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-crash-'));
  const children: Array<{ kill: (signal: NodeJS.Signals) => boolean }> = [];
  const cleanups: Array<() => unknown> = [];
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL'); // only matters when the test failed midway
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the runner process is killed twice mid-send, the next runners on the same SQLite file finish with every target nudged exactly once', async () => {
    const script = compileForChild(join(dir, 'build'), ['src/shared', 'src/storage', 'src/campaigns', 'src/simulator/connector'], 'tests/integration/campaigns/support/crashChild.ts');
    let killAt = Infinity;
    let kill: (() => void) | undefined;
    const standIn = new ConnectorStandIn({
      globalRps: 1000,
      preinstalled: true,
      onRequest: (entry, state) => {
        if (entry.op === 'send' && state.activities >= killAt && kill) {
          kill();
          kill = undefined;
        }
      },
    });
    const url = await standIn.listen();
    cleanups.push(() => standIn.close());
    const path = join(dir, 'store.sqlite');
    const store = openSqliteStore(path);
    cleanups.push(() => store.close());
    const tenant = new SyntheticTenant({ size: N });
    const service = new CampaignService({ store, source: tenant, clock: systemClock, logger: silentLogger(), newId: () => 'crash-1', createRunner: () => { throw new Error('not used'); } });
    const campaign = await service.create({
      tenantId: 'tenant-1', name: 'crash', audience: { kind: 'notRegistered' }, createdBy: 'admin',
      settings: { ratePerSecond: 800, headroom: 1, concurrency: 8, quietHours: null, pageSize: 40 },
    });
    await store.put(CAMPAIGNS, campaign.id, { ...campaign, status: 'running' });
    const child = (owner: string, offsetMs: number, killAfter: number) => {
      const p = spawn(process.execPath, [script, path, url, campaign.id, String(N), owner, String(offsetMs)], { env: { ...process.env, NODE_PATH: NODE_MODULES } });
      children.push(p);
      let out = '';
      let err = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      killAt = killAfter;
      kill = () => p.kill('SIGKILL');
      return new Promise<{ code: number | null; signal: string | null; out: string; err: string }>((resolve) =>
        p.on('exit', (code, signal) => resolve({ code, signal, out, err })),
      );
    };

    const first = await child('child-1', 0, 60);
    const afterFirst = standIn.state.activities;
    const refused = await child('child-2', 0, Infinity);
    const second = await child('child-3', 61000, 150);
    const afterSecond = standIn.state.activities;
    const sender = new ConnectorNudgeSender({ baseUrl: url, tenantId: 'tenant-1', botId: 'bot-1', teamsAppId: 'app-1', knownConversation: conversationIdFor });
    cleanups.push(() => sender.close());
    const last = new CampaignRunner({
      store, source: tenant, clock: offsetClock(new Date(Date.now() + 122000)), sleep: realSleep, random: Math.random, logger: silentLogger(), owner: 'parent', sender,
    });
    const outcome = await last.run(campaign.id);

    expect(first.signal).toBe('SIGKILL');
    expect(afterFirst).toBeGreaterThanOrEqual(60);
    expect(afterFirst).toBeLessThan(N);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/being run by another runner/);
    expect(second.signal).toBe('SIGKILL');
    expect(afterSecond).toBeGreaterThanOrEqual(150);
    expect(afterSecond).toBeLessThan(N);
    expect(outcome).toBe('completed');
    // Zero duplicates, zero gaps: every target's conversation holds exactly one nudge.
    for (let i = 0; i < N; i += 1) expect(standIn.state.conversations.get(conversationIdFor(syntheticUserId(i)))?.length).toBe(1);
    expect(standIn.state.activities).toBe(N);
    // The kills left `sending` records that were resolved by asking the connector.
    expect(standIn.state.opCounts.lookup).toBeGreaterThanOrEqual(2);
    const report = await service.report(campaign.id);
    expect(report).toMatchObject({ status: 'completed', targeted: N, sent: N });
    expect(report.byState.sent).toBe(N);
  }, 60000);
});
