import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRateLimiter } from '../../../src/approvals/rateLimit';
import { FixedClock } from '../../../src/shared/clock';
import { openSqliteStore, type SqliteStore } from '../../../src/storage';

describe('store-backed sliding-window rate limits', () => {
  let dir: string;
  let stores: SqliteStore[];
  const clock = new FixedClock('2025-06-02T09:00:00.000Z');
  const open = () => {
    const s = openSqliteStore(join(dir, 'rate.sqlite'), { clock });
    stores.push(s);
    return createRateLimiter({ store: s, clock, windowMinutes: 60 });
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfa-rate-'));
    stores = [];
    clock.set('2025-06-02T09:00:00.000Z');
  });
  afterEach(() => {
    for (const s of stores) s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const scopes = [
    { key: 'approver:t:bob', limit: 2 },
    { key: 'tenant:t', limit: 3 },
  ];

  it('when the same request is reserved twice, it counts once', async () => {
    const rl = open();
    expect(await rl.reserve(scopes, 'r1')).toEqual({ ok: true });
    expect(await rl.reserve(scopes, 'r1')).toEqual({ ok: true });
    expect(await rl.reserve(scopes, 'r2')).toEqual({ ok: true });
    expect(await rl.reserve(scopes, 'r3')).toMatchObject({ ok: false, scope: 'approver:t:bob', limit: 2, retryAfterSeconds: 3600 });
  });

  it('when the tenant scope is full, nothing is reserved in the approver scope either', async () => {
    const rl = open();
    const other = [{ key: 'approver:t:carol', limit: 10 }, scopes[1] ?? { key: 'tenant:t', limit: 3 }];
    for (const id of ['a', 'b', 'c']) expect(await rl.reserve(other, id)).toEqual({ ok: true });
    expect(await rl.reserve(scopes, 'r1')).toMatchObject({ ok: false, scope: 'tenant:t' });
    expect(await rl.check([{ key: 'approver:t:bob', limit: 1 }])).toEqual({ ok: true });
  });

  it('when 30 reservations race from three connections against a limit of 10, exactly 10 succeed', async () => {
    const limiters = [open(), open(), open()];
    const limit = [{ key: 'tenant:race', limit: 10 }];
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => limiters[i % 3]?.reserve(limit, `r${i}`)));
    expect(results.filter((r) => r?.ok)).toHaveLength(10);
  });

  it('when an hour has passed since an event, it no longer counts', async () => {
    const rl = open();
    await rl.reserve(scopes, 'r1');
    clock.advance(30 * 60_000);
    await rl.reserve(scopes, 'r2');
    expect(await rl.check(scopes)).toMatchObject({ ok: false, retryAfterSeconds: 1800 });
    clock.advance(30 * 60_000 + 1);
    expect(await rl.check(scopes)).toEqual({ ok: true });
  });

  it('when a reservation is released, its slot is free again', async () => {
    const rl = open();
    await rl.reserve(scopes, 'r1');
    await rl.reserve(scopes, 'r2');
    await rl.release(scopes, 'r1');
    expect(await rl.reserve(scopes, 'r3')).toEqual({ ok: true });
  });
});
