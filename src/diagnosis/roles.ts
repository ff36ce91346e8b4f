/**
 * "The user holds any directory role" (findings.md PRIVILEGED_ACCOUNT): active directory roles from
 * transitiveMemberOf, PIM role instances (eligible or active; held directly or through a
 * role-assignable group; tenant-wide, scoped to an administrative unit or to one resource; built-in
 * or custom, entra-graph-2026.md §18), or userRegistrationDetails.isAdmin.
 */
import type { DirectoryFacts, RoleScheduleInstance } from './facts';
import { BUILT_IN_ROLE_NAMES } from './knowledge/roles';
import { buildSubject, type Subject } from './subject';

export interface RoleHolding {
  roleDefinitionId: string;
  role: string;
  kind: 'eligible' | 'active';
  via: 'direct' | 'group';
  groupId?: string;
  directoryScopeId: string;
  scope: 'tenant' | 'administrativeUnit' | 'resource';
  endDateTime: string | null;
}

function scopeOf(id: string): RoleHolding['scope'] {
  if (id === '/' || id === '') return 'tenant';
  return id.toLowerCase().startsWith('/administrativeunits/') ? 'administrativeUnit' : 'resource';
}

/** PIM instances as plain holdings; `now` drops instances that already ended. */
export function pimHoldings(subject: Subject, directory: DirectoryFacts, now?: number): RoleHolding[] {
  const out: RoleHolding[] = [];
  const add = (list: RoleScheduleInstance[] | null | undefined, kind: RoleHolding['kind']) => {
    for (const i of list ?? []) {
      const end = i.endDateTime ? Date.parse(i.endDateTime) : NaN;
      if (now !== undefined && Number.isFinite(end) && end <= now) continue;
      const direct = i.principalId.toLowerCase() === subject.userId;
      const scopeId = i.directoryScopeId ?? '/';
      out.push({
        roleDefinitionId: i.roleDefinitionId,
        role: BUILT_IN_ROLE_NAMES.get(i.roleDefinitionId.toLowerCase()) ?? i.roleDefinitionId,
        kind,
        via: direct ? 'direct' : 'group',
        ...(direct ? {} : { groupId: i.principalId }),
        directoryScopeId: scopeId,
        scope: scopeOf(scopeId),
        endDateTime: i.endDateTime ?? null,
      });
    }
  };
  add(directory.roleEligibilities, 'eligible');
  add(directory.roleAssignments, 'active');
  return out;
}

function label(h: RoleHolding): string {
  const notes = [h.kind === 'eligible' ? 'eligible' : '', h.scope === 'administrativeUnit' ? 'administrative unit' : h.scope === 'resource' ? 'one resource' : '', h.via === 'group' ? 'through a group' : ''].filter(Boolean);
  return notes.length ? `${h.role} (${notes.join(', ')})` : h.role;
}

export function privilegedFromSubject(subject: Subject, directory: DirectoryFacts, now?: number): { privileged: boolean; roles: string[]; holdings: RoleHolding[] } {
  const roles = subject.roles.map((r) => r.displayName ?? r.roleTemplateId ?? r.id);
  const holdings = pimHoldings(subject, directory, now);
  for (const h of holdings) {
    // An active tenant-wide role already listed by transitiveMemberOf is not repeated.
    if (h.kind === 'active' && h.scope === 'tenant' && roles.includes(h.role)) continue;
    const text = label(h);
    if (!roles.includes(text)) roles.push(text);
  }
  const isAdmin = directory.registrationDetails?.isAdmin === true;
  return { privileged: roles.length > 0 || isAdmin, roles, holdings };
}

export function userHoldsPrivilegedRole(directory: DirectoryFacts): { privileged: boolean; roles: string[] } {
  const { privileged, roles } = privilegedFromSubject(buildSubject(directory), directory);
  return { privileged, roles };
}
