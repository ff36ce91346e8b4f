import { computeInsights } from '../../../src/insights/compute';
import type { AuditRecord } from '../../../src/storage/types';

const flow = (action: 'flow.diagnosed' | 'flow.outcome', user: string, flowId: string, at: string, startedAt: string, codes: string[], outcome?: string): AuditRecord => ({
  at,
  action,
  actor: user,
  subject: user,
  details: { flowId, codes, startedAt, ...(outcome ? { outcome } : {}) },
});

const day = '2026-11-30';
const records: AuditRecord[] = [
  // u1: fixed alone in 12 minutes.
  flow('flow.diagnosed', 'u1', 'f1', `${day}T09:02:00Z`, `${day}T09:00:00Z`, ['CA_BLOCKS_REGISTRATION_LOCATION']),
  flow('flow.outcome', 'u1', 'f1', `${day}T09:12:00Z`, `${day}T09:00:00Z`, ['CA_BLOCKS_REGISTRATION_LOCATION'], 'fixed'),
  // u2: fixed after removing a stale device, 30 minutes.
  flow('flow.diagnosed', 'u2', 'f2', `${day}T10:05:00Z`, `${day}T10:00:00Z`, ['DEVICE_QUOTA_REACHED']),
  flow('flow.outcome', 'u2', 'f2', `${day}T10:30:00Z`, `${day}T10:00:00Z`, ['DEVICE_QUOTA_REACHED'], 'fixed_after_cleanup'),
  // u3: escalated, then a pass issued by h1 for a request that carried a risk signal.
  flow('flow.diagnosed', 'u3', 'f3', `${day}T11:01:00Z`, `${day}T11:00:00Z`, ['NO_USABLE_METHOD']),
  flow('flow.outcome', 'u3', 'f3', `${day}T11:03:00Z`, `${day}T11:00:00Z`, ['NO_USABLE_METHOD'], 'escalated'),
  { at: `${day}T11:03:00Z`, action: 'tap.requested', actor: 'u3', subject: 'u3', details: { requestId: 'r3', riskSignals: ['USER_RISK_MEDIUM'] } },
  { at: `${day}T11:20:00Z`, action: 'tap.issued', actor: 'h1', subject: 'u3', details: { requestId: 'r3' } },
  // u4: escalated, no pass (yet).
  flow('flow.diagnosed', 'u4', 'f4', `${day}T12:01:00Z`, `${day}T12:00:00Z`, ['NO_USABLE_METHOD']),
  flow('flow.outcome', 'u4', 'f4', `${day}T12:02:00Z`, `${day}T12:00:00Z`, ['NO_USABLE_METHOD'], 'escalated'),
  // u5: diagnosed on the 29th, never came back: abandoned. u6: diagnosed an hour ago: still open.
  flow('flow.diagnosed', 'u5', 'f5', '2026-11-29T08:01:00Z', '2026-11-29T08:00:00Z', ['CA_BLOCKS_REGISTRATION_LOCATION']),
  flow('flow.diagnosed', 'u6', 'f6', '2026-12-01T08:01:00Z', '2026-12-01T08:00:00Z', ['PHONE_ONLY_MFA']),
  // h2 issued four passes (outside any flow), h1 one: h2 is flagged.
  ...['a', 'b', 'c', 'd'].map((x, i): AuditRecord => ({ at: `${day}T13:0${i}:00Z`, action: 'tap.issued', actor: 'h2', subject: `x${x}`, details: { requestId: `q${x}`, tier: 'elevated' } })),
  { at: `${day}T14:00:00Z`, action: 'tap.issued', actor: 'h3', subject: 'y', details: { requestId: 'q9' } },
  // A request whose only signals are operational (a usable pass exists, no manager): not an account at risk.
  { at: `${day}T13:59:00Z`, action: 'tap.requested', actor: 'y', subject: 'y', details: { requestId: 'q9', riskSignals: ['existing_tap', 'no_manager'] } },
  // Before the window: ignored.
  flow('flow.diagnosed', 'u0', 'f0', '2026-11-01T08:01:00Z', '2026-11-01T08:00:00Z', ['X']),
  { at: `${day}T15:00:00Z`, action: 'campaign.created', actor: 'h1', subject: 'c1', details: { campaignId: 'c1', name: 'Passkeys before February', status: 'draft' } },
  { at: `${day}T15:05:00Z`, action: 'campaign.started', actor: 'h1', subject: 'c1', details: { campaignId: 'c1', status: 'running' } },
  // Evaluation mode: what would have happened, never counted as done.
  { at: `${day}T16:00:00Z`, action: 'tap.would_issue', actor: 'h1', subject: 'z1', details: { requestId: 's1', shadow: true } },
  { at: `${day}T16:01:00Z`, action: 'tap.would_issue', actor: 'h1', subject: 'z2', details: { requestId: 's2', shadow: true } },
  { at: `${day}T16:02:00Z`, action: 'device.would_delete', actor: 'local', subject: 'z3', details: { shadow: true } },
  { at: `${day}T16:03:00Z`, action: 'campaign.report_only', actor: 'h1', subject: 'c1', details: { campaignId: 'c1', status: 'draft', shadow: true } },
  // Follow-ups: u1 said it stayed fixed and Graph confirmed; u2 was asked and said it broke again.
  { at: `${day}T17:00:00Z`, action: 'flow.follow_up_asked', actor: 'system', subject: 'u1', details: { flowId: 'f1', registered: true } },
  { at: `${day}T17:05:00Z`, action: 'flow.follow_up', actor: 'u1', subject: 'u1', details: { flowId: 'f1', answer: 'stayed_fixed', registered: true } },
  { at: `${day}T17:00:00Z`, action: 'flow.follow_up_asked', actor: 'system', subject: 'u2', details: { flowId: 'f2', registered: false } },
  { at: `${day}T17:09:00Z`, action: 'flow.follow_up', actor: 'u2', subject: 'u2', details: { flowId: 'f2', answer: 'broke_again', registered: false } },
];

describe('insights from the audit trail', () => {
  const insights = computeInsights(records, { now: new Date('2026-12-01T09:00:00Z'), since: new Date('2026-11-15T00:00:00Z') });

  it('gives every rescue in the window one outcome, and an escalated rescue that got a pass counts as a pass', () => {
    expect(insights.rescues).toBe(6);
    expect(insights.outcomes).toEqual({ fixed: 1, fixed_after_cleanup: 1, escalated: 1, pass_issued: 1, abandoned: 1, open: 1 });
  });

  it('deflection is the share of ended rescues the employee fixed without the helpdesk', () => {
    expect(insights.deflectionRate).toBe(0.4); // 2 of 5 ended (the open one is not counted)
  });

  it('time to fix runs from the first message to "It worked"', () => {
    expect(insights.timeToFixMinutes).toEqual({ median: 21, p90: 28.2, samples: 2 });
  });

  it('counts root causes by frequency and by day', () => {
    expect(insights.findings.slice(0, 2)).toEqual([
      { code: 'CA_BLOCKS_REGISTRATION_LOCATION', count: 2 },
      { code: 'NO_USABLE_METHOD', count: 2 },
    ]);
    expect(insights.findingsByDay.map((d) => d.day)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
  });

  it('counts passes per approver and tier, and flags the unusual approver and the pass for a risky account', () => {
    expect(insights.passes.issued).toBe(6);
    expect(insights.passes.perApprover).toEqual([
      { approver: 'h2', count: 4 },
      { approver: 'h1', count: 1 },
      { approver: 'h3', count: 1 },
    ]);
    expect(insights.passes.perTier).toEqual({ standard: 2, elevated: 4 });
    expect(insights.passes.anomalies).toEqual([
      { kind: 'approver_volume', approver: 'h2', count: 4 },
      { kind: 'risky_account', approver: 'h1', subject: 'u3', requestId: 'r3', signals: ['USER_RISK_MEDIUM'] },
    ]);
  });

  it('lists campaigns with their latest status', () => {
    expect(insights.campaigns).toEqual([{ campaignId: 'c1', name: 'Passkeys before February', status: 'running', createdAt: `${day}T15:00:00Z` }]);
  });

  it('counts shadow-mode "would have" records apart from real passes, removals and campaign changes', () => {
    expect(insights.shadow).toEqual({ passesWouldIssue: 2, perApprover: [{ approver: 'h1', count: 2 }], devicesWouldDelete: 1, campaignReports: 1 });
    expect(insights.passes.issued).toBe(6);
  });

  it('reports the stayed-fixed rate from the answers and the registration Graph confirmed', () => {
    expect(insights.stayedFixed).toEqual({ asked: 2, answered: 2, stayed: 1, brokeAgain: 1, registrationConfirmed: 1, rate: 0.5, confirmedRate: 0.5 });
  });

  it('with nothing recorded, rates are null rather than 0', () => {
    const empty = computeInsights([], { now: new Date('2026-12-01T00:00:00Z') });
    expect(empty.deflectionRate).toBeNull();
    expect(empty.timeToFixMinutes).toEqual({ median: null, p90: null, samples: 0 });
  });
});
