/**
 * The bot's note of each Face Check it sent (collection `tap-facecheck`, keyed by pass request id):
 * which presentation, until when, and, once the backend recorded it, the result. Maintenance polls
 * the backend for open ones and refreshes the channel card when a result arrives; the request card
 * reads the result from here (faceCheckOf). The result itself is made by the backend, never here.
 */
import { z } from 'zod';
import { FaceCheckStatusResponseSchema } from '../../backend/api';
import type { DocumentStore } from '../../storage/types';

export const FACE_CHECK_COLLECTION = 'tap-facecheck';

export const SentFaceCheckSchema = z.object({
  requestId: z.string(),
  presentationRequestId: z.string(),
  approverId: z.string(),
  sentAt: z.string(),
  expiresAt: z.string(),
  /** The backend's FaceCheckEvidence for this presentation once its callback arrived; null = none came in time. */
  evidence: FaceCheckStatusResponseSchema.shape.evidence.optional(),
});
export type SentFaceCheck = z.infer<typeof SentFaceCheckSchema>;

export async function saveFaceCheck(store: DocumentStore, f: SentFaceCheck): Promise<void> {
  await store.put(FACE_CHECK_COLLECTION, f.requestId, SentFaceCheckSchema.parse(f));
}

/** The newest Face Check the bot sent for a pass request (with its result when known). */
export async function faceCheckOf(store: DocumentStore, requestId: string): Promise<SentFaceCheck | undefined> {
  const item = await store.get<unknown>(FACE_CHECK_COLLECTION, requestId);
  const parsed = item ? SentFaceCheckSchema.safeParse(item.value) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/** Sent Face Checks still waiting for a result. */
export async function waitingFaceChecks(store: DocumentStore): Promise<SentFaceCheck[]> {
  const out: SentFaceCheck[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.list<unknown>(FACE_CHECK_COLLECTION, { limit: 200, ...(after ? { after } : {}) });
    for (const item of page) {
      const parsed = SentFaceCheckSchema.safeParse(item.value);
      if (parsed.success && parsed.data.evidence === undefined) out.push(parsed.data);
    }
    if (page.length < 200) return out;
    after = page[page.length - 1]?.key;
  }
}
