/**
 * Who the employee is for targeting purposes: id, groups and directory roles (transitive), guest or
 * member. Shared by the methods-policy, registration-campaign and Conditional Access evaluation.
 */
import type { DirectoryFacts } from './facts';

export interface Subject {
  userId: string;
  userPrincipalName: string;
  isGuest: boolean;
  groupIds: ReadonlySet<string>;
  /** Directory roles: both the role object ids and their roleTemplateIds (CA uses template ids). */
  roleIds: ReadonlySet<string>;
  roles: Array<{ id: string; displayName: string | null; roleTemplateId: string | null }>;
  /** false when transitiveMemberOf was unavailable: group/role targets cannot be matched. */
  membershipKnown: boolean;
}

const lower = (s: string | null | undefined): string => (s ?? '').toLowerCase();

export function buildSubject(directory: DirectoryFacts): Subject {
  const groupIds = new Set<string>();
  const roleIds = new Set<string>();
  const roles: Subject['roles'] = [];
  for (const m of directory.memberships ?? []) {
    const type = lower(m['@odata.type']);
    if (type.endsWith('.directoryrole')) {
      roleIds.add(lower(m.id));
      if (m.roleTemplateId) roleIds.add(lower(m.roleTemplateId));
      roles.push({ id: m.id, displayName: m.displayName ?? null, roleTemplateId: m.roleTemplateId ?? null });
    } else if (type.endsWith('.group')) {
      groupIds.add(lower(m.id));
    }
  }
  return {
    userId: lower(directory.user.id),
    userPrincipalName: lower(directory.user.userPrincipalName),
    isGuest: lower(directory.user.userType) === 'guest',
    groupIds,
    roleIds,
    roles,
    membershipKnown: directory.memberships !== null,
  };
}

export interface TargetRef {
  id: string;
  targetType?: string;
}

/** Does one methods-policy/campaign target name this user (`all_users`, their id, or one of their groups)? */
export function targetMatches(target: TargetRef, subject: Subject): boolean {
  const id = lower(target.id);
  return id === 'all_users' || id === subject.userId || subject.groupIds.has(id);
}

/** A group target that could not be matched because memberships are unknown. */
export function targetUnknown(target: TargetRef, subject: Subject): boolean {
  const id = lower(target.id);
  return !subject.membershipKnown && id !== 'all_users' && id !== subject.userId && lower(target.targetType) !== 'user';
}
