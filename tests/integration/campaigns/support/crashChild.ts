/**
 * Child process of the crash test: runs one campaign runner (real clock, real sleep) against the
 * connector stand-in and the SQLite file given on the command line, until the test kills it.
 * argv: <sqlitePath> <connectorUrl> <campaignId> <tenantSize> <owner> [clockOffsetMs]
 * (a clock ahead of real time lets the test show a lease take-over without waiting for expiry)
 */
import { CampaignRunner } from '../../../../src/campaigns/runner';
import { realSleep } from '../../../../src/campaigns/ports';
import { offsetClock } from '../../../../src/shared/clock';
import { silentLogger } from '../../../../src/shared/logger';
import { openSqliteStore } from '../../../../src/storage/sqlite/sqliteStore';
import { ConnectorNudgeSender } from '../../../../src/simulator/connector/sender';
import { conversationIdFor } from '../../../../src/simulator/connector/state';
import { SyntheticTenant } from '../../../../src/simulator/connector/syntheticTenant';

async function main(): Promise<void> {
  const [path, url, campaignId, size, owner, offset] = process.argv.slice(2);
  if (!path || !url || !campaignId || !size || !owner) throw new Error('usage: crashChild <sqlite> <url> <campaignId> <size> <owner>');
  const store = openSqliteStore(path);
  const sender = new ConnectorNudgeSender({ baseUrl: url, tenantId: 'tenant-1', botId: 'bot-1', teamsAppId: 'app-1', knownConversation: conversationIdFor });
  const runner = new CampaignRunner({
    store,
    source: new SyntheticTenant({ size: Number(size) }),
    sender,
    clock: offsetClock(new Date(Date.now() + Number(offset ?? 0))),
    sleep: realSleep,
    random: Math.random,
    logger: silentLogger(),
    owner,
    leaseMs: 60000,
    heartbeatMs: 200,
  });
  process.stdout.write('running\n');
  const outcome = await runner.run(campaignId);
  process.stdout.write(`${outcome}\n`);
  sender.close();
  store.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
