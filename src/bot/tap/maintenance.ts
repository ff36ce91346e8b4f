/**
 * The timer side: approval sweep (expiry, crashed issuance, redaction due), passes issued but
 * not yet delivered (e.g. after a restart), revoked passes still shown, and the post-use watch.
 * Safe on several instances at once: every step is conditional in the approval service.
 */
import { asRequester } from './messages';
import { describeError } from '../../shared/errors';
import { retryPendingPosts } from '../helpdesk/postRetry';
import { sweepRetention, type RetentionReport } from '../retention';
import type { TapKit } from './kit';
import { refreshFaceChecks } from './faceCheck';
import { postPendingIncidents } from './containment';
import { deliverPass, redactPass } from './passMessage';
import { watchAfterUse, watched } from './watch';

export interface MaintenanceReport {
  expired: number;
  delivered: number;
  redacted: number;
  watched: number;
  /** Face Check results that arrived (the channel card was refreshed). */
  faceChecks?: number;
  retention?: RetentionReport;
}

export async function runTapMaintenance(kit: TapKit): Promise<MaintenanceReport> {
  const service = kit.service();
  const report: MaintenanceReport = { expired: 0, delivered: 0, redacted: 0, watched: 0 };
  const swept = await service.sweep();
  report.expired = swept.expired.length;
  for (const due of swept.redactionDue) {
    if (due.reason === 'revoked' && (await redactPass(kit, due.requestId, 'revoked').catch(() => false))) report.redacted++;
  }
  for (const r of await service.pendingDeliveries()) {
    try {
      if ((await asRequester(kit, r.correlationId, () => deliverPass(kit, r.id))) === 'delivered') report.delivered++;
    } catch (e) {
      kit.log.warn({ requestId: r.id, err: describeError(e) }, 'pending delivery failed; retried next time');
    }
  }
  report.faceChecks = await refreshFaceChecks(kit).catch((e: unknown) => {
    kit.log.warn({ err: describeError(e) }, 'face check results not read; next time');
    return 0;
  });
  // Incidents the backend raised ("This wasn't me") that no instance has posted yet.
  await postPendingIncidents(kit).catch((e: unknown) => kit.log.warn({ err: describeError(e) }, 'posting pending incidents failed; next time'));
  // Helpdesk posts that did not land (tickets, pass requests): retried until they do.
  await retryPendingPosts(kit).catch((e: unknown) => kit.log.warn({ err: describeError(e) }, 'retrying helpdesk posts failed; next time'));
  const now = kit.clock.now();
  for (const r of await service.list({ states: ['delivered', 'redacted'] })) {
    if (!watched(r, now)) continue;
    try {
      const w = await asRequester(kit, r.correlationId, () => watchAfterUse(kit, r.id));
      report.watched++;
      if (w.redacted) report.redacted++;
    } catch (e) {
      kit.log.warn({ requestId: r.id, err: describeError(e) }, 'post-use watch failed; retried next time');
    }
  }
  // Working records past their use (invoke ledger, escalation wishes, given-up posts): bounded, never fatal.
  report.retention = await sweepRetention(
    { store: kit.store, clock: kit.clock, log: kit.log, audit: (r) => kit.audit(r) },
    { recordDays: kit.recordRetentionDays, resendWindowMs: RESEND_WINDOW_MS },
  ).catch((e: unknown) => {
    kit.log.warn({ err: describeError(e) }, 'retention sweep failed; next time');
    return undefined;
  });
  return report;
}

/** The longest the invoke ledger replays a late answer (its default; src/bot/deferred/timing.ts). */
const RESEND_WINDOW_MS = 60_000;

export interface Timers {
  setInterval(fn: () => void, ms: number): { unref?: () => void };
  clearInterval(handle: unknown): void;
}

/** Runs maintenance now and every `intervalMs`; never two runs at once. Returns stop(). */
export function startTapMaintenance(kit: TapKit, intervalMs: number, timers: Timers = globalThis): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runTapMaintenance(kit)
      .then((r) => {
        if (r.expired + r.delivered + r.redacted > 0) kit.log.info(r, 'tap maintenance');
      })
      .catch((e: unknown) => kit.log.warn({ err: describeError(e) }, 'tap maintenance failed'))
      .finally(() => (running = false));
  };
  tick();
  const handle = timers.setInterval(tick, intervalMs);
  handle.unref?.();
  return () => timers.clearInterval(handle);
}
