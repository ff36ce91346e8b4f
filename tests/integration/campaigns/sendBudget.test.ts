/**
 * One Teams send budget per tenant, kept in the shared store: two campaigns (here on two
 * instances, each with its own connection to the SQLite file) get interleaved slots that together
 * stay inside the connector's 50 requests per second per app per tenant; with only their own
 * pacers (today) they would send twice that.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Lane } from '../../../src/campaigns/pacer';
import { StoredSendBudget } from '../../../src/campaigns/sendBudget';
import { TokenBucket } from '../../../src/campaigns/tokenBucket';
import { FixedClock } from '../../../src/shared/clock';
import { openSqliteStore, type SqliteStore } from '../../../src/storage';

const LIMIT_PER_SECOND = 50;
const T0 = '2026-11-26T09:00:00Z';

/** The most slots that fall in any 1 s window. */
function busiestSecond(slots: number[]): number {
  const sorted = [...slots].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('the shared Teams send budget', () => {
  let dir: string;
  let stores: SqliteStore[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-budget-'));
    const file = path.join(dir, 'state.sqlite');
    stores = [openSqliteStore(file), openSqliteStore(file)];
  });
  afterEach(() => {
    for (const s of stores) s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when two campaigns on two instances send at once, together they stay within 50 sends in any second; their own pacers alone would not', async () => {
    const clock = new FixedClock(T0);
    const noSleep = async () => undefined;
    const [a, b] = stores.map((s) => new StoredSendBudget(s, clock, noSleep));
    const shared: number[] = [];
    for (let i = 0; i < 200; i++) {
      const budget = i % 2 === 0 ? a : b;
      shared.push(await (budget as StoredSendBudget).reserve('tenant-1'));
    }
    // Today: each campaign's pacer is its own bucket at 40/s with a burst of 10.
    const own = [new TokenBucket(40, 10, clock), new TokenBucket(40, 10, clock)];
    const separate = Array.from({ length: 200 }, (_, i) => (own[i % 2] as TokenBucket).reserve());

    expect(busiestSecond(shared)).toBeLessThanOrEqual(LIMIT_PER_SECOND);
    // The burst goes now; every later send has its own slot, across both instances.
    expect(shared.filter((w) => w === 0)).toHaveLength(10);
    expect(new Set(shared.filter((w) => w > 0)).size).toBe(190);
    expect(busiestSecond(separate)).toBeGreaterThan(LIMIT_PER_SECOND);
  });

  it('when another tenant sends, it has its own budget', async () => {
    const clock = new FixedClock(T0);
    const budget = new StoredSendBudget(stores[0] as SqliteStore, clock, async () => undefined, { ratePerSecond: 10, burst: 1 });
    await budget.reserve('tenant-1');
    await budget.reserve('tenant-1');
    expect(await budget.reserve('tenant-2')).toBe(0);
    expect(await budget.reserve('tenant-1')).toBe(200);
  });

  it('when time passes, the budget refills up to its burst and no further', async () => {
    const clock = new FixedClock(T0);
    const budget = new StoredSendBudget(stores[0] as SqliteStore, clock, async () => undefined, { ratePerSecond: 10, burst: 2 });
    for (let i = 0; i < 5; i++) await budget.reserve('t');
    clock.advance(60_000);
    expect([await budget.reserve('t'), await budget.reserve('t'), await budget.reserve('t')]).toEqual([0, 0, 100]);
  });

  it('when a campaign lane takes a slot, it also waits for the tenant budget', async () => {
    const clock = new FixedClock(T0);
    const waited: number[] = [];
    const sleep = async (ms: number) => {
      waited.push(ms);
      clock.advance(ms);
    };
    const budget = new StoredSendBudget(stores[0] as SqliteStore, clock, sleep, { ratePerSecond: 2, burst: 1 });
    const lane = new Lane('connector', 100, clock, sleep, 10, () => budget.acquire('tenant-1'));
    const started = clock.now().getTime();
    for (let i = 0; i < 3; i++) await lane.acquire();
    // The lane alone allows 10 at once; the tenant budget (2/s, burst 1) spaces them 500 ms apart.
    expect(clock.now().getTime() - started).toBe(1000);
  });
});
