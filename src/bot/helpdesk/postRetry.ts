/**
 * A helpdesk post that did not land is retried until it does: the ticket (or pass request) is
 * recorded as waiting for its channel post (collection `helpdesk-pending-posts`), and every
 * maintenance run posts what is due, with exponential backoff (30 s doubling, at most 15 min
 * apart, never given up). The employee is told the helpdesk was contacted: it will be.
 * A send that failed ambiguously (timeout, 502/504) may have posted after all; a channel post is
 * retried anyway: a duplicate card in the helpdesk channel beats a request nobody sees.
 */
import type { ConversationReference } from 'botbuilder';
import type { TapRequest } from '../../approvals/model';
import { describeError } from '../../shared/errors';
import type { TapKit } from '../tap/kit';
import { syncChannelCard } from '../tap/messages';
import type { Thread } from '../tap/threads';
import { postTicket } from './ticketPost';

export const PENDING_POSTS = 'helpdesk-pending-posts';

export interface PendingPost {
  kind: 'ticket' | 'request';
  /** The ticket id, or the thread reference of a pass request. */
  id: string;
  attempts: number;
  firstFailedAt: string;
  nextAt: string;
  lastError: string;
  /** The channel the ticket was meant for (a configured channel is reached through the employee's chat's service URL). */
  channel?: Record<string, unknown>;
}

const BASE_MS = 30_000;
const MAX_MS = 15 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
}

const keyOf = (kind: PendingPost['kind'], id: string) => `${kind}:${id}`;

/** Records (or re-schedules) a post that failed. */
export async function queuePost(kit: TapKit, kind: PendingPost['kind'], id: string, error: unknown, channel?: Partial<ConversationReference>): Promise<void> {
  const now = kit.clock.now();
  const key = keyOf(kind, id);
  const known = (await kit.store.get<PendingPost>(PENDING_POSTS, key))?.value;
  const attempts = (known?.attempts ?? 0) + 1;
  const post: PendingPost = {
    kind,
    id,
    attempts,
    firstFailedAt: known?.firstFailedAt ?? now.toISOString(),
    nextAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
    lastError: describeError(error).slice(0, 200),
    ...(channel ? { channel: JSON.parse(JSON.stringify(channel)) as Record<string, unknown> } : known?.channel ? { channel: known.channel } : {}),
  };
  await kit.store.put(PENDING_POSTS, key, post);
  kit.log.warn({ kind, id, attempts, nextAt: post.nextAt, err: post.lastError }, 'helpdesk post failed; queued for retry');
}

/** Posts (or updates) the request card; when the first post fails it is queued, not lost. */
export async function syncOrQueue(kit: TapKit, r: TapRequest, t: Thread): Promise<Thread> {
  try {
    return await syncChannelCard(kit, r, t);
  } catch (e) {
    if (!t.channel) await queuePost(kit, 'request', t.reference, e);
    throw e;
  }
}

async function attempt(kit: TapKit, p: PendingPost): Promise<void> {
  if (p.kind === 'ticket') {
    const ticket = await kit.tickets.get(p.id);
    if (!ticket || ticket.channel) return;
    const channel = (p.channel as Partial<ConversationReference> | undefined) ?? (await kit.channels.resolve(ticket.tenantId));
    if (!channel) throw new Error('no helpdesk channel is configured');
    await postTicket(kit, ticket, channel);
    return;
  }
  const thread = await kit.threads.get(p.id);
  if (!thread || thread.channel || !thread.requestId) return;
  const r = await kit.service().get(thread.requestId);
  if (r) await syncChannelCard(kit, r, thread);
}

/** Retries every due post once; returns how many landed. */
export async function retryPendingPosts(kit: TapKit): Promise<number> {
  const now = kit.clock.now().getTime();
  let landed = 0;
  for (const item of await kit.store.list<PendingPost>(PENDING_POSTS, { limit: 500 })) {
    const p = item.value;
    if (Date.parse(p.nextAt) > now) continue;
    try {
      await attempt(kit, p);
      await kit.store.delete(PENDING_POSTS, item.key, { ifMatch: item.etag }).catch(() => false);
      kit.log.info({ kind: p.kind, id: p.id, attempts: p.attempts + 1 }, 'queued helpdesk post landed');
      landed++;
    } catch (e) {
      await queuePost(kit, p.kind, p.id, e);
    }
  }
  return landed;
}
