/**
 * Who is an approver. The decision is always the backend's (checkApprover: transitive membership
 * of the approvers group, read at click time); the roster only remembers approvers the bot has
 * verified, so request cards can name them in `refresh.userIds` (Teams allows 60).
 */
import { z } from 'zod';
import type { Logger } from '../../shared/logger';
import { describeError } from '../../shared/errors';
import { ConflictError, type DocumentStore } from '../../storage/types';
import type { HelpdeskBackend } from '../tap/ports';

export const APPROVER_ROSTER_COLLECTION = 'helpdesk-approvers';
const MAX_IDS = 60;
const RosterSchema = z.object({ ids: z.array(z.string()) });

export interface Clicker {
  /** Teams user id (29:...), used in refresh.userIds. */
  id?: string;
  aadObjectId?: string;
  name?: string;
}

export interface Approvers {
  /** Asks the backend; false when it cannot answer (never trusts a card). */
  check(aadObjectId: string | undefined): Promise<boolean>;
  remember(tenantId: string, who: Clicker): Promise<void>;
  userIds(tenantId: string): Promise<string[]>;
}

export function createApprovers(store: DocumentStore, backend: HelpdeskBackend, logger: Logger): Approvers {
  return {
    async check(aadObjectId) {
      if (!aadObjectId) return false;
      try {
        return (await backend.checkApprover({ userId: aadObjectId })).approver === true;
      } catch (e) {
        logger.warn({ err: describeError(e) }, 'approver check failed; treated as not an approver');
        return false;
      }
    },
    async remember(tenantId, who) {
      const add = [who.id, who.aadObjectId].filter((x): x is string => typeof x === 'string' && x !== '');
      for (let attempt = 0; attempt < 3; attempt++) {
        const item = await store.get<unknown>(APPROVER_ROSTER_COLLECTION, tenantId);
        const current = item ? (RosterSchema.safeParse(item.value).data?.ids ?? []) : [];
        if (add.every((id) => current.includes(id))) return;
        const ids = [...add, ...current.filter((id) => !add.includes(id))].slice(0, MAX_IDS);
        try {
          await store.put(APPROVER_ROSTER_COLLECTION, tenantId, { ids }, item ? { ifMatch: item.etag } : { ifNoneMatch: '*' });
          return;
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
        }
      }
    },
    async userIds(tenantId) {
      const item = await store.get<unknown>(APPROVER_ROSTER_COLLECTION, tenantId);
      return item ? (RosterSchema.safeParse(item.value).data?.ids ?? []) : [];
    },
  };
}
