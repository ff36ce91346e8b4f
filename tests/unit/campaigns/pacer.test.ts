import { FixedClock } from '../../../src/shared/clock';
import { ConversationLimiter, Lane } from '../../../src/campaigns/pacer';
import { backoffMs, finalReason, withRetries } from '../../../src/campaigns/retry';
import { FinalFailure } from '../../../src/campaigns/retry';
import { SendError } from '../../../src/campaigns/ports';

function fakeTime() {
  const clock = new FixedClock('2026-01-05T09:00:00Z');
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  return { clock, sleep, sleeps, t: () => clock.now().getTime() - Date.parse('2026-01-05T09:00:00Z') };
}

describe('pacer', () => {
  it('when one worker is throttled, the lane makes every later acquire wait until the throttle ends', async () => {
    const { clock, sleep, t } = fakeTime();
    const lane = new Lane('connector', 10, clock, sleep);
    await lane.acquire();

    lane.throttle(5000);
    await lane.acquire();

    expect(t()).toBeGreaterThanOrEqual(5000);
    expect(lane.throttles).toBe(1);
  });

  it('when two throttles overlap, the longer one wins', () => {
    const { clock, sleep } = fakeTime();
    const lane = new Lane('connector', 10, clock, sleep);
    lane.throttle(5000);
    lane.throttle(1000);
    expect(lane.throttledUntil - clock.now().getTime()).toBe(5000);
  });

  it('when one conversation gets 8 sends, the 8th waits for the 1 s window and the 9th for the 2 s window', async () => {
    const { clock, sleep, t } = fakeTime();
    const limiter = new ConversationLimiter(clock, sleep);
    const at: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      await limiter.acquire('a:1');
      at.push(t());
    }
    expect(at.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(at[7]).toBe(1000);
    expect(at[8]).toBe(2000);
    expect(limiter.waitFor('a:2')).toBe(0);
    limiter.release('a:1');
    expect(limiter.tracked).toBe(0);
  });
});

describe('retries', () => {
  const policy = (sleep: (ms: number) => Promise<void>) => ({ maxRetries: 3, baseMs: 1000, maxMs: 20000, sleep, random: () => 0.5 });

  it('when the jitter source varies, the backoff stays between half and all of the exponential step, capped', () => {
    expect(backoffMs(0, () => 0, 1000, 20000)).toBe(500);
    expect(backoffMs(0, () => 0.999999, 1000, 20000)).toBeCloseTo(1000, 0);
    expect(backoffMs(3, () => 0.5, 1000, 20000)).toBe(6000);
    expect(backoffMs(10, () => 1, 1000, 20000)).toBe(20000);
  });

  it('when a 502 then a 504 come back, the call is retried with growing backoff and succeeds', async () => {
    const { clock, sleep, sleeps } = fakeTime();
    const lane = new Lane('connector', 1000, clock, sleep);
    const answers = [new SendError(502, 'BadGateway', 'x'), new SendError(504, 'GatewayTimeout', 'x')];
    const result = await withRetries('send', lane, policy(sleep), async () => {
      const e = answers.shift();
      if (e) throw e;
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(sleeps.filter((s) => s >= 500)).toEqual([750, 1500]);
  });

  it('when a 429 carries Retry-After, the whole lane is throttled for that long', async () => {
    const { clock, sleep } = fakeTime();
    const lane = new Lane('connector', 1000, clock, sleep);
    let calls = 0;
    await withRetries('send', lane, policy(sleep), async () => {
      calls += 1;
      if (calls === 1) throw new SendError(429, 'Throttled', 'x', 7000);
      return 'ok';
    });
    expect(lane.throttles).toBe(1);
    expect(clock.now().getTime() - Date.parse('2026-01-05T09:00:00Z')).toBeGreaterThanOrEqual(7000);
  });

  it('when a 403 comes back, it is final at once with its reason', async () => {
    const { clock, sleep } = fakeTime();
    const lane = new Lane('connector', 1000, clock, sleep);
    let calls = 0;
    const attempt = withRetries('send', lane, policy(sleep), async () => {
      calls += 1;
      throw new SendError(403, 'ConversationBlockedByUser', 'x');
    });
    await expect(attempt).rejects.toMatchObject({ reason: 'blocked_bot', status: 403 });
    expect(calls).toBe(1);
  });

  it('when transient failures never stop, the recipient fails as retries_exhausted after maxRetries', async () => {
    const { clock, sleep } = fakeTime();
    const lane = new Lane('connector', 1000, clock, sleep);
    let calls = 0;
    const attempt = withRetries('send', lane, policy(sleep), async () => {
      calls += 1;
      throw new SendError(412, 'PreconditionFailed', 'x');
    });
    await expect(attempt).rejects.toBeInstanceOf(FinalFailure);
    await expect(attempt).rejects.toMatchObject({ reason: 'retries_exhausted', status: 412 });
    expect(calls).toBe(4);
  });

  it('maps connector and install refusals to the reasons admins read', () => {
    expect(finalReason('send', 403, 'ConversationBlockedByUser')).toBe('blocked_bot');
    expect(finalReason('create', 403, 'BotDisabledByAdmin')).toBe('bot_disabled_by_admin');
    expect(finalReason('install', 403, 'Forbidden')).toBe('app_not_allowed');
    expect(finalReason('send', 403, 'BotNotInConversationRoster')).toBe('not_in_roster');
    expect(finalReason('send', 400, 'BadArgument')).toBe('rejected');
  });
});
