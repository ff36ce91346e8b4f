/**
 * Child process of the bot benchmark: runs one bot (`ours` = the local stack as `npm start` wires
 * it, SQLite storage; `echo` = the bare botbuilder echo bot) so its CPU and memory are its own.
 * Talks to the parent over IPC: { ready, url } once listening; { cmd: 'memory' } → { heapUsed, rss }
 * after a full GC (started with --expose-gc); { cmd: 'cpu' } → { cpuMicros } (user + system CPU time
 * of this process so far); { cmd: 'stop' } → closes and exits.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/shared/logger';
import { startLocalStack } from '../../src/startup/localStack';
import { startEchoBot } from './echoBot';
import { freePort, projectRoot } from './ports';

const Command = z.object({ cmd: z.enum(['memory', 'cpu', 'stop']) });

function send(message: unknown): void {
  process.send?.(message);
}

async function startOurs(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-bench-bot-'));
  const botPort = await freePort();
  const config = loadConfig({
    APP_MODE: 'local',
    PORT: String(botPort),
    BACKEND_PORT: '0',
    SQLITE_PATH: path.join(dir, 'assistant.sqlite'),
    TENANT_FIXTURE: 'tests/fixtures/tenants/demo.json',
    PLAYGROUND: 'false',
    LOG_LEVEL: 'silent',
  });
  const stack = await startLocalStack(config, { logger: silentLogger(), projectRoot: projectRoot(__dirname), botPort });
  return {
    url: stack.bot.url,
    close: async () => {
      await stack.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function memory(): { heapUsed: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind !== 'ours' && kind !== 'echo') throw new Error(`usage: botChild ours|echo (got ${String(kind)})`);
  const bot = kind === 'ours' ? await startOurs() : await startEchoBot();
  process.on('message', (raw) => {
    const m = Command.safeParse(raw);
    if (!m.success) return;
    if (m.data.cmd === 'memory') send({ memory: memory() });
    else if (m.data.cmd === 'cpu') {
      const u = process.cpuUsage();
      send({ cpuMicros: u.user + u.system });
    }
    else void bot.close().finally(() => process.exit(0));
  });
  process.on('disconnect', () => void bot.close().finally(() => process.exit(0)));
  send({ ready: true, url: bot.url, gc: typeof (globalThis as { gc?: unknown }).gc === 'function' });
}

main().catch((e) => {
  process.stderr.write(`bot child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
