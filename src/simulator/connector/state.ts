/**
 * The stand-in's tenant-side state: who has the app installed, who may not have it, the 1:1
 * conversations and what each received, injected failures and counters. No HTTP here.
 */
import { z } from 'zod';

export const OPS = ['create', 'send', 'lookup', 'install'] as const;
export type ConnectorOp = (typeof OPS)[number];

export const FailureRuleSchema = z
  .object({
    op: z.enum([...OPS, 'any']),
    /** Only for this user (Entra object id); all users when absent. */
    userId: z.string().optional(),
    status: z.number().int().min(400).max(599),
    code: z.string().optional(),
    message: z.string().optional(),
    retryAfterSeconds: z.number().min(0).optional(),
    /** How many times the rule fires (absent = every time). */
    times: z.number().int().positive().optional(),
    /**
     * The answer is lost after the work was done: a send is delivered (or a conversation created)
     * and then the caller gets `status` (e.g. 504) instead of the id, or, with `dropConnection`,
     * the connection closes with no answer at all.
     */
    afterDelivery: z.boolean().optional(),
    dropConnection: z.boolean().optional(),
  })
  .strict();
export type FailureRule = z.infer<typeof FailureRuleSchema>;

/** Connector error bodies seen in the field (entra-graph.md §11.3). */
export const KNOWN_MESSAGES: Record<string, string> = {
  ConversationBlockedByUser: 'User blocked the conversation with the bot.',
  BotDisabledByAdmin: 'The tenant admin disabled this bot',
  BotNotInConversationRoster: 'The bot is not part of the conversation roster.',
  PreconditionFailed: 'Precondition failed.',
  BadGateway: 'Bad gateway.',
  GatewayTimeout: 'Gateway timeout.',
};

export interface ReceivedActivity {
  id: string;
  clientActivityId?: string;
  at: string;
  text?: string;
  value?: unknown;
}

export interface RequestLogEntry {
  at: number;
  op: ConnectorOp;
  userId?: string;
  status: number;
}

export const conversationIdFor = (userId: string): string => `a:${userId}`;
export const userIdOf = (conversationId: string): string | undefined =>
  conversationId.startsWith('a:') && conversationId.length > 2 ? conversationId.slice(2) : undefined;

export class ConnectorState {
  readonly installed = new Set<string>();
  readonly appNotAllowed = new Set<string>();
  readonly conversations = new Map<string, ReceivedActivity[]>();
  readonly failures: FailureRule[] = [];
  readonly requestLog: RequestLogEntry[] = [];
  readonly statusCounts: Record<string, number> = {};
  readonly opCounts: Record<ConnectorOp, number> = { create: 0, send: 0, lookup: 0, install: 0 };
  activities = 0;
  /** Deliveries whose answer was lost on purpose (afterDelivery rules). */
  lostAnswers = 0;
  private nextActivity = 1;

  constructor(
    private readonly allPreinstalled: boolean,
    private readonly recordRequests: boolean,
  ) {}

  isInstalled(userId: string): boolean {
    return this.allPreinstalled || this.installed.has(userId);
  }

  /** The first matching rule fires (and is used up when it has `times`); `after` picks lost-answer rules. */
  takeFailure(op: ConnectorOp, userId: string | undefined, after = false): FailureRule | undefined {
    const i = this.failures.findIndex((f) => (f.op === 'any' || f.op === op) && (f.userId === undefined || f.userId === userId) && (f.afterDelivery === true) === after);
    const rule = this.failures[i];
    if (rule === undefined) return undefined;
    if (rule.times !== undefined) {
      if (rule.times <= 1) this.failures.splice(i, 1);
      else this.failures[i] = { ...rule, times: rule.times - 1 };
    }
    return rule;
  }

  record(op: ConnectorOp, userId: string | undefined, status: number, at: number): void {
    this.opCounts[op] += 1;
    this.statusCounts[String(status)] = (this.statusCounts[String(status)] ?? 0) + 1;
    if (this.recordRequests) this.requestLog.push({ at, op, ...(userId ? { userId } : {}), status });
  }

  /**
   * Stores the activity. Like the real Bot Connector there is no idempotency key: a repeated
   * `channelData.clientActivityId` is just another message (it is kept only for inspection).
   */
  deliver(conversationId: string, activity: Omit<ReceivedActivity, 'id'>): { id: string } {
    const id = `1:${(this.nextActivity++).toString(36)}`;
    const list = this.conversations.get(conversationId) ?? [];
    list.push({ id, ...activity });
    this.conversations.set(conversationId, list);
    this.activities += 1;
    return { id };
  }

  stats(): ConnectorStats {
    let withActivity = 0;
    let extra = 0;
    let most = 0;
    for (const list of this.conversations.values()) {
      if (list.length > 0) withActivity += 1;
      extra += Math.max(0, list.length - 1);
      most = Math.max(most, list.length);
    }
    return {
      activities: this.activities,
      conversationsWithActivity: withActivity,
      activitiesBeyondFirstPerConversation: extra,
      maxActivitiesPerConversation: most,
      lostAnswers: this.lostAnswers,
      requests: { ...this.opCounts },
      statuses: { ...this.statusCounts },
      installed: this.installed.size,
    };
  }
}

export interface ConnectorStats {
  activities: number;
  conversationsWithActivity: number;
  activitiesBeyondFirstPerConversation: number;
  maxActivitiesPerConversation: number;
  lostAnswers: number;
  requests: Record<ConnectorOp, number>;
  statuses: Record<string, number>;
  installed: number;
}
