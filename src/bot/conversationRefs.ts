/** Conversation references for proactive sends, in the DocumentStore keyed by conversation id. */
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { DocumentStore } from '../storage/types';
import { readerOfActivity } from './reader';

export const CONVERSATION_REFS = 'conversation-refs';

const AccountSchema = z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }).passthrough();

export const StoredReferenceSchema = z.object({
  tenantId: z.string(),
  userAadObjectId: z.string().optional(),
  savedAt: z.string(),
  /** The reader's time zone at the last save (Teams `localTimezone`), for proactive messages. */
  timeZone: z.string().optional(),
  /** The employee's own language choice ("speak English"), for proactive messages. */
  language: z.string().optional(),
  reference: z
    .object({
      channelId: z.string(),
      serviceUrl: z.string(),
      conversation: z.object({ id: z.string() }).passthrough(),
      bot: AccountSchema,
      user: AccountSchema.optional(),
      locale: z.string().optional(),
    })
    .passthrough(),
});
export type StoredReference = z.infer<typeof StoredReferenceSchema>;

export async function saveConversationReference(store: DocumentStore, activity: Partial<Activity>, tenantId: string, now: Date): Promise<void> {
  const reference = TurnContext.getConversationReference(activity);
  const conversationId = reference.conversation?.id;
  if (!conversationId) return;
  const previous = await loadConversationReference(store, conversationId);
  const timeZone = readerOfActivity(activity).timeZone ?? previous?.timeZone;
  const value = {
    tenantId,
    userAadObjectId: activity.from?.aadObjectId,
    savedAt: now.toISOString(),
    ...(timeZone ? { timeZone } : {}),
    ...(previous?.language ? { language: previous.language } : {}),
    reference: { ...reference, ...(reference.locale ? {} : previous?.reference.locale ? { locale: previous.reference.locale } : {}) },
  };
  await store.put(CONVERSATION_REFS, conversationId, JSON.parse(JSON.stringify(value)) as unknown);
}

export async function loadConversationReference(store: DocumentStore, conversationId: string): Promise<StoredReference | undefined> {
  const item = await store.get<unknown>(CONVERSATION_REFS, conversationId);
  if (!item) return undefined;
  const parsed = StoredReferenceSchema.safeParse(item.value);
  return parsed.success ? parsed.data : undefined;
}

/** The reference for a proactive send: a new message in the chat, not a reply to an old activity. */
export function asConversationReference(stored: StoredReference): Partial<ConversationReference> {
  const { activityId: _activityId, ...reference } = stored.reference as Record<string, unknown>;
  return reference as Partial<ConversationReference>;
}

/** Records (or clears) the employee's language choice on the stored reference, for proactive messages. */
export async function saveLanguageChoice(store: DocumentStore, conversationId: string, language: string | undefined): Promise<void> {
  const stored = await loadConversationReference(store, conversationId);
  if (!stored) return;
  const { language: _old, ...rest } = stored;
  await store.put(CONVERSATION_REFS, conversationId, JSON.parse(JSON.stringify(language ? { ...rest, language } : rest)) as unknown);
}
