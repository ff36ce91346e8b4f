import { FixedClock } from '../../../src/shared/clock';
import { TokenBucket } from '../../../src/campaigns/tokenBucket';

describe('token bucket pacing', () => {
  it('when the burst is used up, each further reservation waits exactly one interval more than the last', () => {
    const clock = new FixedClock('2026-01-05T09:00:00Z');
    const bucket = new TokenBucket(50, 1, clock);

    const waits = [bucket.reserve(), bucket.reserve(), bucket.reserve(), bucket.reserve()];

    expect(waits).toEqual([0, 20, 40, 60]);
  });

  it('when callers act at their slots, the achieved rate over 10 s equals the configured rate', () => {
    const clock = new FixedClock('2026-01-05T09:00:00Z');
    const bucket = new TokenBucket(50, 1, clock);
    const start = clock.now().getTime();
    const actedAt: number[] = [];

    while (clock.now().getTime() - start < 10000) {
      clock.advance(bucket.reserve());
      actedAt.push(clock.now().getTime());
    }

    const within = actedAt.filter((t) => t < start + 10000).length;
    expect(within).toBe(500);
    for (let i = 50; i < actedAt.length; i += 1) expect((actedAt[i] ?? 0) - (actedAt[i - 50] ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('when idle, tokens accumulate only up to the capacity', () => {
    const clock = new FixedClock('2026-01-05T09:00:00Z');
    const bucket = new TokenBucket(10, 5, clock);
    for (let i = 0; i < 5; i += 1) bucket.reserve();

    clock.advance(60000);

    expect(bucket.available()).toBe(5);
    expect([1, 2, 3, 4, 5].map(() => bucket.reserve())).toEqual([0, 0, 0, 0, 0]);
    expect(bucket.reserve()).toBe(100);
  });

  it('when held until a later instant, nothing is granted before it and the bucket restarts empty', () => {
    const clock = new FixedClock('2026-01-05T09:00:00Z');
    const bucket = new TokenBucket(10, 10, clock);

    bucket.holdUntil(clock.now().getTime() + 3000);

    expect(bucket.reserve()).toBe(3000 + 100);
    expect(bucket.reserve()).toBe(3000 + 200);
    clock.advance(3000);
    expect(bucket.reserve()).toBe(300); // behind the two slots already handed out
    clock.advance(300);
    expect(bucket.reserve()).toBe(100);
  });

  it('when the rate is invalid, construction fails', () => {
    const clock = new FixedClock('2026-01-05T09:00:00Z');
    expect(() => new TokenBucket(0, 1, clock)).toThrow(RangeError);
    expect(() => new TokenBucket(5, 0.5, clock)).toThrow(RangeError);
  });
});
