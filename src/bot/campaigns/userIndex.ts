/**
 * What the bot learns from Teams activities that campaigns need, keyed by employee rather than by
 * conversation: the 1:1 conversation reference (so a nudge needs no create call), the employee's
 * time zone (quiet hours), and per tenant the service URL and bot id (so the bot can create a
 * conversation with someone it never talked to). Written only when something changed.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { DocumentStore } from '../../storage/types';

export const CAMPAIGN_USERS = 'campaign-users';
export const CAMPAIGN_TENANTS = 'campaign-tenants';

const ReferenceSchema = z
  .object({
    channelId: z.string(),
    serviceUrl: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    bot: z.object({ id: z.string(), name: z.string().optional() }).passthrough(),
    user: z.object({ id: z.string(), aadObjectId: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

const UserRecordSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  reference: ReferenceSchema.optional(),
  timeZone: z.string().max(64).optional(),
  updatedAt: z.string(),
});
export type UserRecord = z.infer<typeof UserRecordSchema>;

const TenantRecordSchema = z.object({ tenantId: z.string(), serviceUrl: z.string().min(1), botId: z.string(), botName: z.string().optional(), updatedAt: z.string() });
export type TenantRecord = z.infer<typeof TenantRecordSchema>;

const userKey = (tenantId: string, userId: string) => `${tenantId}:${userId.toLowerCase()}`;

/** IANA zone from the activity (Teams sets `localTimezone`, older clients a clientInfo entity). */
export function timeZoneOf(activity: Partial<Activity>): string | undefined {
  const direct = activity.localTimezone;
  const fromEntity = (activity.entities ?? []).find((e) => e.type === 'clientInfo') as { timezone?: unknown } | undefined;
  const zone = typeof direct === 'string' && direct ? direct : typeof fromEntity?.timezone === 'string' ? fromEntity.timezone : undefined;
  return zone && /^[A-Za-z0-9_+\-/]{1,64}$/.test(zone) ? zone : undefined;
}

export interface UserDirectory {
  /** Records what a turn tells (call once per incoming activity). */
  observe(activity: Partial<Activity>, tenantId: string, now: Date): Promise<void>;
  remember(tenantId: string, userId: string, reference: Partial<ConversationReference>, now: Date): Promise<void>;
  find(tenantId: string, userId: string): Promise<UserRecord | undefined>;
  timeZones(tenantId: string, userIds: string[]): Promise<Map<string, string>>;
  tenant(tenantId: string): Promise<TenantRecord | undefined>;
}

export function createUserDirectory(store: DocumentStore): UserDirectory {
  async function find(tenantId: string, userId: string): Promise<UserRecord | undefined> {
    const item = await store.get<unknown>(CAMPAIGN_USERS, userKey(tenantId, userId));
    const parsed = item ? UserRecordSchema.safeParse(item.value) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  async function upsert(tenantId: string, userId: string, change: { reference?: Partial<ConversationReference>; timeZone?: string }, now: Date): Promise<void> {
    const current = await find(tenantId, userId);
    const reference = change.reference ? ReferenceSchema.safeParse(JSON.parse(JSON.stringify(change.reference))) : undefined;
    const next: UserRecord = {
      tenantId,
      userId,
      ...(current?.reference ? { reference: current.reference } : {}),
      ...(current?.timeZone ? { timeZone: current.timeZone } : {}),
      ...(reference?.success ? { reference: reference.data } : {}),
      ...(change.timeZone ? { timeZone: change.timeZone } : {}),
      updatedAt: now.toISOString(),
    };
    const same = current && JSON.stringify({ ...current, updatedAt: '' }) === JSON.stringify({ ...next, updatedAt: '' });
    if (!same) await store.put(CAMPAIGN_USERS, userKey(tenantId, userId), next);
  }

  return {
    async observe(activity, tenantId, now) {
      if (!tenantId) return;
      const serviceUrl = activity.serviceUrl;
      const bot = activity.recipient;
      if (serviceUrl && bot?.id) {
        const item = await store.get<unknown>(CAMPAIGN_TENANTS, tenantId);
        const known = item ? TenantRecordSchema.safeParse(item.value) : undefined;
        if (!known?.success || known.data.serviceUrl !== serviceUrl || known.data.botId !== bot.id) {
          await store.put(CAMPAIGN_TENANTS, tenantId, { tenantId, serviceUrl, botId: bot.id, ...(bot.name ? { botName: bot.name } : {}), updatedAt: now.toISOString() });
        }
      }
      const userId = activity.from?.aadObjectId;
      const personal = (activity.conversation?.conversationType ?? 'personal') === 'personal';
      if (!userId || !personal || !activity.conversation?.id || !serviceUrl || !bot?.id) return;
      const zone = timeZoneOf(activity);
      const reference: Partial<ConversationReference> = {
        channelId: activity.channelId ?? 'msteams',
        serviceUrl,
        conversation: { id: activity.conversation.id, isGroup: false, conversationType: 'personal', tenantId, name: '' },
        bot: { id: bot.id, name: bot.name ?? '' },
        ...(activity.from ? { user: { id: activity.from.id, name: activity.from.name ?? '', aadObjectId: userId } } : {}),
      };
      await upsert(tenantId, userId, { reference, ...(zone ? { timeZone: zone } : {}) }, now);
    },
    remember: (tenantId, userId, reference, now) => upsert(tenantId, userId, { reference }, now),
    find,
    async timeZones(tenantId, userIds) {
      const out = new Map<string, string>();
      for (const id of userIds) {
        const r = await find(tenantId, id);
        if (r?.timeZone) out.set(id, r.timeZone);
      }
      return out;
    },
    async tenant(tenantId) {
      const item = await store.get<unknown>(CAMPAIGN_TENANTS, tenantId);
      const parsed = item ? TenantRecordSchema.safeParse(item.value) : undefined;
      return parsed?.success ? parsed.data : undefined;
    },
  };
}
