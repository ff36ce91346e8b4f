/**
 * End-to-end harness: the local stack (Graph simulator + backend + bot, the wiring `npm start`
 * uses) and the Microsoft 365 Agents Playground on free loopback ports with a config generated from
 * the tenant fixture, driven in headless Chromium. Reused by every Playground e2e test.
 *
 *   const e2e = await startE2eStack();                      // beforeAll (≈ 5 s)
 *   const ui = await openPlayground(browser, e2e);           // a fresh context + page
 *   await ui.send("I can't set up MFA");
 *   const card = await ui.waitForCard('Quick check');
 *   await ui.clickCardButton(card, 'Open the check');
 *   await ui.shot('01-card');                               // test-artifacts/e2e/01-card.png
 *   await e2e.close();                                       // afterAll: closes everything, idempotent
 *
 * Everything lives in one temp dir (SQLite file, Playground yml) that `close()` removes. Playground
 * facts (selectors, HTTP and WebSocket API, customActivities): shared/reference/toolchain.md §3, §8.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import WebSocket from 'ws';
import { loadConfig } from '../../../src/config';
import { PLAYGROUND_BOT, PLAYGROUND_IDS, renderPlaygroundConfig, startPlayground, type PlaygroundUser, type RunningPlayground } from '../../../src/local/playground';
import type { Clock } from '../../../src/shared/clock';
import { silentLogger, type Logger } from '../../../src/shared/logger';
import type { SimTenant } from '../../../src/simulator';
import { startLocalStack, type LocalStack } from '../../../src/startup/localStack';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
export const E2E_ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts', 'e2e');
export { PLAYGROUND_BOT, PLAYGROUND_IDS };

/** Generous but bounded waits (2 cores; the first card may need a Graph round trip). */
export const UI_TIMEOUT_MS = 20000;

/** A mock user as the Playground knows them: `id` is `user-<aadObjectId>` (src/index.ts). */
export interface MockUser {
  id: string;
  name: string;
  aadObjectId: string;
  upn: string;
}

export interface E2eStack {
  stack: LocalStack;
  playground: RunningPlayground;
  /** http://127.0.0.1:<port> of the Playground (UI + API). */
  playgroundUrl: string;
  botUrl: string;
  tenantId: string;
  currentUser: MockUser;
  /** The other five mock users, in fixture order (demo: Diego, Isaiah, Patti, Lynne, …). */
  others: MockUser[];
  tempDir: string;
  close(): Promise<void>;
}

export interface E2eOptions {
  /** Extra config keys (e.g. TAP_REQUIRE_MANAGER_CONFIRMATION). */
  env?: Record<string, string>;
  fixture?: string;
  /** Index in the fixture's users of the Playground's current user (default 0: Adele in demo.json). */
  currentUserIndex?: number;
  clock?: Clock;
  logger?: Logger;
}

/** A port that was free a moment ago (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function playgroundUsers(tenant: SimTenant): PlaygroundUser[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return tenant.users.map((u) => ({
    id: u.id,
    displayName: String(u.props.displayName ?? u.upn),
    userPrincipalName: u.upn,
    givenName: str(u.props.givenName),
    surname: str(u.props.surname),
    mail: str(u.props.mail),
  }));
}

const mock = (u: PlaygroundUser): MockUser => ({ id: `user-${u.id}`, name: u.displayName, aadObjectId: u.id, upn: u.userPrincipalName });

/** Starts the local stack and the Playground; on any failure everything started so far is closed. */
export async function startE2eStack(opts: E2eOptions = {}): Promise<E2eStack> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-e2e-'));
  const closers: Array<() => Promise<void>> = [async () => fs.rmSync(tempDir, { recursive: true, force: true })];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const botPort = await freePort();
    const config = loadConfig({
      APP_MODE: 'local',
      PORT: String(botPort),
      BACKEND_PORT: '0',
      SQLITE_PATH: path.join(tempDir, 'assistant.sqlite'),
      TENANT_FIXTURE: opts.fixture ?? 'tests/fixtures/tenants/demo.json',
      PLAYGROUND: 'false',
      LOG_LEVEL: 'silent',
      ...opts.env,
    });
    const stack = await startLocalStack(config, { logger: opts.logger ?? silentLogger(), projectRoot: PROJECT_ROOT, botPort, clock: opts.clock });
    closers.push(() => stack.close());

    const users = playgroundUsers(stack.simulator.tenant);
    const index = opts.currentUserIndex ?? 0;
    const current = users[index];
    const others = users.filter((_, i) => i !== index).slice(0, 5);
    if (!current || others.length < 5) throw new Error('the fixture needs at least six users for the Playground');
    const helpdesk = [...stack.simulator.tenant.groups.values()].find((g) => /helpdesk/i.test(String(g.props.displayName ?? '')));
    const configPath = path.join(tempDir, 'm365agentsplayground.yml');
    fs.writeFileSync(
      configPath,
      renderPlaygroundConfig({ tenantId: stack.simulator.tenantId, currentUser: current, others, teamAadGroupId: helpdesk?.id ?? stack.simulator.tenantId }),
    );
    const playground = await startPlayground({
      projectRoot: PROJECT_ROOT,
      configPath,
      port: await freePort(),
      botEndpoint: `${stack.bot.url}/api/messages`,
      env: { ...process.env, SEND_INSTALLATION_ACTIVITY: 'true' },
    });
    closers.push(() => playground.close());
    return {
      stack,
      playground,
      playgroundUrl: playground.url,
      botUrl: stack.bot.url,
      tenantId: stack.simulator.tenantId,
      currentUser: mock(current),
      others: others.map(mock),
      tempDir,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

// ---- Playground HTTP API --------------------------------------------------------------------------

async function json(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** The bot @mention the Playground needs before it forwards a group or channel message. */
export function botMention(): { text: string; entities: Array<Record<string, unknown>> } {
  const text = `<at>${PLAYGROUND_BOT.name}</at>`;
  return { text, entities: [{ type: 'mention', text, mentioned: { id: PLAYGROUND_BOT.id, name: PLAYGROUND_BOT.name } }] };
}

/**
 * Posts a message as another mock user (the Playground's customActivities): the bot sees
 * `from` = that user. In a group chat or channel the bot is @mentioned unless `mention: false`.
 */
export async function postAs(e2e: Pick<E2eStack, 'playgroundUrl'>, user: MockUser, conversationId: string, text: string, opts: { mention?: boolean; value?: unknown } = {}): Promise<void> {
  const template = await json(await fetch(`${e2e.playgroundUrl}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`), 'customActivities template');
  const base = typeof template === 'object' && template !== null ? (template as Record<string, unknown>) : {};
  const personal = conversationId === PLAYGROUND_IDS.personalChat;
  const mention = !personal && opts.mention !== false ? botMention() : undefined;
  const activity = {
    ...base,
    type: 'message',
    text: mention ? `${mention.text} ${text}` : text,
    ...(mention ? { entities: mention.entities } : {}),
    ...(opts.value !== undefined ? { value: opts.value } : {}),
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
  };
  await json(
    await fetch(`${e2e.playgroundUrl}/_internal/v1/customActivities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }),
    'customActivities',
  );
}

// ---- WebSocket stream -----------------------------------------------------------------------------

export interface StreamEvent {
  action: string;
  actionConversationId?: string;
  message?: { id?: string; text?: string; attachments?: Array<{ contentType?: string; content?: unknown }>; [k: string]: unknown };
  [k: string]: unknown;
}

/** Every event the Playground pushes to its UI (createMessage, updateMessage, typing…). */
export class PlaygroundStream {
  readonly events: StreamEvent[] = [];
  private waiters: Array<() => void> = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      try {
        const parsed: unknown = JSON.parse(String(data));
        if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { action?: unknown }).action === 'string') {
          this.events.push(parsed as StreamEvent);
          for (const w of this.waiters.splice(0)) w();
        }
      } catch {
        /* not an event */
      }
    });
  }

  static async connect(playgroundUrl: string): Promise<PlaygroundStream> {
    const ws = new WebSocket(`${playgroundUrl.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new PlaygroundStream(ws);
  }

  /** Resolves with the first event (already seen or future) that matches, or rejects after `timeoutMs`. */
  async waitFor(predicate: (e: StreamEvent) => boolean, timeoutMs = UI_TIMEOUT_MS, what = 'stream event'): Promise<StreamEvent> {
    const deadline = Date.now() + timeoutMs;
    let checked = 0;
    for (;;) {
      for (; checked < this.events.length; checked++) {
        const e = this.events[checked];
        if (e && predicate(e)) return e;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; saw: ${this.events.map((e) => e.action).join(', ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** The text of an event's message plus every string in its card attachments (for matching). */
export function eventText(e: StreamEvent): string {
  const parts = [e.message?.text ?? ''];
  for (const a of e.message?.attachments ?? []) parts.push(JSON.stringify(a.content ?? ''));
  return parts.join('\n');
}

// ---- the UI in headless Chromium ------------------------------------------------------------------

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export type ChatName = 'personal' | 'group' | 'helpdesk';

/** The chat list buttons (names from renderPlaygroundConfig). */
export const CHAT_SELECTORS: Record<ChatName, string> = {
  personal: 'button[aria-label="Personal Chat"]',
  group: '[aria-label="Helpdesk Chat"]',
  helpdesk: '[aria-label="IT Helpdesk - TAP approvals"]',
};

export class PlaygroundUi {
  private shots = 0;
  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly prefix: string,
  ) {}

  /**
   * The message box (Lexical editor). In a chat there is one; in a channel the first is "Start a
   * new post" and every thread has its own reply box: pass `thread` (text of the thread's first
   * message) to get that one. Channel messages reach the bot only with an @mention, which the UI
   * builds through a typeahead: post as a user with `postAs` instead.
   */
  editor(thread?: string | RegExp): Locator {
    const boxes = '[data-lexical-editor="true"][contenteditable="true"]';
    if (thread === undefined) return this.page.locator(boxes).first();
    return this.page.getByRole('group').filter({ hasText: thread }).locator(boxes).last();
  }

  async send(text: string, opts: { thread?: string | RegExp } = {}): Promise<void> {
    await this.editor(opts.thread).click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** The last adaptive card that contains `text` once it is visible. */
  async waitForCard(text: string | RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<Locator> {
    const card = this.page.locator('.ac-adaptiveCard', { hasText: text }).last();
    await card.waitFor({ state: 'visible', timeout: timeoutMs });
    return card;
  }

  /** Every adaptive card in the open chat that contains `text`. */
  cards(text: string | RegExp): Locator {
    return this.page.locator('.ac-adaptiveCard', { hasText: text });
  }

  /** Waits until at least `count` cards contain `text` (for texts an earlier card already shows). */
  async waitForCardCount(text: string | RegExp, count: number, timeoutMs = UI_TIMEOUT_MS): Promise<Locator> {
    const card = this.cards(text).nth(count - 1);
    await card.waitFor({ state: 'visible', timeout: timeoutMs });
    return card;
  }

  /** The last plain-text bot bubble that contains `text`. */
  async waitForText(text: string | RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<Locator> {
    const bubble = this.page.locator('.fai-OutputCard', { hasText: text }).last();
    await bubble.waitFor({ state: 'visible', timeout: timeoutMs });
    return bubble;
  }

  /** Number of adaptive cards currently in the open chat. */
  cardCount(): Promise<number> {
    return this.page.locator('.ac-adaptiveCard').count();
  }

  /** Clicks a card action by its title: Action.Execute renders as a button, Action.OpenUrl as a link. */
  async clickCardButton(card: Locator, name: string | RegExp): Promise<void> {
    const button = card.getByRole('button', { name, exact: typeof name === 'string' }).or(card.getByRole('link', { name, exact: typeof name === 'string' })).first();
    await button.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await button.click();
  }

  /**
   * Clicks a card's Action.OpenUrl button and returns the page it opens in the same browser context
   * (a new tab), loaded.
   */
  async clickOpenUrl(card: Locator, name: string | RegExp): Promise<Page> {
    const opened = this.context.waitForEvent('page', { timeout: UI_TIMEOUT_MS });
    await this.clickCardButton(card, name);
    const page = await opened;
    await page.waitForLoadState('domcontentloaded', { timeout: UI_TIMEOUT_MS });
    return page;
  }

  async openChat(chat: ChatName): Promise<void> {
    const item = this.page.locator(CHAT_SELECTORS[chat]).first();
    await item.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await item.click();
    await this.editor().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Screenshot into test-artifacts/e2e/<prefix>-<nn>-<name>.png (or of one element); returns the path. */
  async shot(name: string, target?: Locator | Page): Promise<string> {
    fs.mkdirSync(E2E_ARTIFACTS, { recursive: true });
    const file = path.join(E2E_ARTIFACTS, `${this.prefix}-${String(++this.shots).padStart(2, '0')}-${name}.png`);
    const what = target ?? this.page;
    if ('goto' in what) await what.screenshot({ path: file, fullPage: true });
    else await what.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

/**
 * A fresh browser context showing the Playground, ready to type. Requests to anything but loopback
 * are aborted (the UI asks a CDN for fonts; the machine is offline and waiting halves readiness).
 */
export async function openPlayground(browser: Browser, e2e: Pick<E2eStack, 'playgroundUrl'>, opts: { prefix?: string; viewport?: { width: number; height: number } } = {}): Promise<PlaygroundUi> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 } });
  await context.route('**/*', async (route) => {
    let host = '';
    try {
      host = new URL(route.request().url()).hostname;
    } catch {
      /* data: and the like */
    }
    if (host === '' || LOCAL_HOSTS.has(host)) await route.continue();
    else await route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const ui = new PlaygroundUi(context, page, opts.prefix ?? 'playground');
  try {
    await page.goto(e2e.playgroundUrl, { timeout: UI_TIMEOUT_MS });
    await ui.editor().waitFor({ state: 'visible', timeout: 30000 });
    return ui;
  } catch (e) {
    await ui.close();
    throw e;
  }
}
