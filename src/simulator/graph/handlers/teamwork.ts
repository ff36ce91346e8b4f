/**
 * Teams app installations for users (entra-graph.md §11.1, §11.2):
 *   GET  /users/{id}/teamwork/installedApps[?$expand=teamsApp&$filter=teamsApp/id eq '{appId}']
 *   POST /users/{id}/teamwork/installedApps  { "teamsApp@odata.bind": ".../appCatalogs/teamsApps/{appId}" }
 *        → 201 (empty body) | 409 already installed | 403 blocked by an app permission policy
 *   GET  /users/{id}/teamwork/installedApps/{installationId}/chat
 * State per tenant (a WeakMap, so it lives and dies with the tenant): seeded from the fixture's
 * `simulation.teamwork` ({ installed: [userId], notAllowed: [userId] }); tests reach it through
 * `teamworkOf(tenant)` to block users or to act on an install (Teams' conversationUpdate).
 */
import { z } from 'zod';
import type { JsonObject, SimTenant } from '../../types';
import { evaluate, parseFilter } from '../filter';
import { contextUrl, queryOption } from '../odata';
import { anyOf, ok, type Route } from '../route';
import { GraphFault, badRequest, notFound, type GraphContext } from '../types';
import { requireUser } from './common';

export interface Teamwork {
  /** Lower-cased user id → installed catalog app ids. */
  installed: Map<string, Set<string>>;
  /** Lower-cased user ids an app permission policy blocks. */
  notAllowed: Set<string>;
  /** Called after each new install (user id as given in the fixture, catalog app id). */
  onInstall: Array<(userId: string, teamsAppId: string) => void>;
}

const SeedSchema = z.object({ installed: z.array(z.string()).optional(), notAllowed: z.array(z.string()).optional() }).passthrough();
const states = new WeakMap<SimTenant, Teamwork>();

export function teamworkOf(tenant: SimTenant): Teamwork {
  let state = states.get(tenant);
  if (!state) {
    const seed = SeedSchema.safeParse(tenant.simulation.teamwork ?? {});
    const installed = new Map<string, Set<string>>();
    for (const u of (seed.success ? seed.data.installed : undefined) ?? []) installed.set(u.toLowerCase(), new Set(['*']));
    state = { installed, notAllowed: new Set(((seed.success ? seed.data.notAllowed : undefined) ?? []).map((u) => u.toLowerCase())), onInstall: [] };
    states.set(tenant, state);
  }
  return state;
}

const READ = anyOf('TeamsAppInstallation.ReadForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All');
const WRITE = anyOf('TeamsAppInstallation.ReadWriteForUser.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All');
const BindSchema = z.object({ 'teamsApp@odata.bind': z.string().min(1) }).passthrough();

const installationId = (userId: string, appId: string) => Buffer.from(`${userId}##${appId}`).toString('base64');

/** "*" (seeded from the fixture) stands for "the app under test", whatever its catalog id. */
function has(apps: Set<string> | undefined, appId: string): boolean {
  return apps !== undefined && (apps.has(appId) || apps.has('*'));
}

function list(ctx: GraphContext, userKey: string | undefined, query: { expand?: string; filter?: string }): JsonObject {
  const user = requireUser(ctx, userKey);
  const apps = [...(teamworkOf(ctx.tenant).installed.get(user.id.toLowerCase()) ?? [])];
  let items: JsonObject[] = apps.map((appId) => ({
    id: installationId(user.id, appId),
    teamsApp: { id: appId, externalId: null, displayName: 'MFA Helper', distributionMethod: 'organization' },
  }));
  if (query.filter !== undefined) {
    const expr = parseFilter(query.filter, (p) => p === 'teamsApp' || p === 'id', 'microsoft.graph.userScopeTeamsAppInstallation');
    items = items.filter((i) => (i.teamsApp as JsonObject).id === '*' || evaluate(expr, i));
  }
  const expand = (query.expand ?? '').split(',').map((s) => s.trim());
  return {
    '@odata.context': contextUrl(ctx, `users('${user.id}')/teamwork/installedApps`),
    value: items.map((i) => (expand.includes('teamsApp') ? i : { id: i.id })),
  };
}

export const teamworkRoutes: Route[] = [
  {
    method: 'GET', pattern: '/users/{user}/teamwork/installedApps', roles: READ, denial: 'directory', workload: 'teams',
    handle: (ctx, req, p) => ok(list(ctx, p.user, { expand: queryOption(req, 'expand'), filter: queryOption(req, 'filter') })),
  },
  {
    method: 'POST', pattern: '/users/{user}/teamwork/installedApps', roles: WRITE, denial: 'directory', workload: 'teams',
    handle: (ctx, req, p) => {
      const user = requireUser(ctx, p.user);
      const body = BindSchema.safeParse(req.body);
      if (!body.success) throw badRequest('teamsApp@odata.bind is required.');
      const appId = /\/appCatalogs\/teamsApps\/([^/?#]+)$/i.exec(body.data['teamsApp@odata.bind'])?.[1];
      if (appId === undefined) throw badRequest('teamsApp@odata.bind must point at appCatalogs/teamsApps/{id}.');
      const tw = teamworkOf(ctx.tenant);
      const key = user.id.toLowerCase();
      if (tw.notAllowed.has(key)) throw new GraphFault(403, 'Forbidden', 'The app is blocked for this user by an app permission policy.');
      const apps = tw.installed.get(key) ?? new Set<string>();
      if (has(apps, decodeURIComponent(appId))) throw new GraphFault(409, 'Conflict', 'The app is already installed for this user.');
      apps.add(decodeURIComponent(appId));
      tw.installed.set(key, apps);
      for (const listener of tw.onInstall) listener(user.id, decodeURIComponent(appId));
      return { status: 201, headers: {} };
    },
  },
  {
    method: 'GET', pattern: '/users/{user}/teamwork/installedApps/{installation}/chat', roles: READ, denial: 'directory', workload: 'teams',
    handle: (ctx, _req, p) => {
      const user = requireUser(ctx, p.user);
      const apps = teamworkOf(ctx.tenant).installed.get(user.id.toLowerCase()) ?? new Set<string>();
      const appId = [...apps].find((a) => installationId(user.id, a) === p.installation);
      if (appId === undefined) throw notFound(p.installation ?? '');
      return ok({ '@odata.context': contextUrl(ctx, 'chats/$entity'), id: `19:${user.id}_${appId}@unq.gbl.spaces` });
    },
  },
];
