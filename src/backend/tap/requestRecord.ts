/**
 * The approval request as the bot's approval service stored it (src/approvals/), when the backend
 * shares that store (local mode, or one SQLite/Azure store for both services). The backend reads
 * it only to re-check: right employee, right approver, still open. It never writes it.
 */
import { z } from 'zod';
import { REQUESTS_COLLECTION } from '../../approvals/repository';
import type { DocumentStore } from '../../storage/types';
import { TapRefusal } from './refusal';

const StoredRequestSchema = z
  .object({
    id: z.string(),
    state: z.string(),
    expiresAt: z.string(),
    requester: z.object({ aadObjectId: z.string() }).passthrough(),
    decision: z.object({ outcome: z.string(), by: z.object({ aadObjectId: z.string() }).passthrough(), at: z.string() }).passthrough().optional(),
  })
  .passthrough();

export type RecordCheck = 'verified' | 'absent';

/** Throws TapRefusal when the stored request forbids issuing; 'absent' when there is none to check. */
export async function checkRequestRecord(
  store: DocumentStore,
  input: { requestId: string; targetIds: string[]; approverId: string; now: Date; required: boolean },
): Promise<RecordCheck> {
  const item = await store.get<unknown>(REQUESTS_COLLECTION, input.requestId);
  if (!item) {
    if (input.required) throw new TapRefusal('request_not_open', 'there is no such approval request');
    return 'absent';
  }
  const parsed = StoredRequestSchema.safeParse(item.value);
  if (!parsed.success) throw new TapRefusal('request_not_open', 'the approval request record is unreadable');
  const r = parsed.data;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (!input.targetIds.some((t) => same(t, r.requester.aadObjectId))) {
    throw new TapRefusal('request_mismatch', 'the approval request is for another employee');
  }
  if (r.state === 'pending') {
    if (Date.parse(r.expiresAt) <= input.now.getTime()) throw new TapRefusal('request_not_open', 'the approval request expired before it was decided', { state: 'expired' });
    return 'verified';
  }
  if (r.state === 'approved' || r.state === 'issuing') {
    if (!r.decision || r.decision.outcome !== 'approved' || !same(r.decision.by.aadObjectId, input.approverId)) {
      throw new TapRefusal('request_mismatch', 'the approval request was approved by someone else');
    }
    if (Date.parse(r.decision.at) > Date.parse(r.expiresAt)) throw new TapRefusal('request_not_open', 'the approval came after the request expired', { state: 'expired' });
    return 'verified';
  }
  throw new TapRefusal('request_not_open', `the approval request is ${r.state}`, { state: r.state });
}
