/**
 * A slow backend stand-in and a hand-driven invoke deadline: the backend's diagnose waits until
 * the test releases it, and the deadline expires when the test says so (no wall-clock waits).
 */
import type { DiagnoseRequest, DiagnoseResponse } from '../../src/backend/api';
import type { After } from '../../src/bot/deferred/timing';
import { FakeBackend } from './harness';

export class SlowBackend extends FakeBackend {
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;
  private arrived: Array<() => void> = [];

  /** The next diagnose calls wait until release(). */
  hold(): void {
    this.gate = new Promise((r) => (this.open = r));
  }

  release(): void {
    this.open();
    this.gate = Promise.resolve();
  }

  /** Resolves when `n` diagnose calls have arrived in total. */
  async calls(n: number): Promise<void> {
    while (this.diagnoseCalls.length < n) await new Promise<void>((r) => this.arrived.push(r));
  }

  override async diagnose(request: DiagnoseRequest): Promise<DiagnoseResponse> {
    const gate = this.gate;
    const answer = super.diagnose(request);
    answer.catch(() => undefined);
    for (const wake of this.arrived.splice(0)) wake();
    await gate;
    return answer;
  }
}

/** Timers that fire only when `expire()` is called (the invoke deadline passing). */
export function handTimer(): { after: After; expire: () => void; started: () => number } {
  let waiting: Array<() => void> = [];
  let count = 0;
  return {
    after: () => {
      count += 1;
      let fire: () => void = () => undefined;
      const done = new Promise<void>((r) => (fire = r));
      waiting.push(fire);
      return { done, cancel: () => (waiting = waiting.filter((f) => f !== fire)) };
    },
    expire: () => {
      for (const f of waiting.splice(0)) f();
    },
    started: () => count,
  };
}
