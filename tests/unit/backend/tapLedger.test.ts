import { createLedger, ISSUANCE_COLLECTION } from '../../../src/backend/tap/ledger';
import { MemoryDocumentStore, renameCollection, asDocumentStore } from '../../../src/backend/tap/memoryStore';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';

const input = { requestId: 'r1', approverId: 'h1', targetUser: 'u1' };

describe('the TAP issuance ledger', () => {
  const setup = () => {
    const clock = new FixedClock('2026-11-26T09:30:00Z');
    const store = new MemoryDocumentStore();
    return { clock, store, ledger: createLedger({ store, clock, logger: silentLogger(), claimSeconds: 120 }) };
  };

  it('when a request id is claimed twice at once, exactly one claim wins', async () => {
    const { ledger } = setup();

    const results = await Promise.allSettled(Array.from({ length: 20 }, () => ledger.claim(input)));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.kind === 'conflict')).toBe(true);
  });

  it('when the request was issued, every later claim is a conflict "already issued" naming the method', async () => {
    const { ledger } = setup();
    const claim = await ledger.claim(input);
    await ledger.settle(claim, { state: 'issued', methodId: 'm1' });

    await expect(ledger.claim(input)).rejects.toMatchObject({ kind: 'conflict', message: expect.stringMatching(/^already issued/), details: { methodId: 'm1' } });
  });

  it('when the earlier attempt was refused, the request id can be claimed again (attempt 2)', async () => {
    const { ledger } = setup();
    await ledger.settle(await ledger.claim(input), { state: 'refused', reason: 'existing_tap' });

    const again = await ledger.claim(input);

    expect(again.entry).toMatchObject({ state: 'issuing', attempt: 2 });
  });

  it('when a claim is abandoned (crash), it is in progress until its lease lapses, then taken over', async () => {
    const { ledger, clock } = setup();
    await ledger.claim(input);

    await expect(ledger.claim(input)).rejects.toMatchObject({ kind: 'conflict', message: expect.stringMatching(/in progress/) });
    clock.advance(121_000);
    expect((await ledger.claim(input)).entry.attempt).toBe(2);
  });

  it('a settle that lost its race does not overwrite the winner', async () => {
    const { ledger, clock, store } = setup();
    const stale = await ledger.claim(input);
    clock.advance(121_000);
    const winner = await ledger.claim(input);
    await ledger.settle(winner, { state: 'issued', methodId: 'm2' });

    await ledger.settle(stale, { state: 'failed' });

    expect((await store.get<{ state: string; methodId: string }>(ISSUANCE_COLLECTION, 'r1'))?.value).toMatchObject({ state: 'issued', methodId: 'm2' });
  });
});

describe('store helpers', () => {
  it('a renamed collection is stored apart from the original', async () => {
    const store = new MemoryDocumentStore();
    const renamed = renameCollection(store, 'tap-rate', 'backend-tap-rate');

    await renamed.put('tap-rate', 'k', { v: 1 });

    expect(await store.get('tap-rate', 'k')).toBeUndefined();
    expect((await store.get('backend-tap-rate', 'k'))?.value).toEqual({ v: 1 });
  });

  it('recognises a DocumentStore by shape only', () => {
    expect(asDocumentStore(new MemoryDocumentStore())).toBeDefined();
    expect(asDocumentStore({ append: async () => undefined, query: async () => [] })).toBeUndefined();
  });
});
