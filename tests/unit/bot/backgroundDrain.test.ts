/**
 * Shutdown waits for invoke work answered late ("Checking…" → the result), bounded by the drain
 * period (src/bot/deferred/timing.ts, used by src/startup/botService.ts).
 */
import { BackgroundWork } from '../../../src/bot/deferred/timing';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('draining invoke work on shutdown', () => {
  it('waits until the work in flight (and work it started) has finished', async () => {
    const bg = new BackgroundWork();
    const first = deferred();
    const second = deferred();
    const log: string[] = [];
    bg.track(first.promise.then(() => {
      log.push('first');
      bg.track(second.promise.then(() => void log.push('second')));
    }));
    const never = deferred();
    const drained = bg.drain(30_000, () => never.promise);
    first.resolve();
    await Promise.resolve();
    second.resolve();

    expect(await drained).toBe(true);
    expect(log).toEqual(['first', 'second']);
    expect(bg.size).toBe(0);
  });

  it('gives up after the drain period and says so, leaving the work running', async () => {
    const bg = new BackgroundWork();
    bg.track(deferred().promise);
    const period = deferred();
    const drained = bg.drain(10_000, () => period.promise);
    period.resolve();

    expect(await drained).toBe(false);
    expect(bg.size).toBe(1);
  });

  it('a failed piece of work does not stop the drain', async () => {
    const bg = new BackgroundWork();
    bg.track(Promise.reject(new Error('backend down')));
    expect(await bg.drain(10_000, () => new Promise(() => undefined))).toBe(true);
  });
});
