/**
 * "The user holds any directory role" (findings.md PRIVILEGED_ACCOUNT): directory roles from
 * transitiveMemberOf, or userRegistrationDetails.isAdmin when memberships are unavailable or say so.
 */
import type { DirectoryFacts } from './facts';
import { buildSubject, type Subject } from './subject';

export function privilegedFromSubject(subject: Subject, directory: DirectoryFacts): { privileged: boolean; roles: string[] } {
  const roles = subject.roles.map((r) => r.displayName ?? r.roleTemplateId ?? r.id);
  const isAdmin = directory.registrationDetails?.isAdmin === true;
  return { privileged: roles.length > 0 || isAdmin, roles };
}

export function userHoldsPrivilegedRole(directory: DirectoryFacts): { privileged: boolean; roles: string[] } {
  return privilegedFromSubject(buildSubject(directory), directory);
}
