/**
 * The bot's side of one escalation, keyed by its reference (the request's correlationId): the
 * employee's chat, the channel post, the pass message, the manager's card, the post-use watch,
 * and the risk profile shown to approvers. The pass itself is never here.
 */
import { z } from 'zod';
import { ConflictError, type DocumentStore } from '../../storage/types';
import { RiskProfileSchema } from './profile';

export const TAP_THREADS_COLLECTION = 'tap-threads';

/** A posted message: where (the reference used to reach it) and which activity. */
const RefSchema = z.object({ conversationId: z.string(), activityId: z.string(), reference: z.record(z.unknown()) });

export const FindingDetailSchema = z.object({
  code: z.string(),
  severity: z.string().optional(),
  title: z.string().optional(),
  evidence: z.record(z.unknown()).default({}),
});
export type FindingDetail = z.infer<typeof FindingDetailSchema>;

export const ThreadSchema = z.object({
  reference: z.string(),
  tenantId: z.string(),
  requestId: z.string().optional(),
  employeeConversationId: z.string(),
  employeeName: z.string(),
  findings: z.array(FindingDetailSchema),
  profile: RiskProfileSchema,
  channel: RefSchema.optional(),
  passActivityId: z.string().optional(),
  manager: z.object({ aadObjectId: z.string(), conversationId: z.string().optional(), activityId: z.string().optional(), unreachable: z.boolean().optional() }).optional(),
  watch: z
    .object({ reported: z.array(z.string()), conversationId: z.string().optional(), activityId: z.string().optional(), answer: z.enum(['mine', 'not_mine']).optional() })
    .optional(),
});
export type Thread = z.infer<typeof ThreadSchema>;

export interface ThreadStore {
  create(thread: Thread): Promise<void>;
  get(reference: string | undefined): Promise<Thread | undefined>;
  /** Read-modify-write with the ETag; retried on a concurrent change. */
  update(reference: string, change: (t: Thread) => Thread): Promise<Thread | undefined>;
}

export function createThreadStore(store: DocumentStore): ThreadStore {
  async function load(reference: string) {
    const item = await store.get<unknown>(TAP_THREADS_COLLECTION, reference);
    if (!item) return undefined;
    const parsed = ThreadSchema.safeParse(item.value);
    return parsed.success ? { thread: parsed.data, etag: item.etag } : undefined;
  }
  return {
    async create(thread) {
      await store.put(TAP_THREADS_COLLECTION, thread.reference, ThreadSchema.parse(thread), { ifNoneMatch: '*' });
    },
    async get(reference) {
      return reference ? (await load(reference))?.thread : undefined;
    },
    async update(reference, change) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await load(reference);
        if (!current) return undefined;
        const next = ThreadSchema.parse(change(current.thread));
        try {
          await store.put(TAP_THREADS_COLLECTION, reference, next, { ifMatch: current.etag });
          return next;
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
        }
      }
      throw new Error('tap thread kept changing; gave up');
    },
  };
}
