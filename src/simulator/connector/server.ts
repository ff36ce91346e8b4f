/**
 * A Bot Connector stand-in over real HTTP on loopback (dev/test/bench only):
 *   POST /v3/conversations                         create the 1:1 conversation → 201 { id }
 *   POST /v3/conversations/:id/activities          send → 201 { id }; never de-duplicated (the real
 *        connector has no idempotency key: a re-sent activity is a second message)
 *   GET  /v3/conversations/:id/activities[?clientActivityId=]   what the conversation received
 *        (stand-in inspection for tests; the real connector has no such lookup)
 *   POST /v1.0/users/:id/teamwork/installedApps    201 | 409 installed | 403 app not allowed
 *   GET  /_standin/stats, POST /_standin/failures  counters; inject a failure rule
 * Teams' limits answer 429 with Retry-After (seconds): per thread on sends and on conversation
 * creates (7/1 s, 8/2 s, 60/30 s, 1800/h), and the global requests per second per app per tenant
 * on every connector call (entra-graph-2026.md §22). A failure rule with `afterDelivery` delivers
 * first and then loses the answer (a status, or with `dropConnection` no answer at all).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { systemClock, type Clock } from '../../shared/clock';
import { PerKeyLimits, SlidingLimit, TEAMS_THREAD_WINDOWS, type Windows } from './limits';
import { ConnectorState, FailureRuleSchema, KNOWN_MESSAGES, conversationIdFor, userIdOf, type ConnectorOp, type FailureRule } from './state';

export interface ConnectorOptions {
  clock?: Clock;
  /** Requests per second per app per tenant (Teams: 50). */
  globalRps?: number;
  conversationWindows?: Windows;
  /** true: every user already has the app (and so a conversation); or the users who have it. */
  preinstalled?: boolean | string[];
  appNotAllowed?: string[];
  failures?: FailureRule[];
  /** Added to every answer (real timers: for load runs, not for virtual-time tests). */
  latencyMs?: number;
  /** Keep a per-request log (tests); off for load runs. */
  recordRequests?: boolean;
  /** Called after every answered request (tests use it to act at an exact point, e.g. kill a sender). */
  onRequest?: (entry: { op: ConnectorOp; userId?: string; status: number }, state: ConnectorState) => void;
}

const CreateConversationSchema = z.object({
  bot: z.object({ id: z.string() }).passthrough().optional(),
  members: z.array(z.object({ id: z.string(), aadObjectId: z.string().optional() }).passthrough()).length(1),
  isGroup: z.boolean().optional(),
  channelData: z.object({ tenant: z.object({ id: z.string() }).passthrough() }).passthrough(),
}).passthrough();

const ActivitySchema = z.object({
  type: z.literal('message'),
  text: z.string().optional(),
  value: z.unknown().optional(),
  channelData: z.object({ clientActivityId: z.string().min(1).max(300).optional() }).passthrough().optional(),
}).passthrough();

const InstallSchema = z.object({ 'teamsApp@odata.bind': z.string().min(1) }).passthrough();

type Reply = { status: number; body?: unknown; headers?: Record<string, string>; drop?: boolean };

const error = (status: number, code: string, message?: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { error: { code, message: message ?? KNOWN_MESSAGES[code] ?? code } },
  ...(headers ? { headers } : {}),
});

export class ConnectorStandIn {
  readonly state: ConnectorState;
  private readonly clock: Clock;
  private readonly global: SlidingLimit;
  private readonly perConversation: PerKeyLimits;
  private readonly perConversationCreate: PerKeyLimits;
  private server: Server | undefined;

  constructor(private readonly opts: ConnectorOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.state = new ConnectorState(opts.preinstalled === true, opts.recordRequests ?? false);
    if (Array.isArray(opts.preinstalled)) for (const u of opts.preinstalled) this.state.installed.add(u);
    for (const u of opts.appNotAllowed ?? []) this.state.appNotAllowed.add(u);
    for (const f of opts.failures ?? []) this.state.failures.push(FailureRuleSchema.parse(f));
    this.global = new SlidingLimit([[1000, opts.globalRps ?? 50]]);
    this.perConversation = new PerKeyLimits(opts.conversationWindows ?? TEAMS_THREAD_WINDOWS);
    this.perConversationCreate = new PerKeyLimits(opts.conversationWindows ?? TEAMS_THREAD_WINDOWS);
  }

  async listen(port = 0): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 30000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  injectFailure(rule: FailureRule): void {
    this.state.failures.push(FailureRuleSchema.parse(rule));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const raw = await readBody(req);
      reply = this.route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://standin'), raw);
    } catch {
      reply = error(400, 'BadSyntax', 'The request body is not valid JSON.');
    }
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
    res.end(body);
  }

  private route(method: string, url: URL, raw: string): Reply {
    const parts = url.pathname.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
    if (method === 'POST' && parts.length === 2 && parts[0] === 'v3' && parts[1] === 'conversations') return this.create(parseJson(raw));
    if (parts.length === 4 && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities') {
      const conversationId = parts[2] ?? '';
      if (method === 'POST') return this.send(conversationId, parseJson(raw));
      if (method === 'GET') return this.received(conversationId, url.searchParams.get('clientActivityId') ?? undefined);
    }
    if (method === 'POST' && parts.length === 5 && parts[0] === 'v1.0' && parts[1] === 'users' && parts[3] === 'teamwork' && parts[4] === 'installedApps') {
      return this.install(parts[2] ?? '', parseJson(raw));
    }
    if (method === 'GET' && url.pathname === '/_standin/stats') return { status: 200, body: this.state.stats() };
    if (method === 'POST' && url.pathname === '/_standin/failures') {
      const rule = FailureRuleSchema.safeParse(parseJson(raw));
      if (!rule.success) return error(400, 'BadArgument', rule.error.message);
      this.state.failures.push(rule.data);
      return { status: 204 };
    }
    return error(404, 'NotFound', `No route for ${method} ${url.pathname}`);
  }

  /** Limits, then injected failures; undefined = go ahead. */
  private gate(op: ConnectorOp, userId: string | undefined, conversationId?: string): Reply | undefined {
    const now = this.clock.now().getTime();
    if (op !== 'install') {
      const thread = conversationId === undefined ? undefined : op === 'send' ? this.perConversation : op === 'create' ? this.perConversationCreate : undefined;
      const wait = Math.max(this.global.tryAdmit(now), thread && conversationId ? thread.tryAdmit(conversationId, now) : 0);
      if (wait > 0) return this.answer(op, userId, error(429, 'Throttled', 'Too many requests.', { 'retry-after': String(Math.ceil(wait / 1000)) }));
    }
    const f = this.state.takeFailure(op, userId);
    if (!f) return undefined;
    const headers = f.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(f.retryAfterSeconds) };
    return this.answer(op, userId, error(f.status, f.code ?? `Http${f.status}`, f.message, headers));
  }

  /** After the work was done: an afterDelivery rule replaces the answer (or drops the connection). */
  private lostAnswer(op: ConnectorOp, userId: string | undefined): Reply | undefined {
    const f = this.state.takeFailure(op, userId, true);
    if (!f) return undefined;
    this.state.lostAnswers += 1;
    if (f.dropConnection === true) return { status: f.status, drop: true };
    const headers = f.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(f.retryAfterSeconds) };
    return error(f.status, f.code ?? `Http${f.status}`, f.message, headers);
  }

  private answer(op: ConnectorOp, userId: string | undefined, reply: Reply): Reply {
    this.state.record(op, userId, reply.status, this.clock.now().getTime());
    this.opts.onRequest?.({ op, ...(userId ? { userId } : {}), status: reply.status }, this.state);
    return reply;
  }

  private create(body: unknown): Reply {
    const parsed = CreateConversationSchema.safeParse(body);
    if (!parsed.success) return this.answer('create', undefined, error(400, 'BadArgument', parsed.error.message));
    const member = parsed.data.members[0];
    const userId = member?.aadObjectId ?? member?.id.replace(/^29:/, '') ?? '';
    const blocked = this.gate('create', userId, conversationIdFor(userId));
    if (blocked) return blocked;
    if (!this.state.isInstalled(userId)) return this.answer('create', userId, error(403, 'BotNotInConversationRoster'));
    // Installed earlier, blocked by a policy since: Teams refuses the bot.
    if (this.state.appNotAllowed.has(userId)) return this.answer('create', userId, error(403, 'BotDisabledByAdmin'));
    return this.answer('create', userId, this.lostAnswer('create', userId) ?? { status: 201, body: { id: conversationIdFor(userId) } });
  }

  private send(conversationId: string, body: unknown): Reply {
    const userId = userIdOf(conversationId);
    const parsed = ActivitySchema.safeParse(body);
    if (!parsed.success) return this.answer('send', userId, error(400, 'BadArgument', parsed.error.message));
    const blocked = this.gate('send', userId, conversationId);
    if (blocked) return blocked;
    if (userId === undefined) return this.answer('send', userId, error(404, 'ConversationNotFound', 'Conversation not found.'));
    if (!this.state.isInstalled(userId)) return this.answer('send', userId, error(403, 'BotNotInConversationRoster'));
    const a = parsed.data;
    const clientActivityId = a.channelData?.clientActivityId;
    const { id } = this.state.deliver(conversationId, {
      at: this.clock.now().toISOString(),
      ...(clientActivityId ? { clientActivityId } : {}),
      ...(a.text !== undefined ? { text: a.text } : {}),
      ...(a.value !== undefined ? { value: a.value } : {}),
    });
    return this.answer('send', userId, this.lostAnswer('send', userId) ?? { status: 201, body: { id } });
  }

  private received(conversationId: string, clientActivityId: string | undefined): Reply {
    const userId = userIdOf(conversationId);
    const blocked = this.gate('lookup', userId);
    if (blocked) return blocked;
    const list = this.state.conversations.get(conversationId) ?? [];
    const activities = clientActivityId === undefined ? list : list.filter((a) => a.clientActivityId === clientActivityId);
    return this.answer('lookup', userId, { status: 200, body: { activities } });
  }

  private install(userId: string, body: unknown): Reply {
    if (!InstallSchema.safeParse(body).success) return this.answer('install', userId, error(400, 'BadRequest', 'teamsApp@odata.bind is required'));
    const blocked = this.gate('install', userId);
    if (blocked) return blocked;
    if (this.state.appNotAllowed.has(userId)) {
      return this.answer('install', userId, error(403, 'Forbidden', 'The app is blocked for this user by an app permission policy.'));
    }
    if (this.state.isInstalled(userId)) return this.answer('install', userId, error(409, 'Conflict', 'The app is already installed for this user.'));
    this.state.installed.add(userId);
    return this.answer('install', userId, { status: 201 });
  }
}

function parseJson(raw: string): unknown {
  return raw.length === 0 ? undefined : (JSON.parse(raw) as unknown);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > 1_000_000) throw new Error('body too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
