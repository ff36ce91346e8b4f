/**
 * A TargetSource for tests and benchmarks: a tenant of `size` users generated page by page from
 * their index (no fixture, nothing held per user), with every n-th user a guest, disabled, in the
 * excluded group, or already registered. Registration can be changed to test results.
 */
import type { RegistrationStatus, TargetPage, TargetQuery, TargetSource, TargetUser } from '../../campaigns/ports';

export interface SyntheticTenantOptions {
  size: number;
  guestEvery?: number;
  disabledEvery?: number;
  excludedEvery?: number;
  registeredEvery?: number;
  /** Time zone of user i (undefined = unknown). */
  timeZone?: (index: number) => string | undefined;
  /** Members of the audience group when the audience is a group: user i is a member when true. */
  inGroup?: (index: number) => boolean;
}

export const syntheticUserId = (index: number): string => `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

export function syntheticIndex(userId: string): number | undefined {
  const m = /^00000000-0000-4000-8000-([0-9a-f]{12})$/.exec(userId);
  return m?.[1] === undefined ? undefined : parseInt(m[1], 16);
}

const every = (n: number | undefined, i: number): boolean => n !== undefined && n > 0 && i % n === n - 1;

export class SyntheticTenant implements TargetSource {
  /** Registrations that happened after the nudge (userId → registeredAt). */
  readonly registrations = new Map<string, string>();
  pagesServed = 0;

  constructor(private readonly opts: SyntheticTenantOptions) {}

  user(i: number): TargetUser {
    const id = syntheticUserId(i);
    const tz = this.opts.timeZone?.(i);
    return {
      id,
      userPrincipalName: `user${i}@contoso.example`,
      userType: every(this.opts.guestEvery, i) ? 'guest' : 'member',
      accountEnabled: !every(this.opts.disabledEvery, i),
      inExcludedGroup: every(this.opts.excludedEvery, i),
      isMfaRegistered: every(this.opts.registeredEvery, i) || this.registrations.has(id),
      ...(tz ? { timeZone: tz } : {}),
    };
  }

  async page(query: TargetQuery, cursor: string | undefined): Promise<TargetPage> {
    this.pagesServed += 1;
    let i = cursor === undefined ? 0 : Number(cursor);
    if (!Number.isInteger(i) || i < 0) throw new Error('bad cursor');
    const users: TargetUser[] = [];
    for (; i < this.opts.size && users.length < query.pageSize; i += 1) {
      if (query.audience.kind === 'group' && !(this.opts.inGroup?.(i) ?? true)) continue;
      const u = this.user(i);
      // The registration report filter (isMfaRegistered eq false) happens server-side.
      if (query.audience.kind === 'notRegistered' && u.isMfaRegistered) continue;
      users.push(u);
    }
    return i < this.opts.size ? { users, next: String(i) } : { users };
  }

  async registration(_tenantId: string, userIds: string[]): Promise<RegistrationStatus[]> {
    return userIds.map((id) => {
      const at = this.registrations.get(id);
      const i = syntheticIndex(id);
      const registered = at !== undefined || (i !== undefined && every(this.opts.registeredEvery, i));
      return { id, isMfaRegistered: registered, ...(at ? { registeredAt: at } : {}) };
    });
  }
}
