/**
 * Graph operations of registration-nudge campaigns (entra-graph.md §8, §9, §11.1): one page of the
 * registration report joined with each user's accountEnabled and group memberships, the proactive
 * Teams app install, and the registration state of up to 100 users (for results).
 */
import { z } from 'zod';
import type { CampaignTarget } from '../api';
import { GraphRequestError } from './errors';
import { graphErrorCode, isOk, parseCollection } from './parse';
import { relativeNextLink, userSegment } from './requests';
import { newMeter, type GraphExecutor } from './retry';
import type { GraphCall, GraphReply } from './transport';
import { batchAll, readRow, refused } from './reportRows';
import { createPasskeyCohortGraph, type PasskeyCohortGraph } from './passkeyCohorts';

/** Calls per executor.batch (its $batch requests run concurrently: keep it to 4 at a time). */
const REPORT_PATH = '/reports/authenticationMethods/userRegistrationDetails';
const REPORT_SELECT = 'id,userPrincipalName,userDisplayName,userType,isMfaRegistered';
/** Method types that carry a createdDateTime and count as strong (registration time for results). */
const STRONG_TYPES = new Set([
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
  '#microsoft.graph.fido2AuthenticationMethod',
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
  '#microsoft.graph.softwareOathAuthenticationMethod',
  '#microsoft.graph.platformCredentialAuthenticationMethod',
  '#microsoft.graph.phoneAuthenticationMethod',
]);

export interface CampaignGraphOptions {
  /** The app's id in the org catalog (appCatalogs/teamsApps/{id}; not the manifest id). */
  teamsAppId?: string;
  /** Always flagged as excluded (CAMPAIGN_EXCLUDED_GROUP_ID). */
  excludedGroupId?: string;
  /** Graph root, e.g. https://graph.microsoft.com/v1.0 (for the install bind and cursor checks). */
  baseUrl: string;
  /** The app-installation identity (TeamsAppInstallation.ReadWriteForUser.All); default: the report reader. */
  installer?: GraphExecutor;
}

export interface TargetsQuery {
  filter: 'notRegistered' | 'all';
  group?: string;
  excludeGroup?: string;
  cursor?: string;
  pageSize?: number;
}

export type InstallOutcome = { outcome: 'installed' } | { outcome: 'already' } | { outcome: 'forbidden'; reason: string };

export interface RegistrationState {
  id: string;
  isMfaRegistered: boolean;
  registeredAt?: string;
}

export interface CampaignGraph {
  targets(query: TargetsQuery): Promise<{ targets: CampaignTarget[]; nextCursor?: string }>;
  installApp(userId: string): Promise<InstallOutcome>;
  registration(userIds: string[]): Promise<RegistrationState[]>;
  /** Passkey campaigns: phone cohorts of the registration report (passkeyCohorts.ts). */
  passkeys?: PasskeyCohortGraph;
}

const RowSchema = z
  .object({
    id: z.string(),
    userPrincipalName: z.string().nullable().optional(),
    userDisplayName: z.string().nullable().optional(),
    userType: z.string().nullable().optional(),
    isMfaRegistered: z.boolean().nullable().optional(),
  })
  .passthrough();
const MethodSchema = z.object({ '@odata.type': z.string().optional(), createdDateTime: z.string().nullable().optional() }).passthrough();



const missing: GraphReply = { status: 502, headers: {}, body: null };

export function createCampaignGraph(executor: GraphExecutor, opts: CampaignGraphOptions): CampaignGraph {
  /** A cursor is only ever a report nextLink on our Graph host (never a URL the caller made up). */
  function pageUrl(q: TargetsQuery): string {
    if (q.cursor !== undefined) {
      const relative = relativeNextLink(q.cursor, opts.baseUrl);
      const base = new URL(opts.baseUrl);
      const host = (() => {
        try {
          return new URL(q.cursor).host.toLowerCase();
        } catch {
          return '';
        }
      })();
      if (relative === undefined || host !== base.host.toLowerCase() || !relative.toLowerCase().startsWith(`${REPORT_PATH.toLowerCase()}?`)) {
        throw new GraphRequestError('the cursor is not a registration report link on the Graph host', 400, 'invalid_cursor');
      }
      return relative;
    }
    const params = [`$select=${REPORT_SELECT}`, `$top=${q.pageSize ?? 500}`];
    if (q.filter === 'notRegistered') params.unshift(`$filter=${encodeURIComponent('isMfaRegistered eq false')}`);
    return `${REPORT_PATH}?${params.join('&')}`;
  }

  return {
    passkeys: createPasskeyCohortGraph(executor, { baseUrl: opts.baseUrl, ...(opts.excludedGroupId ? { excludedGroupId: opts.excludedGroupId } : {}) }),

    async targets(q) {
      const reply = await executor.send({ id: 'report', method: 'GET', url: pageUrl(q) }, newMeter());
      if (!isOk(reply)) refused('reading the registration report', reply);
      const page = parseCollection(RowSchema, reply);
      if (!page) throw new GraphRequestError('unexpected registration report shape (no value array)', reply.status, 'invalid_response');
      const groups = [q.group, q.excludeGroup, opts.excludedGroupId].filter((g): g is string => g !== undefined);
      const calls: GraphCall[] = [];
      for (const [i, row] of page.items.entries()) {
        calls.push({ id: `u${i}`, method: 'GET', url: `/users/${userSegment(row.id)}?$select=id,accountEnabled` });
        if (groups.length > 0) calls.push({ id: `g${i}`, method: 'POST', url: `/users/${userSegment(row.id)}/checkMemberGroups`, body: { groupIds: groups } });
      }
      const replies = await batchAll(executor, calls);
      const targets: CampaignTarget[] = [];
      for (const [i, row] of page.items.entries()) {
        const read = readRow(replies, i, groups.length > 0);
        if (!read) continue;
        const { memberOf } = read;
        if (q.group !== undefined && !memberOf.includes(q.group.toLowerCase())) continue;
        const excluded = [q.excludeGroup, opts.excludedGroupId].some((x) => x !== undefined && memberOf.includes(x.toLowerCase()));
        targets.push({
          id: row.id,
          ...(row.userPrincipalName ? { upn: row.userPrincipalName } : {}),
          ...(row.userDisplayName ? { displayName: row.userDisplayName } : {}),
          ...(row.userType ? { userType: row.userType.toLowerCase() } : {}),
          ...(read.accountEnabled !== undefined ? { accountEnabled: read.accountEnabled } : {}),
          ...(typeof row.isMfaRegistered === 'boolean' ? { isMfaRegistered: row.isMfaRegistered } : {}),
          inExcludedGroup: excluded,
        });
      }
      return page.nextLink === undefined ? { targets } : { targets, nextCursor: page.nextLink };
    },

    async installApp(userId) {
      if (!opts.teamsAppId) throw new GraphRequestError('TEAMS_APP_CATALOG_ID is not configured: the app cannot be installed for users', 0, 'not_configured');
      const bind = `${opts.baseUrl.replace(/\/+$/, '')}/appCatalogs/teamsApps/${encodeURIComponent(opts.teamsAppId)}`;
      const reply = await (opts.installer ?? executor).send({ id: 'install', method: 'POST', url: `/users/${userSegment(userId)}/teamwork/installedApps`, body: { 'teamsApp@odata.bind': bind } }, newMeter());
      if (reply.status === 201 || reply.status === 200 || reply.status === 204) return { outcome: 'installed' };
      if (reply.status === 409) return { outcome: 'already' };
      if (reply.status === 403 || reply.status === 404) {
        const body = reply.body as { error?: { message?: unknown } } | null;
        const message = body && typeof body === 'object' && typeof body.error?.message === 'string' ? body.error.message : '';
        return { outcome: 'forbidden', reason: `${graphErrorCode(reply)}${message ? `: ${message}` : ''}`.slice(0, 500) };
      }
      refused('installing the app for the user', reply);
    },

    async registration(userIds) {
      // isMfaRegistered from ONE paged walk of the report (the reports budget is 5 requests / 10 s
      // per tenant): never a report request per recipient. Only the registered ones' methods are
      // read, on the directory budget, for the registration time.
      const wanted = new Set(userIds.map((id) => id.toLowerCase()));
      const registered = new Set<string>();
      let url: string | undefined = `${REPORT_PATH}?$select=id,isMfaRegistered&$top=1000`;
      let seen = 0;
      while (url !== undefined && seen < wanted.size) {
        const reply = await executor.send({ id: 'report', method: 'GET', url }, newMeter());
        if (!isOk(reply)) refused('reading the registration report', reply);
        const page = parseCollection(RowSchema, reply);
        if (!page) throw new GraphRequestError('unexpected registration report shape (no value array)', reply.status, 'invalid_response');
        for (const row of page.items) {
          if (!wanted.has(row.id.toLowerCase())) continue;
          seen++;
          if (row.isMfaRegistered === true) registered.add(row.id.toLowerCase());
        }
        url = page.nextLink === undefined ? undefined : relativeNextLink(page.nextLink, opts.baseUrl);
      }
      const ids = userIds.filter((id) => registered.has(id.toLowerCase()));
      const calls: GraphCall[] = ids.map((id, i) => ({ id: `m${i}`, method: 'GET', url: `/users/${userSegment(id)}/authentication/methods` }));
      const replies = await batchAll(executor, calls);
      const methodsOf = new Map(ids.map((id, i) => [id, replies.get(`m${i}`) ?? missing]));
      return userIds.map((id) => {
        if (!registered.has(id.toLowerCase())) return { id, isMfaRegistered: false };
        const m = methodsOf.get(id) ?? missing;
        const times = isOk(m)
          ? (parseCollection(MethodSchema, m)?.items ?? [])
              .filter((x) => STRONG_TYPES.has(x['@odata.type'] ?? '') && typeof x.createdDateTime === 'string')
              .map((x) => String(x.createdDateTime))
              .filter((t) => Number.isFinite(Date.parse(t)))
              .sort((a, b) => Date.parse(a) - Date.parse(b))
          : [];
        return times[0] === undefined ? { id, isMfaRegistered: true } : { id, isMfaRegistered: true, registeredAt: times[0] };
      });
    },
  };
}
