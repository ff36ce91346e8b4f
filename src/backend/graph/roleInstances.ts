/**
 * The tenant-wide PIM instances (cached with the policies) narrowed to one employee: rows whose
 * principal is the user or a group they belong to (a role held or made eligible through a
 * role-assignable group names the group as principal, entra-graph-2026.md §18.5).
 */
import type { DirectoryFacts, Membership, RoleScheduleInstance } from '../../diagnosis/facts';
import type { TenantPolicies } from './policies';

type RoleFacts = Pick<DirectoryFacts, 'roleEligibilities' | 'roleAssignments'>;

export function rolesOfUser(policies: TenantPolicies, userId: string, memberships: readonly Membership[]): Required<RoleFacts> {
  const principals = new Set([userId.toLowerCase()]);
  for (const m of memberships) if (m['@odata.type'].toLowerCase().endsWith('.group')) principals.add(m.id.toLowerCase());
  const mine = (list: RoleScheduleInstance[] | null) => (list === null ? null : list.filter((i) => principals.has(i.principalId.toLowerCase())));
  return { roleEligibilities: mine(policies.roleEligibilities), roleAssignments: mine(policies.roleAssignments) };
}
