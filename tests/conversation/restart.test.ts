import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqliteStore } from '../../src/storage';
import { action, cardFrom, pressOn, texts } from './cards';
import { CA_BLOCK, MFA_NOT_DONE, QUOTA } from './fixtures';
import { createHarness, FakeBackend } from './harness';

describe('a restart in the middle of the flow', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-restart-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when the bot restarts on the same SQLite file, a new app instance continues where the employee was', async () => {
    const file = path.join(dir, 'bot.sqlite');
    const backend = new FakeBackend();
    backend.findings = [CA_BLOCK, MFA_NOT_DONE];
    const first = openSqliteStore(file);
    const before = createHarness({ store: first, storage: first.botStorage(), backend });
    const findings = cardFrom((await before.say('my session expired'))[0]);
    first.close();

    const second = openSqliteStore(file);
    const after = createHarness({ store: second, storage: second.botStorage(), backend });
    try {
      const next = cardFrom((await pressOn(after, findings, 'stillStuck'))[0]);

      expect(texts(next)[0]).toBe('Next thing to try');
      expect(texts(next)).toContain(MFA_NOT_DONE.title);
      expect(backend.diagnoseCalls).toHaveLength(1);
    } finally {
      second.close();
    }
  });

  it('when the bot restarts between "Remove…" and the confirmation, the confirmation still deletes exactly that device', async () => {
    const file = path.join(dir, 'bot.sqlite');
    const backend = new FakeBackend();
    backend.findings = [QUOTA];
    const first = openSqliteStore(file);
    const before = createHarness({ store: first, storage: first.botStorage(), backend });
    const findings = cardFrom((await before.say('too many devices'))[0]);
    const list = cardFrom((await pressOn(before, findings, 'showDevices'))[0]);
    const confirm = cardFrom((await pressOn(before, list, 'removeDevice', (a) => a.data?.deviceId === 'dev-pixel'))[0]);
    first.close();

    const second = openSqliteStore(file);
    const after = createHarness({ store: second, storage: second.botStorage(), backend });
    try {
      await after.press('confirmRemoveDevice', action(confirm, 'confirmRemoveDevice').data ?? {});
      expect(backend.deleteCalls.map((c) => c.deviceObjectId)).toEqual(['dev-pixel']);
    } finally {
      second.close();
    }
  });
});
