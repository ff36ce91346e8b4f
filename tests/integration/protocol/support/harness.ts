/**
 * Protocol-level harness: the local stack (simulator + backend + bot, the `npm start` wiring) on
 * loopback plus a recording fake Bot Connector. Tests POST raw Bot Framework activities to
 * /api/messages with serviceUrl = the fake connector and assert what the bot sent there.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../../../../bench/support/fakeConnector';
import { loadConfig } from '../../../../src/config';
import { silentLogger } from '../../../../src/shared/logger';
import { startLocalStack, type LocalStack } from '../../../../src/startup/localStack';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const DEMO_TENANT = '11111111-2222-3333-4444-555555555555';
export const ADELE = { id: '29:adele', name: 'Adele Vance', aadObjectId: 'cdb7334a-2042-4389-8788-17cba443ec31' };
export const BOT = { id: '28:mfa-helper', name: 'MFA Helper' };
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

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

export interface ProtocolStack {
  stack: LocalStack;
  connector: FakeConnector;
  botUrl: string;
  /** POSTs a JSON body (object or raw string) to /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown; text: string }>;
  close(): Promise<void>;
}

export async function startProtocolStack(): Promise<ProtocolStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-protocol-'));
  const connector = await startFakeConnector();
  let stack: LocalStack | undefined;
  const close = async () => {
    await stack?.close().catch(() => undefined);
    await connector.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
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
    stack = await startLocalStack(config, { logger: silentLogger(), projectRoot: PROJECT_ROOT, botPort });
    const botUrl = stack.bot.url;
    return { stack, connector, botUrl, post: (body, headers) => postActivity(botUrl, body, headers), close };
  } catch (e) {
    await close();
    throw e;
  }
}

export async function postActivity(botUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    /* not JSON: body stays undefined, `text` has it */
  }
  return { status: res.status, body: parsed, text };
}

let seq = 0;

/** A Teams 1:1 activity from Adele in the demo tenant (override anything). */
export function personalActivity(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  const tenantId = typeof overrides.tenantId === 'string' ? overrides.tenantId : DEMO_TENANT;
  const { tenantId: _t, ...rest } = overrides;
  return {
    type: 'message',
    id: `incoming-${seq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: ADELE,
    recipient: BOT,
    conversation: { id: `a:personal-${seq}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    locale: 'en-US',
    ...rest,
  };
}

/** The adaptive card contents of a connector call (or of an activity in an expectReplies body). */
export function cardsOf(activity: unknown): Array<Record<string, unknown>> {
  const attachments = (activity as { attachments?: Array<{ contentType?: string; content?: unknown }> }).attachments ?? [];
  return attachments.filter((a) => a.contentType === ADAPTIVE_CARD).map((a) => a.content as Record<string, unknown>);
}

/** Every TextBlock text in a card (depth-first), for matching key card texts. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return out;
}

/** Every action title in a card. */
export function actionTitles(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') out.push(o.title);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return out;
}

export function bodyOf(call: ConnectorCall): Record<string, unknown> {
  return typeof call.body === 'object' && call.body !== null ? (call.body as Record<string, unknown>) : {};
}
