/** InFlight and the turn guard: what shutdown waits for, and what a draining instance answers. */
import { createHealth, InFlight, trackTurns } from '../../../src/startup/health';

class FakeRes {
  code = 200;
  headers: Record<string, unknown> = {};
  body: unknown;
  ended = false;
  status(code: number) {
    this.code = code;
  }
  header(name: string, value: unknown) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  end() {
    this.ended = true;
  }
}

function gate() {
  let open: () => void = () => undefined;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

describe('draining', () => {
  it('when turns are in flight, idle() resolves only after the last one finished', async () => {
    const inFlight = new InFlight();
    const g1 = gate();
    const g2 = gate();
    const t1 = inFlight.track(() => g1.p);
    const t2 = inFlight.track(() => g2.p);
    let idle = false;
    const waiting = inFlight.idle(60000, () => new Promise(() => undefined)).then((v) => (idle = v));
    expect(inFlight.count).toBe(2);
    g1.open();
    await t1;
    await Promise.resolve();
    expect(idle).toBe(false);
    g2.open();
    await t2;
    await waiting;
    expect(idle).toBe(true);
    expect(inFlight.count).toBe(0);
  });

  it('when the drain period ends first, idle() reports false and the count of what is left', async () => {
    const inFlight = new InFlight();
    const leave = inFlight.enter();
    const timeout = gate();
    const result = inFlight.idle(8000, () => timeout.p);
    timeout.open();
    expect(await result).toBe(false);
    expect(inFlight.count).toBe(1);
    leave();
    leave(); // idempotent
    expect(inFlight.count).toBe(0);
  });

  it('when the instance drains, a new turn is refused with 503 and Retry-After and never reaches the bot; readiness says draining', async () => {
    const health = createHealth({ checks: [] });
    const inFlight = new InFlight();
    const seen: string[] = [];
    const guarded = trackTurns<string, FakeRes, string>({ process: async (req, _res, logic) => logic(req) }, health, inFlight);

    const before = new FakeRes();
    await guarded.process('turn-1', before, async (ctx) => void seen.push(ctx));
    health.startDraining();
    const after = new FakeRes();
    await guarded.process('turn-2', after, async (ctx) => void seen.push(ctx));

    expect(seen).toEqual(['turn-1']);
    expect(after).toMatchObject({ code: 503, headers: { 'retry-after': '5' }, ended: true });
    expect((await health.readiness()).status).toBe('draining');
  });

  it('when a readiness check hangs, it fails after the timeout instead of hanging /readyz', async () => {
    const timeout = gate();
    const health = createHealth({ checks: [{ name: 'store', check: () => new Promise(() => undefined) }], after: () => timeout.p, timeoutMs: 3000 });
    const pending = health.readiness();
    timeout.open();
    expect(await pending).toEqual({ status: 'not_ready', checks: [{ name: 'store', ok: false, ms: expect.any(Number), error: expect.stringMatching(/timed out after 3000 ms/) }] });
  });
});
