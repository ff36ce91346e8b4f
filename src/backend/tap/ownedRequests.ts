/**
 * The pass requests the backend owns (collection `backend-tap-requests`): opened only with the
 * employee's proven identity, decided only by a proven approver, closed by the recorded delivery.
 * Conditional writes (ETags) keep concurrent callers from overwriting each other. No token is stored.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { ConflictError, type DocumentStore } from '../../storage/types';

export const OWNED_REQUESTS_COLLECTION = 'backend-tap-requests';

const iso = z.string();
const OwnedRequestSchema = z.object({
  id: z.string(),
  employee: z.object({ id: z.string(), upn: z.string().optional() }),
  /** When and how the employee proved who they are (from their token). */
  employeeProof: z.object({ authenticatedAt: iso, amr: z.array(z.string()), acrs: z.array(z.string()) }),
  reason: z.string(),
  findings: z.array(z.string()),
  correlationId: z.string().optional(),
  createdAt: iso,
  expiresAt: iso,
  state: z.enum(['open', 'issued', 'delivered', 'cancelled', 'revoked']),
  decision: z
    .object({ approverId: z.string(), at: iso, authenticatedAt: iso, acrs: z.array(z.string()), verificationMethod: z.string(), methodId: z.string() })
    .optional(),
  deliveredAt: iso.optional(),
  /** Lost passes replaced (recoverLost): at most one. */
  recoveries: z.number().int().nonnegative(),
  /**
   * The employee's methods when the pass was issued (id, type, and a SHA-256 of a phone number or
   * email address, never the value): containment tells the attacker's phone or email from theirs.
   */
  methodsAtIssue: z.array(z.object({ id: z.string(), type: z.string(), fingerprint: z.string().optional() })).optional(),
  /** Who closed the request (cancel, revoke, containment) and why. */
  closed: z.object({ by: z.string(), at: iso, reason: z.string() }).optional(),
  /** The incident "This wasn't me" raised (its id); a repeated claim answers with it. */
  incidentId: z.string().optional(),
});
export type OwnedRequest = z.infer<typeof OwnedRequestSchema>;

export interface OwnedRequests {
  create(r: OwnedRequest): Promise<void>;
  get(id: string): Promise<OwnedRequest | undefined>;
  /** Applies `change` with a conditional write, re-reading on a lost race (a few times). */
  update(id: string, change: (r: OwnedRequest) => OwnedRequest): Promise<OwnedRequest>;
}

export function createOwnedRequests(store: DocumentStore): OwnedRequests {
  const read = async (id: string) => {
    const item = await store.get<unknown>(OWNED_REQUESTS_COLLECTION, id);
    if (!item) return undefined;
    const parsed = OwnedRequestSchema.safeParse(item.value);
    if (!parsed.success) throw new AppError('internal', 'stored pass request is not valid', { details: { requestId: id } });
    return { record: parsed.data, etag: item.etag };
  };
  return {
    async create(r) {
      await store.put(OWNED_REQUESTS_COLLECTION, r.id, r, { ifNoneMatch: '*' });
    },
    get: async (id) => (await read(id))?.record,
    async update(id, change) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await read(id);
        if (!current) throw new AppError('not_found', 'there is no such pass request');
        const next = change(current.record);
        try {
          await store.put(OWNED_REQUESTS_COLLECTION, id, next, { ifMatch: current.etag });
          return next;
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
        }
      }
      throw new AppError('conflict', 'the pass request is changing too often; try again');
    },
  };
}
