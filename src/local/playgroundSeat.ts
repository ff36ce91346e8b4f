/**
 * Local demo: who the Agents Playground is. The Playground reads its current user from its config
 * file once, at start, and has no API to change it (toolchain.md §3), so switching persona means
 * writing a new config and restarting it on the same port. Each persona has their own 1:1 chat id
 * (`personal-chat-<object id>`), so a message the bot sends to someone else's chat is refused by the
 * Playground (and retried later, as in Teams when a chat is unreachable) instead of showing up in
 * the wrong person's chat. The bot keeps all its state; only the Playground's chat history resets.
 */
import * as fs from 'node:fs';
import { personalChatIdOf, renderPlaygroundConfig, startPlayground, type PlaygroundUser, type RunningPlayground } from './playground';
import { tryBind } from '../startup/ports';

export interface PlaygroundSeatOptions {
  projectRoot: string;
  configPath: string;
  port: number;
  botEndpoint: string;
  env: NodeJS.ProcessEnv;
  tenantId: string;
  teamAadGroupId: string;
  /** Everyone the Playground may be (the tenant's users, fixture order). */
  users: PlaygroundUser[];
  initial: PlaygroundUser;
}

export interface PlaygroundSeat {
  readonly url: string;
  current(): PlaygroundUser;
  /** Restarts the Playground as `user` (same URL); open Playground tabs must be reloaded. */
  switchTo(user: PlaygroundUser): Promise<void>;
  /**
   * Resolves when a Playground tab has loaded its config since the last (re)start: from then on
   * the bot's messages reach the page (sent earlier, the page may drop them while it loads).
   */
  pageLoaded(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The user picked by UPN, object id or display name (case-insensitive). */
export function findPersona(users: PlaygroundUser[], who: string): PlaygroundUser | undefined {
  const w = who.trim().toLowerCase();
  return users.find((u) => u.userPrincipalName.toLowerCase() === w || u.id.toLowerCase() === w || u.displayName.toLowerCase() === w);
}

/** The Playground's config for `current`: the next five users of the tenant are the other mock users. */
export function seatConfig(o: Pick<PlaygroundSeatOptions, 'tenantId' | 'teamAadGroupId' | 'users'>, current: PlaygroundUser): string {
  const others = o.users.filter((u) => u.id !== current.id).slice(0, 5);
  return renderPlaygroundConfig({ tenantId: o.tenantId, currentUser: current, others, teamAadGroupId: o.teamAadGroupId, personalChatId: personalChatIdOf(current.id) });
}

async function portFreed(port: number, attempts = 40): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if ((await tryBind(port, '127.0.0.1')) === undefined) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startPlaygroundSeat(o: PlaygroundSeatOptions): Promise<PlaygroundSeat> {
  let current = o.initial;
  const start = async (user: PlaygroundUser): Promise<RunningPlayground> => {
    fs.writeFileSync(o.configPath, seatConfig(o, user));
    const started = await startPlayground({ projectRoot: o.projectRoot, configPath: o.configPath, port: o.port, botEndpoint: o.botEndpoint, env: o.env, logFile });
    // startPlayground's own readiness probe fetched the config too: only later fetches are a page.
    logOffset = logSize();
    return started;
  };
  // The Playground logs "Events recording …" when a page has fetched its config (GET /_internal/v1/config).
  const logFile = `${o.configPath}.log`;
  let logOffset = 0;
  const logSize = () => (fs.existsSync(logFile) ? fs.statSync(logFile).size : 0);
  const pageSeen = (): boolean => {
    if (!fs.existsSync(logFile)) return false;
    const text = fs.readFileSync(logFile, 'utf8').slice(logOffset);
    return /Events recording (disabled|enabled)/.test(text);
  };
  let closed = false;
  let running: RunningPlayground | undefined = await start(current);
  // One switch at a time: a second click waits for the first restart.
  let queue: Promise<void> = Promise.resolve();
  return {
    url: running.url,
    current: () => current,
    switchTo(user) {
      const next = queue.then(async () => {
        if (running) await running.close();
        running = undefined;
        await portFreed(o.port);
        running = await start(user);
        current = user;
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async pageLoaded(timeoutMs = 10 * 60_000) {
      await queue;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && !closed) {
        if (pageSeen()) return true;
        await new Promise((r) => setTimeout(r, 250));
      }
      return false;
    },
    async close() {
      closed = true;
      await queue;
      await running?.close();
      running = undefined;
    },
  };
}
