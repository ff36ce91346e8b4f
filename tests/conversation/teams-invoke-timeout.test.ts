/**
 * The bot-facing harness behaves like the Teams client on slow invokes: an answer after 15 s (on
 * the injected clock) is abandoned and the invoke is re-sent once. These tests hold the helper to
 * that; the product's own answer-within-2-s work builds on it.
 */
import type { DiagnoseRequest, DiagnoseResponse } from '../../src/backend/api';
import { actions, cardFrom } from './cards';
import { CA_BLOCK } from './fixtures';
import { FakeBackend, createHarness, type Harness } from './harness';
import { TEAMS_INVOKE_TIMEOUT_MS, VirtualClock, pressLikeTeams } from './teamsInvoke';

/** A backend whose diagnoses take the given (virtual) times, one per call. */
class SlowBackend extends FakeBackend {
  private calls = 0;
  constructor(private readonly clock: VirtualClock, private readonly takesMs: number[]) {
    super();
  }
  override async diagnose(request: DiagnoseRequest): Promise<DiagnoseResponse> {
    const ms = this.takesMs[this.calls++] ?? 0;
    // Let a re-send that the clock triggers start while this call is still "running".
    this.clock.advance(ms);
    await new Promise((r) => setImmediate(r));
    return super.diagnose(request);
  }
}

describe('Teams-like invokes in the conversation harness', () => {
  let h: Harness;
  let clock: VirtualClock;
  const start = (takesMs: number[]) => {
    clock = new VirtualClock('2026-11-26T09:00:00Z');
    const backend = new SlowBackend(clock, takesMs);
    backend.findings = [CA_BLOCK];
    h = createHarness({ backend, deps: { clock } });
  };
  afterEach(() => h.cleanup());
  /** The employee pastes an error code; the card's "check my account" button runs the diagnosis. */
  const checkAccount = async () => {
    const card = cardFrom((await h.say('AADSTS53003'))[0]);
    const button = actions(card).find((a) => a.verb === 'checkAccount');
    return pressLikeTeams(h, clock, 'checkAccount', button?.data ?? {});
  };

  it('when the bot answers within 15 s, Teams shows that answer and sends the invoke once', async () => {
    start([4_000]);
    const r = await checkAccount();
    expect(r.attempts).toHaveLength(1);
    expect(r.attempts[0]?.elapsedMs).toBe(4_000);
    expect(r.shown).not.toBe('somethingWentWrong');
    expect(h.backend.diagnoseCalls).toHaveLength(1);
  });

  it('when the bot takes 20 s, Teams abandons that answer and re-sends the invoke once, while the first turn still runs', async () => {
    start([20_000, 1_000]);
    const r = await checkAccount();
    expect(r.attempts.map((a) => a.abandoned)).toEqual([true, false]);
    expect(r.attempts[0]?.elapsedMs).toBeGreaterThan(TEAMS_INVOKE_TIMEOUT_MS);
    expect(r.attempts[1]?.elapsedMs).toBe(1_000);
    expect(h.backend.diagnoseCalls).toHaveLength(2);
    // What the employee then sees is the product's business (issue 9, "every click answered in time"):
    // today the re-sent turn fails with a conversation-state eTag conflict, so `shown` is an error.
  });

  it('when the re-sent invoke is slow too, the employee sees "Something went wrong" and there is no third send', async () => {
    start([20_000, 16_000, 0]);
    const r = await checkAccount();
    expect(r.attempts.map((a) => a.abandoned)).toEqual([true, true]);
    expect(r.shown).toBe('somethingWentWrong');
    expect(h.backend.diagnoseCalls).toHaveLength(2);
  });
});
