import { graphClientSettings } from '../../../src/backend/graph/createGraphClient';
import { SingleFlightCache } from '../../../src/backend/graph/policyCache';
import { relativeNextLink, urls } from '../../../src/backend/graph/requests';
import { retryDelayMs } from '../../../src/backend/graph/retry';
import { FixedClock } from '../../../src/shared/clock';

const clock = new FixedClock('2026-11-26T09:30:00Z');

describe('retry delays', () => {
  it('when Retry-After gives seconds, that wait is used', () => {
    expect(retryDelayMs(0, '3', { random: () => 0.9, clock })).toBe(3000);
  });

  it('when Retry-After is an HTTP date, the wait runs until then', () => {
    expect(retryDelayMs(0, 'Thu, 26 Nov 2026 09:30:05 GMT', { random: () => 0, clock })).toBe(5000);
  });

  it('without Retry-After, the backoff doubles per attempt and jitters within the upper half', () => {
    const low = [0, 1, 2].map((a) => retryDelayMs(a, undefined, { random: () => 0, clock }));
    const high = [0, 1, 2].map((a) => retryDelayMs(a, undefined, { random: () => 0.999999, clock }));
    expect(low).toEqual([250, 500, 1000]);
    expect(high).toEqual([500, 1000, 2000]);
  });

  it('a 429 without Retry-After (reports, Conditional Access budgets) backs off from a whole second, doubling: a retry lands in the next 1 s window', () => {
    const low = [0, 1, 2, 3].map((a) => retryDelayMs(a, undefined, { random: () => 0, clock, throttled: true }));
    const high = [0, 1, 2, 3].map((a) => retryDelayMs(a, undefined, { random: () => 0.999999, clock, throttled: true }));
    expect(low).toEqual([1000, 2000, 4000, 8000]);
    expect(high).toEqual([2000, 4000, 8000, 16000]);
    expect(low.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000); // four retries span a reports window
    expect(retryDelayMs(0, '3', { random: () => 0, clock, throttled: true })).toBe(3000);
  });

  it('a huge Retry-After is capped', () => {
    expect(retryDelayMs(0, '3600', { random: () => 0, clock, maxDelayMs: 30_000 })).toBe(30_000);
  });
});

describe('graph client settings', () => {
  it('for the public cloud, no custom hosts and instance discovery stays on', () => {
    const s = graphClientSettings({ baseUrl: 'https://graph.microsoft.com/v1.0', authorityHost: 'https://login.microsoftonline.com' });
    expect(s).toEqual({
      baseUrl: 'https://graph.microsoft.com',
      scope: 'https://graph.microsoft.com/.default',
      customHosts: [],
      authorityHost: 'https://login.microsoftonline.com',
      disableInstanceDiscovery: false,
    });
  });

  it('for a local simulator, its host is a custom host and instance discovery is disabled', () => {
    const s = graphClientSettings({ baseUrl: 'https://localhost:4443/', authorityHost: 'https://localhost:4443' });
    expect(s.customHosts).toEqual(['localhost']);
    expect(s.disableInstanceDiscovery).toBe(true);
    expect(s.baseUrl).toBe('https://localhost:4443');
    expect(s.scope).toBe('https://graph.microsoft.com/.default');
  });
});

describe('request building', () => {
  it('a guest UPN is encoded in the path and quotes are doubled in filters', () => {
    expect(urls.methods("o'brien_x.com#EXT#@contoso.example")).toBe("/users/o'brien_x.com%23EXT%23@contoso.example/authentication/methods");
    expect(decodeURIComponent(urls.signIns({ userPrincipalName: "o'brien@x" }, new Date('2026-01-01T00:00:00.123Z')))).toContain(
      "userPrincipalName eq 'o''brien@x' and createdDateTime ge 2026-01-01T00:00:00Z",
    );
  });

  it('an absolute nextLink becomes a version-relative URL for $batch', () => {
    expect(relativeNextLink('https://graph.microsoft.com/v1.0/users/x/registeredDevices?$skiptoken=abc', 'https://graph.microsoft.com')).toBe('/users/x/registeredDevices?$skiptoken=abc');
    expect(relativeNextLink('https://evil.example/v1.0/x', 'https://localhost:1')).toBeUndefined();
  });
});

describe('single-flight cache', () => {
  it('when a fetch is in flight, later lookups wait for it; a failed fetch is not cached', async () => {
    const cache = new SingleFlightCache<number>(1000, clock);
    const first = cache.lookup();
    const second = cache.lookup();
    expect(first.kind).toBe('miss');
    expect(second.kind).toBe('pending');
    if (first.kind === 'miss') first.fill(undefined);
    if (second.kind === 'pending') await expect(second.promise).resolves.toBeUndefined();
    expect(cache.lookup().kind).toBe('miss');
  });

  it('a value is served until its TTL passes', () => {
    const c = new FixedClock('2026-11-26T09:30:00Z');
    const cache = new SingleFlightCache<number>(1000, c);
    const miss = cache.lookup();
    if (miss.kind === 'miss') miss.fill(7);
    expect(cache.lookup()).toEqual({ kind: 'hit', value: 7 });
    c.advance(1001);
    expect(cache.lookup().kind).toBe('miss');
  });
});
