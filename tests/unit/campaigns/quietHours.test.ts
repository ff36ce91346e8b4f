import { LocalHours } from '../../../src/campaigns/quietHours';
import { classifyTarget } from '../../../src/campaigns/audience';
import { BoundedQueue } from '../../../src/campaigns/queue';

describe('quiet hours', () => {
  const quiet = { startHour: 20, endHour: 8 };
  const hours = new LocalHours();

  it('when it is 23:00 in the employee\'s zone, the next allowed instant is 08:00 local', () => {
    const at = new Date('2026-01-05T22:00:00Z'); // 23:00 in Europe/Berlin (UTC+1 in January)
    expect(hours.nextAllowed(quiet, 'Europe/Berlin', at).toISOString()).toBe('2026-01-06T07:00:00.000Z');
  });

  it('when it is daytime locally, or the zone is unknown or invalid, the nudge goes now', () => {
    const at = new Date('2026-01-05T22:00:00Z'); // 14:00 in Los Angeles
    expect(hours.nextAllowed(quiet, 'America/Los_Angeles', at)).toBe(at);
    expect(hours.nextAllowed(quiet, undefined, at)).toBe(at);
    expect(hours.nextAllowed(quiet, 'Not/AZone', at)).toBe(at);
    expect(hours.nextAllowed(null, 'Europe/Berlin', at)).toBe(at);
  });

  it('when quiet hours do not cross midnight, hours inside are quiet and the end hour is not', () => {
    const lunch = { startHour: 12, endHour: 13 };
    expect(hours.isQuiet(lunch, 'UTC', new Date('2026-01-05T12:30:00Z'))).toBe(true);
    expect(hours.isQuiet(lunch, 'UTC', new Date('2026-01-05T13:00:00Z'))).toBe(false);
  });
});

describe('audience', () => {
  it('leaves out guests, disabled accounts, the excluded group and registered users', () => {
    expect(classifyTarget({ id: '1', userType: 'Guest' })).toBe('guest');
    expect(classifyTarget({ id: '2', accountEnabled: false })).toBe('disabled');
    expect(classifyTarget({ id: '3', inExcludedGroup: true })).toBe('excluded');
    expect(classifyTarget({ id: '4', isMfaRegistered: true })).toBe('registered');
    expect(classifyTarget({ id: '5', userType: 'member', accountEnabled: true })).toBe('target');
  });
});

describe('bounded queue', () => {
  it('when full, a push waits until a pop makes room; after close, poppers drain then get undefined', async () => {
    const q = new BoundedQueue<number>(2);
    await q.push(1);
    await q.push(2);
    let third = false;
    const pushing = q.push(3).then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);

    expect(await q.pop()).toBe(1);
    await pushing;
    expect(third).toBe(true);
    q.close();
    expect([await q.pop(), await q.pop(), await q.pop()]).toEqual([2, 3, undefined]);
  });

  it('when aborted, queued items are dropped and waiting pushes resolve false', async () => {
    const q = new BoundedQueue<number>(1);
    await q.push(1);
    const pushing = q.push(2);
    q.abort();
    expect(await pushing).toBe(false);
    expect(await q.pop()).toBeUndefined();
  });
});
