/**
 * A passkey campaign's audience and results through the bot's real backend client, the backend
 * and the simulator over HTTP: the preview leaves out who Microsoft's campaign already nudges,
 * and per-cohort results come from one paged walk of the registration snapshot.
 */
import * as fs from 'node:fs';
import { createBackendClient } from '../../../src/backend/client';
import { createPasskeyCampaignTools } from '../../../src/bot/campaigns/passkeyAdmin';
import { BackendTargetSource, campaignBackend } from '../../../src/bot/campaigns/targetSource';
import { CampaignService } from '../../../src/campaigns/service';
import { RecipientRepo } from '../../../src/campaigns/recipients';
import type { Recipient } from '../../../src/campaigns/model';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { tempSqlite } from '../../conversation/harness';
import { LOCAL_KEY, NOW, startStack, type Stack } from '../backend/harness';
import { cohortFixture, id, perUserCalls } from './support/cohortTenant';

describe('passkey campaign through the backend client (simulator over HTTP)', () => {
  let stack: Stack;
  let sqlite: ReturnType<typeof tempSqlite>;
  beforeAll(async () => {
    stack = await startStack({ fixture: cohortFixture() });
  });
  afterAll(async () => stack.close());
  beforeEach(() => {
    sqlite = tempSqlite();
  });
  afterEach(() => {
    sqlite.store.close();
    fs.rmSync(sqlite.dir, { recursive: true, force: true });
  });

  const client = () => createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 10_000 });

  it('the preview of phone-only employees counts targets and leaves out guests and those Microsoft already nudges', async () => {
    const service = new CampaignService({
      store: sqlite.store,
      source: new BackendTargetSource(campaignBackend(client())),
      clock: new FixedClock(NOW),
      logger: silentLogger(),
      newId: () => 'c1',
      createRunner: () => {
        throw new Error('not started in this test');
      },
    });
    const counts = await service.preview({ tenantId: 't', audience: { kind: 'passkey', cohorts: ['phoneOnly'], readiness: 'any' } }, 2);
    // Olivia and Xavier; Mia is nudged by Microsoft's fido2 campaign; Gus is a guest.
    expect(counts).toEqual({ targets: 2, skipped: { guest: 1, disabled: 0, excluded: 0, registered: 0, microsoftCampaign: 1 } });

    const ready = await service.preview({ tenantId: 't', audience: { kind: 'passkey', cohorts: ['phoneOnly'], readiness: 'ready' } }, 2);
    expect(ready.targets).toBe(1);
  });

  it('results per cohort: moved off phone-only within N days of the first nudge, against the not nudged, in one walk of the snapshot', async () => {
    const repo = new RecipientRepo(sqlite.store);
    const record = (userId: string, over: Partial<Recipient>): Recipient => ({
      campaignId: 'c1',
      userId,
      state: 'sent',
      round: 1,
      installed: false,
      attempts: 1,
      snoozes: 0,
      cohort: 'phoneOnly',
      updatedAt: NOW,
      ...over,
    });
    const threeDaysBefore = new Date(Date.parse(NOW) - 3 * 86_400_000).toISOString();
    // Rita was phone-only when targeted and has Authenticator now; Olivia is still phone-only;
    // Dan was not nudged and moved to "phone is the default"; one targeted account is gone.
    await repo.create(record(id(4), { firstSentAt: threeDaysBefore }));
    await repo.create(record(id(1), { firstSentAt: threeDaysBefore }));
    await repo.create(record(id(3), { state: 'failed' }));
    await repo.create(record('31000000-0000-0000-0000-000000000099', { firstSentAt: threeDaysBefore }));
    const tools = createPasskeyCampaignTools(sqlite.store, client());
    const before = perUserCalls(stack);

    const week = await tools?.results('c1', 7);
    expect(week?.cohorts.find((c) => c.cohort === 'phoneOnly')).toEqual({
      cohort: 'phoneOnly',
      nudged: 2,
      movedWithinDays: 1,
      movedLater: 0,
      movedTimingUnknown: 0,
      notNudged: 1,
      notNudgedMoved: 1,
      notInSnapshot: 1,
    });
    expect(week?.snapshotPages).toBe(1);
    expect(week?.snapshotRows).toBe(7);
    expect(perUserCalls(stack)).toBe(before);

    const twoDays = await tools?.results('c1', 2);
    expect(twoDays?.cohorts.find((c) => c.cohort === 'phoneOnly')).toMatchObject({ movedWithinDays: 0, movedLater: 1 });
  });
});
