/** Injected time, so tests and `--now` evaluate the tenant at a chosen instant. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at `at`, optionally advanced by tests. */
export class FixedClock implements Clock {
  private current: number;
  constructor(at: Date | string) {
    this.current = new Date(at).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}

/** A clock that starts at `at` and moves forward with real time (the demo tenant "as of" a date). */
export function offsetClock(at: Date | string, base: Clock = systemClock): Clock {
  const offset = new Date(at).getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}
