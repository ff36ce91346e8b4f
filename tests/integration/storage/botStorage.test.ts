import { join } from 'node:path';
import { Application, TurnState, type DefaultConversationState } from '@microsoft/teams-ai';
import { MemoryStorage, TestAdapter, type Storage } from 'botbuilder';
import { openSqliteStore, type SqliteStore } from '../../../src/storage';
import { tempDir } from './support/tempDir';

const CONFLICT = /eTag conflict/;

interface CounterConversation extends DefaultConversationState {
  count?: number;
}
type CounterState = TurnState<CounterConversation>;

/** The same eTag scenarios run on botbuilder's MemoryStorage (the reference) and on ours. */
const implementations: Array<[string, () => { storage: Storage; close: () => void }]> = [
  ['MemoryStorage (reference)', () => ({ storage: new MemoryStorage(), close: () => undefined })],
  [
    'SqliteBotStorage',
    () => {
      const tmp = tempDir();
      const store = openSqliteStore(join(tmp.dir, 'bot.sqlite'));
      return { storage: store.botStorage(), close: () => (store.close(), tmp.remove()) };
    },
  ],
];

describe.each(implementations)('%s: botbuilder Storage eTag semantics', (_name, make) => {
  let storage: Storage;
  let close: () => void;
  beforeEach(() => ({ storage, close } = make()));
  afterEach(() => close());

  it('when keys were never written, read returns no entry for them', async () => {
    expect(await storage.read(['a', 'b'])).toEqual({});
  });

  it('when an item is written, read returns it with a new eTag', async () => {
    await storage.write({ 'conv/1': { step: 'browserCheck', count: 1 } });
    const items = await storage.read(['conv/1', 'missing']);
    expect(Object.keys(items)).toEqual(['conv/1']);
    expect(items['conv/1']).toEqual({ step: 'browserCheck', count: 1, eTag: expect.any(String) });
  });

  it('when an item is written back with the eTag it was read with, the write succeeds and the eTag changes', async () => {
    await storage.write({ k: { n: 1 } });
    const read1 = (await storage.read(['k']))['k'];
    await storage.write({ k: { ...read1, n: 2 } });
    const read2 = (await storage.read(['k']))['k'];
    expect(read2.n).toBe(2);
    expect(read2.eTag).not.toBe(read1.eTag);
  });

  it('when an item is written with a stale eTag, the write fails with "eTag conflict" and the stored item is unchanged', async () => {
    await storage.write({ k: { n: 1 } });
    const stale = (await storage.read(['k']))['k'];
    await storage.write({ k: { ...stale, n: 2 } });
    await expect(storage.write({ k: { ...stale, n: 3 } })).rejects.toThrow(CONFLICT);
    expect((await storage.read(['k']))['k'].n).toBe(2);
  });

  it('when an item is written with eTag "*" or without an eTag, it overwrites unconditionally', async () => {
    await storage.write({ k: { n: 1 } });
    await storage.write({ k: { n: 2, eTag: '*' } });
    expect((await storage.read(['k']))['k'].n).toBe(2);
    await storage.write({ k: { n: 3 } });
    expect((await storage.read(['k']))['k'].n).toBe(3);
  });

  it('when several writers hold the same eTag, exactly one write wins', async () => {
    await storage.write({ k: { n: 0 } });
    const base = (await storage.read(['k']))['k'];
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => storage.write({ k: { ...base, n } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(CONFLICT);
  });

  it('when an item is deleted, it is no longer read', async () => {
    await storage.write({ k: { n: 1 }, other: { n: 2 } });
    await storage.delete(['k']);
    expect(Object.keys(await storage.read(['k', 'other']))).toEqual(['other']);
  });
});

describe('SqliteBotStorage specifics', () => {
  let tmp: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    tmp = tempDir();
    path = join(tmp.dir, 'bot.sqlite');
  });
  afterEach(() => tmp.remove());

  it('when one key of a batch conflicts, no key of that batch is written', async () => {
    const store = openSqliteStore(path);
    const storage = store.botStorage();
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    const { a, b } = await storage.read(['a', 'b']);
    await storage.write({ b: { ...b, n: 2 } });
    await expect(storage.write({ a: { ...a, n: 9 }, b: { ...b, n: 9 } })).rejects.toThrow(CONFLICT);
    expect((await storage.read(['a']))['a'].n).toBe(1);
    store.close();
  });

  it('when bot state is written, the document store on the same file does not see it, and vice versa', async () => {
    const store = openSqliteStore(path);
    await store.botStorage().write({ k: { n: 1 } });
    await store.put('c', 'k', { doc: true });
    expect(await store.list('c')).toHaveLength(1);
    expect((await store.botStorage().read(['k']))['k'].n).toBe(1);
    store.close();
  });

  it('when another connection wrote an item, a writer holding the older eTag gets a conflict', async () => {
    const s1 = openSqliteStore(path);
    const s2 = openSqliteStore(path);
    await s1.botStorage().write({ k: { n: 1 } });
    const seen = (await s2.botStorage().read(['k']))['k'];
    await s1.botStorage().write({ k: { ...(await s1.botStorage().read(['k']))['k'], n: 2 } });
    await expect(s2.botStorage().write({ k: { ...seen, n: 3 } })).rejects.toThrow(CONFLICT);
    s1.close();
    s2.close();
  });

  it('when the bot restarts, a teams-ai conversation continues with the state it had', async () => {
    const counterApp = (store: SqliteStore) => {
      const app = new Application<CounterState>({ storage: store.botStorage() });
      app.activity('message', async (context, state) => {
        const count = (state.conversation.count ?? 0) + 1;
        state.conversation.count = count;
        await context.sendActivity(`count=${count}`);
      });
      return new TestAdapter(async (ctx) => {
        await app.run(ctx);
      });
    };
    const first = openSqliteStore(path);
    await counterApp(first).send('hi').assertReply('count=1').send('again').assertReply('count=2').startTest();
    first.close();

    const restarted = openSqliteStore(path);
    await counterApp(restarted).send('still there?').assertReply('count=3').startTest();
    restarted.close();
  });
});
