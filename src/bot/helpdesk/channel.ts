/**
 * Where escalations go: the helpdesk channel chosen by an approver ("use this channel for
 * helpdesk", stored per tenant) or HELPDESK_CHANNEL_ID from config.
 */
import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { DocumentStore } from '../../storage/types';

export const HELPDESK_CHANNEL_COLLECTION = 'helpdesk-channel';

const StoredChannelSchema = z.object({
  tenantId: z.string(),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  botId: z.string(),
  botName: z.string().optional(),
  setBy: z.string(),
  setAt: z.string(),
});
export type StoredChannel = z.infer<typeof StoredChannelSchema>;

/** "19:abc@thread.tacv2;messageid=123" (a reply thread) → "19:abc@thread.tacv2" (the channel). */
export function channelIdOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

export function channelReference(c: { tenantId: string; channelId: string; serviceUrl: string; botId: string; botName?: string }): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: c.serviceUrl,
    bot: { id: c.botId, name: c.botName ?? 'MFA Helper' },
    conversation: { id: c.channelId, isGroup: true, conversationType: 'channel', tenantId: c.tenantId, name: '' },
  };
}

export interface ChannelStore {
  set(channel: StoredChannel): Promise<void>;
  /** The stored channel, else the configured one (reached through `fallback`'s service URL and bot). */
  resolve(tenantId: string, fallback?: Partial<ConversationReference>): Promise<Partial<ConversationReference> | undefined>;
}

export function createChannelStore(store: DocumentStore, configuredChannelId?: string): ChannelStore {
  return {
    async set(channel) {
      await store.put(HELPDESK_CHANNEL_COLLECTION, channel.tenantId, StoredChannelSchema.parse(channel));
    },
    async resolve(tenantId, fallback) {
      const item = await store.get<unknown>(HELPDESK_CHANNEL_COLLECTION, tenantId);
      const parsed = item ? StoredChannelSchema.safeParse(item.value) : undefined;
      if (parsed?.success) return channelReference(parsed.data);
      if (!configuredChannelId || !fallback?.serviceUrl || !fallback.bot) return undefined;
      return channelReference({ tenantId, channelId: configuredChannelId, serviceUrl: fallback.serviceUrl, botId: fallback.bot.id, botName: fallback.bot.name });
    },
  };
}
