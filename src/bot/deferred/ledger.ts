/**
 * Durable record of the work an invoke started (collection `invoke-work`, in the shared
 * DocumentStore so every instance sees it). A claim is a conditional create: of two deliveries
 * of the same press, on one instance or two, exactly one starts the work.
 *
 * States: `running` (work in flight; a re-send is answered "Checking…"), `answered` (the answer
 * went back in the invoke response: a later identical invoke is a new press), `done` (the answer
 * came late and was delivered separately: a re-send within `resendWindowMs` gets the stored card).
 */
import type { AdaptiveCard } from '../../cards/renderCard';
import type { Clock } from '../../shared/clock';
import { ConflictError, type DocumentStore, type StoredItem } from '../../storage/types';

export const INVOKE_WORK = 'invoke-work';

export interface InvokeWork {
  state: 'running' | 'answered' | 'done';
  verb: string;
  startedAt: string;
  /** A running record older than this was abandoned (instance stopped): the next press may start again. */
  leaseUntil: string;
  finishedAt?: string;
  /** The late answer, for a re-sent invoke. Never holds a pass (passes go to the 1:1 chat only). */
  card?: AdaptiveCard;
}

export type Claim = { kind: 'claimed' } | { kind: 'running' } | { kind: 'done'; card: AdaptiveCard };

export interface LedgerTimes {
  leaseMs: number;
  resendWindowMs: number;
}

export class InvokeLedger {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly times: LedgerTimes,
  ) {}

  async claim(key: string, verb: string): Promise<Claim> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.store.get<InvokeWork>(INVOKE_WORK, key);
      const verdict = existing ? this.verdict(existing.value) : undefined;
      if (verdict) return verdict;
      try {
        await this.store.put<InvokeWork>(INVOKE_WORK, key, this.fresh(verb), existing ? { ifMatch: existing.etag } : { ifNoneMatch: '*' });
        return { kind: 'claimed' };
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    return { kind: 'running' };
  }

  async finish(key: string, state: 'answered' | 'done', card?: AdaptiveCard): Promise<void> {
    const existing: StoredItem<InvokeWork> | undefined = await this.store.get<InvokeWork>(INVOKE_WORK, key);
    const base = existing?.value ?? this.fresh('');
    const value: InvokeWork = { ...base, state, finishedAt: this.clock.now().toISOString(), ...(state === 'done' && card ? { card } : { card: undefined }) };
    await this.store.put<InvokeWork>(INVOKE_WORK, key, value);
  }

  async get(key: string): Promise<InvokeWork | undefined> {
    return (await this.store.get<InvokeWork>(INVOKE_WORK, key))?.value;
  }

  /** What an identical invoke gets instead of starting the work; undefined = start it. */
  private verdict(w: InvokeWork): Claim | undefined {
    const now = this.clock.now().getTime();
    if (w.state === 'running') return Date.parse(w.leaseUntil) > now ? { kind: 'running' } : undefined;
    if (w.state === 'done' && w.card && Date.parse(w.startedAt) + this.times.resendWindowMs > now) return { kind: 'done', card: w.card };
    return undefined;
  }

  private fresh(verb: string): InvokeWork {
    const now = this.clock.now();
    return { state: 'running', verb, startedAt: now.toISOString(), leaseUntil: new Date(now.getTime() + this.times.leaseMs).toISOString() };
  }
}
