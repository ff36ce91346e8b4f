/**
 * Time for the invoke deadline, injectable: `after(ms)` is a cancellable timer (fake timers or a
 * hand-driven one in tests), and `BackgroundWork` keeps the work that outlived its invoke so
 * shutdown and tests can wait for it.
 */
export interface Timer {
  done: Promise<void>;
  cancel(): void;
}
export type After = (ms: number) => Timer;

export const realAfter: After = (ms) => {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve) => {
    handle = setTimeout(resolve, ms);
    handle.unref?.();
  });
  return { done, cancel: () => clearTimeout(handle) };
};

export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => this.running.delete(p));
    this.running.add(p);
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves when everything started so far (and anything it started) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Shutdown: waits for the work in flight, at most `timeoutMs`; true when all of it finished. */
  async drain(timeoutMs: number, after: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms).unref())): Promise<boolean> {
    const done = this.idle().then(() => true);
    return Promise.race([done, after(timeoutMs).then(() => this.running.size === 0)]);
  }
}

export interface InvokeDeadlineOptions {
  /** Answer every Action.Execute within this; slower work finishes in the background (default 1000 ms: the rest of the 2 s target is left for the turn around it). */
  answerWithinMs?: number;
  after?: After;
  background?: BackgroundWork;
  /** How long a running record blocks an identical invoke (default 120 s; afterwards it counts as abandoned). */
  leaseMs?: number;
  /** How long a late answer is replayed to an identical invoke (Teams re-sends after ~15 s; default 60 s). */
  resendWindowMs?: number;
}

export interface InvokeDeadline {
  answerWithinMs: number;
  after: After;
  background: BackgroundWork;
  leaseMs: number;
  resendWindowMs: number;
}

export function resolveDeadline(opts: InvokeDeadlineOptions = {}): InvokeDeadline {
  return {
    answerWithinMs: opts.answerWithinMs ?? 1000,
    after: opts.after ?? realAfter,
    background: opts.background ?? new BackgroundWork(),
    leaseMs: opts.leaseMs ?? 120_000,
    resendWindowMs: opts.resendWindowMs ?? 60_000,
  };
}
