/**
 * A NudgeSender over the Bot Connector REST shape (and Graph installedApps), used against the
 * stand-in by tests and the benchmark. The bot's production sender goes through botbuilder's
 * adapter instead; this one shows the wire contract the campaign engine relies on.
 */
import { Agent, request } from 'node:http';
import { z } from 'zod';
import { SendError, type Nudge, type NudgeSender } from '../../campaigns/ports';

export interface ConnectorSenderOptions {
  baseUrl: string;
  tenantId: string;
  botId: string;
  teamsAppId: string;
  /** The conversation the bot has stored for this user (from the install's conversationUpdate), if any. */
  knownConversation?: (userId: string) => string | undefined;
  maxSockets?: number;
  timeoutMs?: number;
}

const IdSchema = z.object({ id: z.string().min(1) });
const ActivitiesSchema = z.object({ activities: z.array(z.object({ id: z.string() }).passthrough()) });
const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

interface HttpAnswer {
  status: number;
  body: unknown;
  retryAfter?: string;
}

export class ConnectorNudgeSender implements NudgeSender {
  private readonly agent: Agent;

  constructor(private readonly opts: ConnectorSenderOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64 });
  }

  close(): void {
    this.agent.destroy();
  }

  async findConversation(userId: string): Promise<string | undefined> {
    return this.opts.knownConversation?.(userId);
  }

  async installApp(userId: string): Promise<'installed' | 'alreadyInstalled'> {
    const body = { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${this.opts.teamsAppId}` };
    const a = await this.call('POST', `/v1.0/users/${encodeURIComponent(userId)}/teamwork/installedApps`, body);
    if (a.status === 201) return 'installed';
    if (a.status === 409) return 'alreadyInstalled';
    throw this.failure(a);
  }

  async createConversation(userId: string): Promise<string> {
    const body = {
      bot: { id: `28:${this.opts.botId}` },
      members: [{ id: `29:${userId}`, aadObjectId: userId }],
      isGroup: false,
      channelData: { tenant: { id: this.opts.tenantId } },
    };
    const a = await this.call('POST', '/v3/conversations', body);
    if (a.status === 200 || a.status === 201) return IdSchema.parse(a.body).id;
    throw this.failure(a);
  }

  async send(conversationId: string, nudge: Nudge, idempotencyKey: string): Promise<{ activityId: string }> {
    const activity = {
      type: 'message',
      text: nudge.round === 1 ? 'Set up your sign-in security (MFA)' : 'Reminder: set up your sign-in security (MFA)',
      value: nudge,
      channelData: { clientActivityId: idempotencyKey, tenant: { id: this.opts.tenantId } },
    };
    const a = await this.call('POST', `/v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity);
    if (a.status === 200 || a.status === 201) return { activityId: IdSchema.parse(a.body).id };
    throw this.failure(a);
  }

  async wasDelivered(conversationId: string, idempotencyKey: string): Promise<{ activityId: string } | undefined> {
    const path = `/v3/conversations/${encodeURIComponent(conversationId)}/activities?clientActivityId=${encodeURIComponent(idempotencyKey)}`;
    const a = await this.call('GET', path);
    if (a.status === 404) return undefined;
    if (a.status !== 200) throw this.failure(a);
    const first = ActivitiesSchema.parse(a.body).activities[0];
    return first ? { activityId: first.id } : undefined;
  }

  private failure(a: HttpAnswer): SendError {
    const parsed = ErrorSchema.safeParse(a.body);
    const code = parsed.success ? parsed.data.error.code : `Http${a.status}`;
    const seconds = a.retryAfter === undefined ? NaN : Number(a.retryAfter);
    const retryAfterMs = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
    return new SendError(a.status, code, `connector answered ${a.status} ${code}`, retryAfterMs);
  }

  private call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpAnswer> {
    const url = new URL(path, this.opts.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<HttpAnswer>((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          timeout: this.opts.timeoutMs ?? 15000,
          headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
            } catch {
              parsed = undefined;
            }
            const retryAfter = res.headers['retry-after'];
            resolve({ status: res.statusCode ?? 0, body: parsed, ...(typeof retryAfter === 'string' ? { retryAfter } : {}) });
          });
          res.on('error', (e) => reject(new SendError(0, 'NetworkError', e.message)));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => reject(new SendError(0, 'NetworkError', e.message)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}
