/**
 * What /api/messages accepts before an activity reaches the Bot Framework SDK: the fields the SDK
 * and the app read, with their types and sane sizes. Anything else is a malformed activity and
 * gets a 400 JSON answer (the SDK would otherwise throw deep inside and answer 500).
 */
import { z } from 'zod';

export const ACTIVITY_TYPES = [
  'message', 'contactRelationUpdate', 'conversationUpdate', 'typing', 'endOfConversation', 'event', 'invoke', 'invokeResponse',
  'deleteUserData', 'messageUpdate', 'messageDelete', 'installationUpdate', 'messageReaction', 'suggestion', 'trace', 'handoff', 'command', 'commandResult',
] as const;

// eslint-disable-next-line no-control-regex
const id = z.string().min(1).max(1000).regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');
const text = (max: number) => z.string().max(max);
const account = z
  .object({ id, name: text(1000).nullable().optional(), aadObjectId: z.string().min(1).max(200).optional(), role: text(50).optional() })
  .passthrough();
const httpUrl = z
  .string()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

export const ActivityEnvelopeSchema = z
  .object({
    type: z.enum(ACTIVITY_TYPES),
    id: id.optional(),
    channelId: z.string().min(1).max(100),
    serviceUrl: httpUrl,
    timestamp: text(100).optional(),
    localTimestamp: text(100).optional(),
    locale: text(100).optional(),
    from: account,
    recipient: account,
    conversation: z
      .object({ id, conversationType: text(100).optional(), tenantId: text(200).optional(), isGroup: z.boolean().optional(), name: text(1000).nullable().optional() })
      .passthrough(),
    text: text(28_000).optional(),
    textFormat: text(50).optional(),
    name: z.string().min(1).max(200).optional(),
    replyToId: id.optional(),
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
    entities: z.array(z.object({ type: z.string().max(200) }).passthrough()).max(100).optional(),
    attachments: z.array(z.object({ contentType: z.string().max(200) }).passthrough()).max(50).optional(),
    channelData: z.object({ tenant: z.object({ id: text(200) }).passthrough().optional() }).passthrough().optional(),
  })
  .passthrough()
  .superRefine((a, ctx) => {
    if (a.type === 'invoke' && a.name === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['name'], message: 'an invoke needs a name' });
  });
