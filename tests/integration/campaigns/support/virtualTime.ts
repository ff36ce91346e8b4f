/**
 * Simulated time for runs over real loopback HTTP: `sleep` never waits on the wall clock; the
 * clock jumps to the earliest sleeper, but only while no tracked I/O is in flight, so an HTTP
 * round trip takes zero simulated time and rates measured in simulated time are exact.
 */
import type { Clock } from '../../../../src/shared/clock';
import type { NudgeSender } from '../../../../src/campaigns/ports';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export class VirtualTime {
  private nowMs: number;
  private readonly timers: Timer[] = [];
  private busy = 0;
  private seq = 0;
  private scheduled = false;
  readonly clock: Clock = { now: () => new Date(this.nowMs) };

  constructor(start: string) {
    this.nowMs = Date.parse(start);
  }

  get ms(): number {
    return this.nowMs;
  }

  readonly sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      this.timers.push({ at: this.nowMs + Math.max(0, ms), seq: this.seq++, resolve });
      this.kick();
    });

  /** Runs real I/O; simulated time stands still until it settles. */
  async hold<T>(io: () => Promise<T>): Promise<T> {
    this.busy += 1;
    try {
      return await io();
    } finally {
      this.busy -= 1;
      this.kick();
    }
  }

  /** The sender with every network call held. */
  track(sender: NudgeSender): NudgeSender {
    return {
      findConversation: (u) => this.hold(() => sender.findConversation(u)),
      installApp: (u) => this.hold(() => sender.installApp(u)),
      createConversation: (u) => this.hold(() => sender.createConversation(u)),
      send: (c, n, k) => this.hold(() => sender.send(c, n, k)),
      wasDelivered: (c, k) => this.hold(() => sender.wasDelivered(c, k)),
    };
  }

  private kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.tick());
  }

  private tick(): void {
    this.scheduled = false;
    if (this.busy > 0 || this.timers.length === 0) return;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.timers.shift();
    if (!next) return;
    this.nowMs = Math.max(this.nowMs, next.at);
    next.resolve();
    if (this.timers.length > 0) this.kick();
  }
}
