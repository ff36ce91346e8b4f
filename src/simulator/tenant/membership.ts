/**
 * Transitive group and directory-role membership, and authentication-method policy targeting.
 * Reverse indexes are rebuilt when tenant.revision changes; per-user results are cached so a
 * 100,000-user report walk stays linear.
 */
import type { JsonObject, SimDirectoryRole, SimTenant, SimUser } from '../types';

export interface Membership {
  /** Lower-cased ids of every group the user belongs to, directly or through nested groups. */
  groupsOf(user: SimUser): ReadonlySet<string>;
  /** Directory roles held directly or through a (role-assignable) group. */
  rolesOf(user: SimUser): SimDirectoryRole[];
  /** In includeTargets (all_users, a group or the user) and not in excludeTargets. */
  isTargeted(user: SimUser, config: JsonObject): boolean;
  /** state "enabled" and targeted. */
  isAllowed(user: SimUser, config: JsonObject | undefined): boolean;
}

interface Index {
  revision: number;
  parents: Map<string, string[]>;
  rolesByMember: Map<string, SimDirectoryRole[]>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function targetIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((t) => (typeof t === 'object' && t !== null && typeof (t as JsonObject).id === 'string' ? [((t as JsonObject).id as string).toLowerCase()] : []));
}

export function createMembership(tenant: SimTenant): Membership {
  let index: Index | undefined;
  const cache = new WeakMap<SimUser, { revision: number; groups: Set<string>; roles: SimDirectoryRole[] }>();

  function getIndex(): Index {
    if (index && index.revision === tenant.revision) return index;
    const parents = new Map<string, string[]>();
    for (const g of tenant.groups.values()) for (const m of g.members) push(parents, m.toLowerCase(), g.id.toLowerCase());
    const rolesByMember = new Map<string, SimDirectoryRole[]>();
    for (const r of tenant.directoryRoles.values()) for (const m of r.members) push(rolesByMember, m.toLowerCase(), r);
    index = { revision: tenant.revision, parents, rolesByMember };
    return index;
  }

  function resolve(user: SimUser) {
    const hit = cache.get(user);
    if (hit && hit.revision === tenant.revision) return hit;
    const { parents, rolesByMember } = getIndex();
    const groups = new Set<string>();
    const queue = [...(parents.get(user.id.toLowerCase()) ?? [])];
    while (queue.length > 0) {
      const g = queue.pop() as string;
      if (groups.has(g)) continue;
      groups.add(g);
      for (const p of parents.get(g) ?? []) if (!groups.has(p)) queue.push(p);
    }
    const roles = new Set<SimDirectoryRole>(rolesByMember.get(user.id.toLowerCase()) ?? []);
    for (const g of groups) for (const r of rolesByMember.get(g) ?? []) roles.add(r);
    const entry = { revision: tenant.revision, groups, roles: [...roles] };
    cache.set(user, entry);
    return entry;
  }

  const groupsOf = (user: SimUser) => resolve(user).groups;
  const rolesOf = (user: SimUser) => resolve(user).roles;

  function isTargeted(user: SimUser, config: JsonObject): boolean {
    const groups = groupsOf(user);
    const hits = (ids: string[]) => ids.some((id) => id === 'all_users' || id === user.id.toLowerCase() || groups.has(id));
    return hits(targetIds(config.includeTargets)) && !hits(targetIds(config.excludeTargets));
  }

  return {
    groupsOf,
    rolesOf,
    isTargeted,
    isAllowed: (user, config) => config !== undefined && config.state === 'enabled' && isTargeted(user, config),
  };
}

/** The method configuration with this id (case-insensitive), if the tenant configures it. */
export function methodConfiguration(tenant: SimTenant, id: string): JsonObject | undefined {
  const list = tenant.authenticationMethodsPolicy.authenticationMethodConfigurations;
  if (!Array.isArray(list)) return undefined;
  const want = id.toLowerCase();
  return list.find((c): c is JsonObject => typeof c === 'object' && c !== null && String((c as JsonObject).id).toLowerCase() === want);
}
