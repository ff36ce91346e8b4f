/**
 * The backend's own issuance ledger: one document per approval request id in the DocumentStore.
 * A conditional create (If-None-Match: *) claims the id BEFORE any Graph call, so two approvers,
 * a retried click or two bot instances produce one pass. The pass itself is never stored.
 */
import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { ConflictError, type DocumentStore } from '../../storage/types';

export const ISSUANCE_COLLECTION = 'backend-tap-issuance';

const EntrySchema = z.object({
  requestId: z.string(),
  state: z.enum(['issuing', 'issued', 'refused', 'failed']),
  approverId: z.string(),
  targetUser: z.string(),
  claimedAt: z.string(),
  /** An `issuing` claim older than this was abandoned (crash) and may be taken over. */
  claimUntil: z.string(),
  attempt: z.number().int().positive(),
  methodId: z.string().optional(),
  issuedAt: z.string().optional(),
  expiresAt: z.string().optional(),
  reason: z.string().optional(),
  /** Set when this attempt replaces the pass of an earlier attempt whose answer was lost. */
  lostMethodId: z.string().optional(),
});
export type LedgerEntry = z.infer<typeof EntrySchema>;

export interface Claim {
  entry: LedgerEntry;
  etag: string;
}

export interface Ledger {
  /** Claims the request id for one issuance attempt; throws AppError `conflict` when it is taken or done. */
  claim(input: { requestId: string; approverId: string; targetUser: string; recoverLost?: boolean }): Promise<Claim>;
  /** Records the outcome (conditional on the claim; a lost write is logged, never thrown). */
  settle(claim: Claim, outcome: Pick<LedgerEntry, 'state'> & Partial<LedgerEntry>): Promise<void>;
  get(requestId: string): Promise<LedgerEntry | undefined>;
}

const alreadyIssued = (e: LedgerEntry) =>
  new AppError('conflict', 'already issued: a pass was already issued for this request; it is never issued twice', {
    details: { requestId: e.requestId, ...(e.methodId ? { methodId: e.methodId } : {}) },
  });
const inProgress = (requestId: string) =>
  new AppError('conflict', 'issuance in progress: another attempt for this request is running', { details: { requestId } });

export function createLedger(deps: { store: DocumentStore; clock: Clock; logger: Logger; claimSeconds: number }): Ledger {
  const read = async (requestId: string): Promise<{ entry: LedgerEntry; etag: string } | undefined> => {
    const item = await deps.store.get<unknown>(ISSUANCE_COLLECTION, requestId);
    if (!item) return undefined;
    const parsed = EntrySchema.safeParse(item.value);
    if (!parsed.success) throw new AppError('internal', 'stored issuance ledger entry is not valid', { details: { requestId } });
    return { entry: parsed.data, etag: item.etag };
  };

  return {
    async claim(input) {
      const now = deps.clock.now();
      const { recoverLost, ...who } = input;
      const fresh = (attempt: number, lostMethodId?: string): LedgerEntry => ({
        ...who,
        ...(lostMethodId ? { lostMethodId } : {}),
        state: 'issuing',
        claimedAt: now.toISOString(),
        claimUntil: new Date(now.getTime() + deps.claimSeconds * 1000).toISOString(),
        attempt,
      });
      const current = await read(input.requestId);
      try {
        if (!current) {
          const entry = fresh(1);
          return { entry, etag: await deps.store.put(ISSUANCE_COLLECTION, input.requestId, entry, { ifNoneMatch: '*' }) };
        }
        const { entry, etag } = current;
        if (entry.state === 'issued') {
          // A lost answer may be recovered only by the same approver for the same employee.
          const sameCaller = entry.approverId === who.approverId && entry.targetUser.toLowerCase() === who.targetUser.toLowerCase();
          // ...and once: an entry that already replaced a lost pass is never recovered again.
          if (!recoverLost || !sameCaller || !entry.methodId || entry.lostMethodId) throw alreadyIssued(entry);
          const next = fresh(entry.attempt + 1, entry.methodId);
          return { entry: next, etag: await deps.store.put(ISSUANCE_COLLECTION, input.requestId, next, { ifMatch: etag }) };
        }
        if (entry.state === 'issuing' && Date.parse(entry.claimUntil) > now.getTime()) throw inProgress(input.requestId);
        // Refused or failed earlier (e.g. existing pass, then the approver chose to replace it), or abandoned.
        const next = fresh(entry.attempt + 1);
        return { entry: next, etag: await deps.store.put(ISSUANCE_COLLECTION, input.requestId, next, { ifMatch: etag }) };
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        const winner = await read(input.requestId);
        throw winner?.entry.state === 'issued' ? alreadyIssued(winner.entry) : inProgress(input.requestId);
      }
    },
    async settle(claim, outcome) {
      const entry: LedgerEntry = { ...claim.entry, ...outcome };
      try {
        await deps.store.put(ISSUANCE_COLLECTION, entry.requestId, entry, { ifMatch: claim.etag });
      } catch (e) {
        deps.logger.error({ requestId: entry.requestId, state: entry.state, err: e instanceof Error ? e.message : String(e) }, 'issuance ledger update lost');
      }
    },
    get: async (requestId) => (await read(requestId))?.entry,
  };
}
