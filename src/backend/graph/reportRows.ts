/**
 * What both campaign kinds (registration nudges, passkey cohorts) do with a page of the
 * registration report: batch the per-row user and group-membership reads, then read each row's
 * replies the same way (a user deleted since the snapshot is skipped; a refusal stops the walk).
 */
import { z } from 'zod';
import { GraphRequestError, GraphUnavailableError } from './errors';
import { graphErrorCode, isOk, parseEntity } from './parse';
import { newMeter, type GraphExecutor } from './retry';
import type { GraphCall, GraphReply } from './transport';

/** Calls per batch round (4 $batch requests of 20). */
export const CALLS_PER_ROUND = 80;

const UserFlagsSchema = z.object({ id: z.string(), accountEnabled: z.boolean().nullable().optional() }).passthrough();
const GroupIdsSchema = z.object({ value: z.array(z.string()) }).passthrough();
const missing: GraphReply = { status: 502, headers: {}, body: null };

export function refused(what: string, reply: GraphReply): never {
  if (reply.status === 429 || reply.status >= 500) throw new GraphUnavailableError(`Graph kept failing (${reply.status}) on ${what}`, { status: reply.status });
  throw new GraphRequestError(`Graph refused ${what} (${reply.status} ${graphErrorCode(reply)})`, reply.status, graphErrorCode(reply));
}

export async function batchAll(executor: GraphExecutor, calls: GraphCall[]): Promise<Map<string, GraphReply>> {
  const all = new Map<string, GraphReply>();
  for (let i = 0; i < calls.length; i += CALLS_PER_ROUND) {
    for (const [id, reply] of await executor.batch(calls.slice(i, i + CALLS_PER_ROUND), newMeter())) all.set(id, reply);
  }
  return all;
}

export interface RowReplies {
  /** `accountEnabled` when the user reply carried it as a boolean. */
  accountEnabled?: boolean;
  /** Lower-cased ids of the checked groups the user is in. */
  memberOf: string[];
}

/** Row `i`'s replies (`u<i>`, and `g<i>` when groups were checked); undefined when the user is gone. */
export function readRow(replies: Map<string, GraphReply>, i: number, groupsChecked: boolean): RowReplies | undefined {
  const userReply = replies.get(`u${i}`) ?? missing;
  if (userReply.status === 404) return undefined; // deleted since the report's snapshot
  if (!isOk(userReply)) refused('reading a user of the report', userReply);
  const user = parseEntity(UserFlagsSchema, userReply);
  let memberOf: string[] = [];
  if (groupsChecked) {
    const g = replies.get(`g${i}`) ?? missing;
    if (!isOk(g)) refused('the group membership check', g);
    const parsed = parseEntity(GroupIdsSchema, g);
    memberOf = parsed.ok ? parsed.value.value.map((x) => x.toLowerCase()) : [];
  }
  return { memberOf, ...(user.ok && typeof user.value.accountEnabled === 'boolean' ? { accountEnabled: user.value.accountEnabled } : {}) };
}
