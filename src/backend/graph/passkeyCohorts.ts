/**
 * Graph side of passkey campaigns (entra-graph-2026.md §16–17): one page of the registration
 * report classified by phone cohort (src/campaigns/cohorts.ts), joined for the employees of the
 * requested cohorts with accountEnabled, group membership (campaign groups, the Passkey (FIDO2)
 * and registration-campaign targets), whether their passkey profiles let them register one, and
 * whether Microsoft's own registration campaign already nudges them. The snapshot walk for
 * results reads the report only (no per-user calls).
 */
import { z } from 'zod';
import { cohortOf, isPhoneCohort } from '../../campaigns/cohorts';
import { AuthenticationMethodsPolicySchema, type AuthenticationMethodsPolicy, type DirectoryFacts } from '../../diagnosis/facts';
import { buildSubject } from '../../diagnosis/subject';
import type { CohortSnapshotRequest, CohortSnapshotResponse, PasskeyTarget, PasskeyTargetsRequest, PasskeyTargetsResponse } from '../api';
import { passkeyOptionsFromFacts } from '../services/passkeyOptions';
import { microsoftNudgeFor } from '../services/microsoftCampaign';
import { GraphRequestError } from './errors';
import { isOk, parseCollection, parseEntity } from './parse';
import { relativeNextLink, userSegment } from './requests';
import { newMeter, type GraphExecutor } from './retry';
import type { GraphCall } from './transport';
import { batchAll, readRow, refused } from './reportRows';

const REPORT_PATH = '/reports/authenticationMethods/userRegistrationDetails';
const REPORT_SELECT =
  'id,userPrincipalName,userDisplayName,userType,isMfaRegistered,methodsRegistered,userPreferredMethodForSecondaryAuthentication,systemPreferredAuthenticationMethods,isSystemPreferredAuthenticationMethodEnabled,lastUpdatedDateTime';
const SNAPSHOT_SELECT = 'id,methodsRegistered,userPreferredMethodForSecondaryAuthentication,systemPreferredAuthenticationMethods,isSystemPreferredAuthenticationMethodEnabled,lastUpdatedDateTime';
/** checkMemberGroups takes at most 20 group ids. */
const MAX_GROUPS = 20;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const RowSchema = z
  .object({
    id: z.string(),
    userPrincipalName: z.string().nullable().optional(),
    userDisplayName: z.string().nullable().optional(),
    userType: z.string().nullable().optional(),
    isMfaRegistered: z.boolean().nullable().optional(),
    methodsRegistered: z.array(z.string()).nullable().optional(),
    defaultMfaMethod: z.string().nullable().optional(),
    userPreferredMethodForSecondaryAuthentication: z.string().nullable().optional(),
    systemPreferredAuthenticationMethods: z.array(z.string()).nullable().optional(),
    isSystemPreferredAuthenticationMethodEnabled: z.boolean().nullable().optional(),
    lastUpdatedDateTime: z.string().nullable().optional(),
  })
  .passthrough();
type Row = z.infer<typeof RowSchema>;

export interface PasskeyCohortGraph {
  passkeyTargets(q: PasskeyTargetsRequest): Promise<PasskeyTargetsResponse>;
  cohortSnapshot(q: CohortSnapshotRequest): Promise<CohortSnapshotResponse>;
}


/** Group ids named by the Fido2 configuration and the registration campaign (targets to match per employee). */
export function policyGroups(policy: AuthenticationMethodsPolicy | null): string[] {
  const fido2 = policy?.authenticationMethodConfigurations?.find((c) => c.id.toLowerCase() === 'fido2');
  const campaign = policy?.registrationEnforcement?.authenticationMethodsRegistrationCampaign;
  const targets = [...(fido2?.includeTargets ?? []), ...(fido2?.excludeTargets ?? []), ...(campaign?.includeTargets ?? []), ...(campaign?.excludeTargets ?? [])];
  return [...new Set(targets.map((t) => t.id.toLowerCase()).filter((id) => GUID.test(id)))];
}

export function createPasskeyCohortGraph(executor: GraphExecutor, opts: { baseUrl: string; excludedGroupId?: string }): PasskeyCohortGraph {
  function pageUrl(select: string, cursor: string | undefined, pageSize: number | undefined): string {
    if (cursor === undefined) return `${REPORT_PATH}?$select=${select}&$top=${pageSize ?? 500}`;
    const relative = relativeNextLink(cursor, opts.baseUrl);
    const host = URL.canParse(cursor) ? new URL(cursor).host.toLowerCase() : '';
    if (relative === undefined || host !== new URL(opts.baseUrl).host.toLowerCase() || !relative.toLowerCase().startsWith(`${REPORT_PATH.toLowerCase()}?`)) {
      throw new GraphRequestError('the cursor is not a registration report link on the Graph host', 400, 'invalid_cursor');
    }
    return relative;
  }

  async function reportPage(select: string, cursor: string | undefined, pageSize: number | undefined): Promise<{ rows: Row[]; next?: string }> {
    const reply = await executor.send({ id: 'report', method: 'GET', url: pageUrl(select, cursor, pageSize) }, newMeter());
    if (!isOk(reply)) refused('reading the registration report', reply);
    const page = parseCollection(RowSchema, reply);
    if (!page) throw new GraphRequestError('unexpected registration report shape (no value array)', reply.status, 'invalid_response');
    return page.nextLink === undefined ? { rows: page.items } : { rows: page.items, next: page.nextLink };
  }

  async function readPolicy(): Promise<AuthenticationMethodsPolicy | null> {
    const reply = await executor.send({ id: 'policy', method: 'GET', url: '/policies/authenticationMethodsPolicy' }, newMeter());
    if (reply.status === 404) return null;
    if (!isOk(reply)) refused('reading the authentication methods policy', reply);
    const parsed = parseEntity(AuthenticationMethodsPolicySchema, reply);
    return parsed.ok ? parsed.value : null;
  }


  return {
    async passkeyTargets(q) {
      const readiness = q.readiness ?? 'any';
      const [page, policy] = await Promise.all([reportPage(REPORT_SELECT, q.cursor, q.pageSize), readPolicy()]);
      const rows = page.rows.flatMap((row) => {
        const cohort = cohortOf(row);
        return isPhoneCohort(cohort) && q.cohorts.includes(cohort) ? [{ row, cohort }] : [];
      });
      const groups = [...new Set([q.group, q.excludeGroup, opts.excludedGroupId].filter((g): g is string => g !== undefined).map((g) => g.toLowerCase()).concat(policyGroups(policy)))].slice(0, MAX_GROUPS);
      const calls: GraphCall[] = [];
      for (const [i, { row }] of rows.entries()) {
        calls.push({ id: `u${i}`, method: 'GET', url: `/users/${userSegment(row.id)}?$select=id,accountEnabled` });
        if (groups.length > 0) calls.push({ id: `g${i}`, method: 'POST', url: `/users/${userSegment(row.id)}/checkMemberGroups`, body: { groupIds: groups } });
      }
      const replies = await batchAll(executor, calls);
      const targets: PasskeyTarget[] = [];
      for (const [i, { row, cohort }] of rows.entries()) {
        const read = readRow(replies, i, groups.length > 0);
        if (!read) continue;
        const { memberOf } = read;
        if (q.group !== undefined && !memberOf.includes(q.group.toLowerCase())) continue;
        const directory: DirectoryFacts = {
          user: { id: row.id, userType: row.userType ?? 'member' },
          memberships: memberOf.map((id) => ({ '@odata.type': '#microsoft.graph.group', id })),
          riskLevel: null,
          methods: [],
          devices: null,
          signIns: null,
          authenticationMethodsPolicy: policy,
          deviceRegistrationPolicy: null,
          conditionalAccessPolicies: null,
          namedLocations: null,
          registrationDetails: null,
          gaps: [],
        };
        const options = passkeyOptionsFromFacts(directory);
        const ready = options?.canRegister === true && options.profiles.some((p) => p.synced || p.deviceBound);
        if ((readiness === 'ready' && !ready) || (readiness === 'notReady' && ready)) continue;
        const nudge = microsoftNudgeFor(policy, buildSubject(directory), options, row.methodsRegistered ?? []);
        const excluded = [q.excludeGroup, opts.excludedGroupId].some((x) => x !== undefined && memberOf.includes(x.toLowerCase()));
        targets.push({
          id: row.id,
          ...(row.userPrincipalName ? { upn: row.userPrincipalName } : {}),
          ...(row.userDisplayName ? { displayName: row.userDisplayName } : {}),
          ...(row.userType ? { userType: row.userType.toLowerCase() } : {}),
          ...(read.accountEnabled !== undefined ? { accountEnabled: read.accountEnabled } : {}),
          ...(typeof row.isMfaRegistered === 'boolean' ? { isMfaRegistered: row.isMfaRegistered } : {}),
          inExcludedGroup: excluded,
          cohort,
          passkeyReady: ready,
          ...(nudge ? { microsoftNudge: nudge } : {}),
        });
      }
      return page.next === undefined ? { targets } : { targets, nextCursor: page.next };
    },

    async cohortSnapshot(q) {
      const page = await reportPage(SNAPSHOT_SELECT, q.cursor, q.pageSize);
      const rows = page.rows.map((row) => ({ id: row.id, cohort: cohortOf(row), ...(row.lastUpdatedDateTime ? { lastUpdatedDateTime: row.lastUpdatedDateTime } : {}) }));
      return page.next === undefined ? { rows } : { rows, nextCursor: page.next };
    },
  };
}
