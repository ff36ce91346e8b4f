/**
 * What the backend keeps about Face Check (document store, like the pass requests it owns):
 *  - `backend-facecheck-sessions/{state}`: one presentation request, correlated on the callback's
 *    `state` (a random id the backend chose), bound to the pass request and the employee;
 *  - `backend-facecheck-evidence/{passRequestId}/{at}-{state}`: each result as FaceCheckEvidence,
 *    newest last in key order, read by the ladder through FaceCheckEvidenceSource.
 * No token, api-key or photo is stored; the claims kept are the ones compared (mail/UPN).
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { ConflictError, type DocumentStore } from '../../storage/types';
import { FaceCheckEvidenceSchema, type FaceCheckEvidence, type FaceCheckEvidenceSource } from '../verification/evidence';

export const FACE_CHECK_SESSIONS = 'backend-facecheck-sessions';
export const FACE_CHECK_EVIDENCE = 'backend-facecheck-evidence';

export const FaceCheckSessionSchema = z.object({
  state: z.string(),
  passRequestId: z.string(),
  employeeId: z.string(),
  /** Lower-cased mail and UPN of the employee (from the directory): a credential must carry one. */
  expectedClaims: z.array(z.string()),
  presentationRequestId: z.string(),
  threshold: z.number().int().min(50).max(100),
  approverId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['created', 'retrieved', 'verified', 'failed']),
});
export type FaceCheckSession = z.infer<typeof FaceCheckSessionSchema>;

export function createFaceCheckRecords(store: DocumentStore) {
  const getSession = async (state: string) => {
    const item = await store.get<unknown>(FACE_CHECK_SESSIONS, state);
    if (!item) return undefined;
    const parsed = FaceCheckSessionSchema.safeParse(item.value);
    if (!parsed.success) throw new AppError('internal', 'stored Face Check session is not valid');
    return { session: parsed.data, etag: item.etag };
  };
  return {
    createSession: async (s: FaceCheckSession) => {
      await store.put(FACE_CHECK_SESSIONS, s.state, s, { ifNoneMatch: '*' });
    },
    getSession: async (state: string) => (await getSession(state))?.session,
    /**
     * Moves a session from one of `from` to `to` with a conditional write; false when it is no longer
     * in `from` (a duplicate or late callback), so each result is recorded once.
     */
    async advance(state: string, from: FaceCheckSession['status'][], to: FaceCheckSession['status']): Promise<boolean> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const cur = await getSession(state);
        if (!cur || !from.includes(cur.session.status)) return false;
        try {
          await store.put(FACE_CHECK_SESSIONS, state, { ...cur.session, status: to }, { ifMatch: cur.etag });
          return true;
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
        }
      }
      return false;
    },
    async addEvidence(passRequestId: string, state: string, evidence: FaceCheckEvidence): Promise<void> {
      await store.put(FACE_CHECK_EVIDENCE, `${passRequestId}/${evidence.at}-${state}`, FaceCheckEvidenceSchema.parse(evidence), { ifNoneMatch: '*' });
    },
  };
}

/** FaceCheckEvidenceSource over the backend's document store (the newest record for a pass request). */
export function createFaceCheckEvidenceSource(store: DocumentStore): FaceCheckEvidenceSource {
  return {
    async latest(requestId) {
      const prefix = `${requestId}/`;
      let last: unknown;
      let after: string | undefined;
      for (;;) {
        const page = await store.list<unknown>(FACE_CHECK_EVIDENCE, { prefix, limit: 100, ...(after ? { after } : {}) });
        if (page.length === 0) break;
        last = page[page.length - 1]?.value;
        after = page[page.length - 1]?.key;
        if (page.length < 100) break;
      }
      if (last === undefined) return undefined;
      const parsed = FaceCheckEvidenceSchema.safeParse(last);
      return parsed.success ? parsed.data : undefined;
    },
  };
}
