/**
 * One instance at a time runs each store-writing follower (issue 9): with several backend
 * instances on one Azure store, a follower that every instance ran would spend the tenant's report
 * budget several times for the same data. The lease is a document (`follower-leases/<name>`)
 * claimed with conditional writes: absent or expired → take it; held by this instance → extend
 * it; held by another and live → skip this run (that instance is reading; the store is shared).
 * An instance that stops simply lets its lease run out.
 */
import type { Clock } from '../../shared/clock';
import { ConflictError, type DocumentStore } from '../../storage/types';

const LEASES = 'follower-leases';

interface Lease {
  holder: string;
  until: string;
}

export interface FollowerLease {
  /** True when this instance may run `name` now (and holds it for `ttlMs`). */
  claim(name: string, ttlMs: number): Promise<boolean>;
}

export class DocumentFollowerLease implements FollowerLease {
  constructor(
    private readonly docs: DocumentStore,
    private readonly clock: Clock,
    private readonly holder: string,
  ) {}

  async claim(name: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now().getTime();
    const known = await this.docs.get<Lease>(LEASES, name);
    if (known && known.value.holder !== this.holder && Date.parse(known.value.until) > now) return false;
    const lease: Lease = { holder: this.holder, until: new Date(now + ttlMs).toISOString() };
    try {
      await this.docs.put<Lease>(LEASES, name, lease, known ? { ifMatch: known.etag } : { ifNoneMatch: '*' });
      return true;
    } catch (e) {
      if (e instanceof ConflictError) return false; // another instance claimed it in between
      throw e;
    }
  }
}
