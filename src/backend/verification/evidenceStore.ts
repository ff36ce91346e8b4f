/**
 * The evidence the backend recorded for each pass request (collection `backend-verification`,
 * one document per request id), appended with conditional writes so concurrent confirmations
 * never overwrite each other. A manager's "No" is kept too: it blocks the pass until a new request.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { ConflictError, type DocumentStore } from '../../storage/types';
import { VerificationEvidenceSchema, type VerificationEvidence } from './evidence';

export const VERIFICATION_COLLECTION = 'backend-verification';

const RecordSchema = z.object({
  requestId: z.string(),
  evidence: z.array(VerificationEvidenceSchema),
  /** The directory manager answered "No, I did not ask for this". */
  managerDeclined: z.object({ managerId: z.string(), at: z.string() }).optional(),
});
export type VerificationRecord = z.infer<typeof RecordSchema>;

export interface EvidenceStore {
  get(requestId: string): Promise<VerificationRecord>;
  /** Adds one piece of evidence (replacing an earlier one of the same kind by the same person). */
  add(requestId: string, evidence: VerificationEvidence): Promise<VerificationRecord>;
  declineByManager(requestId: string, managerId: string, at: string): Promise<VerificationRecord>;
}

const whoOf = (e: VerificationEvidence): string => (e.kind === 'callback' ? e.confirmedBy : e.kind === 'manager' ? e.managerId : e.presentationRequestId);

export function createEvidenceStore(store: DocumentStore): EvidenceStore {
  async function read(requestId: string): Promise<{ record: VerificationRecord; etag?: string }> {
    const item = await store.get<unknown>(VERIFICATION_COLLECTION, requestId);
    if (!item) return { record: { requestId, evidence: [] } };
    const parsed = RecordSchema.safeParse(item.value);
    if (!parsed.success) throw new AppError('internal', 'stored verification evidence is not valid', { details: { requestId } });
    return { record: parsed.data, etag: item.etag };
  }

  async function change(requestId: string, apply: (r: VerificationRecord) => VerificationRecord): Promise<VerificationRecord> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await read(requestId);
      const next = apply(current.record);
      try {
        await store.put(VERIFICATION_COLLECTION, requestId, next, current.etag ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
        return next;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    throw new AppError('conflict', 'the verification record is changing too often; try again');
  }

  return {
    get: async (requestId) => (await read(requestId)).record,
    add: (requestId, evidence) =>
      change(requestId, (r) => ({ ...r, evidence: [...r.evidence.filter((e) => !(e.kind === evidence.kind && whoOf(e) === whoOf(evidence))), evidence] })),
    declineByManager: (requestId, managerId, at) => change(requestId, (r) => ({ ...r, managerDeclined: { managerId, at } })),
  };
}
