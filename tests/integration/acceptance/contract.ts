/**
 * The parts of /work/shared/contracts/findings.md and tenant-fixture.md that the acceptance tests
 * check on every diagnosis: the output shape of `diagnose --json`, each code's severity and fix
 * owner (the first owner where the table lists two, as src/diagnosis/types.ts says), the ordering
 * rule, and non-empty evidence on blocking findings.
 */
import { z } from 'zod';
import { FINDING_CODES, type FindingCode, type FixOwner, type Severity } from '../../../src/diagnosis/types';

export const CONTRACT: Record<FindingCode, { severity: Severity; fix: FixOwner }> = {
  ACCOUNT_DISABLED: { severity: 'blocking', fix: 'helpdesk' },
  ACCOUNT_LOCKED: { severity: 'blocking', fix: 'self' },
  PASSWORD_EXPIRED: { severity: 'blocking', fix: 'self' },
  GUEST_ACCOUNT: { severity: 'blocking', fix: 'self' },
  PRIVILEGED_ACCOUNT: { severity: 'warning', fix: 'helpdesk' },
  USER_RISK_BLOCKED: { severity: 'blocking', fix: 'helpdesk' },
  DEVICE_QUOTA_REACHED: { severity: 'blocking', fix: 'self' },
  DEVICE_QUOTA_NEAR: { severity: 'warning', fix: 'self' },
  METHOD_NOT_ENABLED: { severity: 'blocking', fix: 'admin' },
  CAMPAIGN_METHOD_CONFLICT: { severity: 'blocking', fix: 'admin' },
  NO_MFA_METHOD_AVAILABLE: { severity: 'blocking', fix: 'admin' },
  CA_BLOCKS_REGISTRATION: { severity: 'blocking', fix: 'self' },
  CA_REQUIRES_MFA_TO_REGISTER: { severity: 'blocking', fix: 'helpdesk' },
  CA_REQUIRES_COMPLIANT_DEVICE: { severity: 'blocking', fix: 'self' },
  SESSION_EXPIRED: { severity: 'blocking', fix: 'self' },
  IP_ADDRESS_CHANGED: { severity: 'warning', fix: 'self' },
  MFA_NOT_COMPLETED: { severity: 'warning', fix: 'self' },
  CAMPAIGN_NUDGE_PENDING: { severity: 'info', fix: 'self' },
  TAP_ALREADY_ACTIVE: { severity: 'info', fix: 'self' },
  TAP_NOT_ALLOWED: { severity: 'warning', fix: 'admin' },
  TAP_EXPIRED_OR_USED: { severity: 'blocking', fix: 'helpdesk' },
  STALE_AUTHENTICATOR: { severity: 'blocking', fix: 'helpdesk' },
  ALREADY_REGISTERED: { severity: 'info', fix: 'self' },
  BROWSER_OUTDATED: { severity: 'blocking', fix: 'self' },
  WEBAUTHN_UNAVAILABLE: { severity: 'blocking', fix: 'self' },
  ENDPOINTS_BLOCKED: { severity: 'blocking', fix: 'helpdesk' },
  AUTHENTICATOR_OS_UNSUPPORTED: { severity: 'blocking', fix: 'self' },
  COOKIES_BLOCKED: { severity: 'blocking', fix: 'self' },
  PASSKEY_TYPE_NOT_ALLOWED: { severity: 'blocking', fix: 'self' },
  PASSKEY_KEY_RESTRICTED: { severity: 'blocking', fix: 'self' },
  PASSKEY_ATTESTATION_REQUIRED: { severity: 'blocking', fix: 'self' },
  AUTHENTICATOR_UPDATE_REQUIRED: { severity: 'blocking', fix: 'self' },
  // findings.md: a warning until 2027-02-01 (every case here is evaluated before that date).
  PHONE_ONLY_MFA: { severity: 'warning', fix: 'self' },
};

const code = z.enum(FINDING_CODES);

export const DiagnoseOutputSchema = z.object({
  user: z.object({}).passthrough(),
  findings: z.array(
    z.object({
      code,
      severity: z.enum(['blocking', 'warning', 'info']),
      fix: z.enum(['self', 'helpdesk', 'admin']),
      evidence: z.record(z.unknown()),
      title: z.string().min(1),
      steps: z.array(z.string().min(1)),
    }),
  ),
  graph: z.object({ requests: z.number().int().nonnegative(), roundTrips: z.number().int().nonnegative() }),
});
export type DiagnoseOutput = z.infer<typeof DiagnoseOutputSchema>;

/** What one case (a cases.json entry or a demo row) expects. */
export const ExpectationSchema = z.object({
  expectFirst: code.optional(),
  expectPresent: z.array(code),
  expectAbsent: z.array(code),
  /** Strings (ids, error codes, host names) that must appear in the evidence of the first expected finding. */
  evidenceIncludes: z.array(z.string()).optional(),
});
export type Expectation = z.infer<typeof ExpectationSchema>;

export const CaseSchema = ExpectationSchema.extend({
  name: z.string().min(1),
  fixture: z.string().min(1),
  user: z.string().min(1),
  client: z.string().min(1).optional(),
  now: z.string().datetime(),
}).strict();
export type AcceptanceCase = z.infer<typeof CaseSchema>;

const RANK: Record<Severity, number> = { blocking: 0, warning: 1, info: 2 };

/** Assert one diagnosis against the contract and the case's expectation (jest `expect`). */
export function assertDiagnosis(out: DiagnoseOutput, want: Expectation): void {
  const codes = out.findings.map((f) => f.code);
  // Compare whole objects so a failure shows every code the engine raised.
  if (want.expectFirst !== undefined) expect({ first: codes[0], codes }).toEqual({ first: want.expectFirst, codes });
  expect({ codes, missing: want.expectPresent.filter((c) => !codes.includes(c)) }).toEqual({ codes, missing: [] });
  expect({ codes, unexpected: want.expectAbsent.filter((c) => codes.includes(c)) }).toEqual({ codes, unexpected: [] });

  // Contract: severity and fix owner per code, blocking > warning > info, evidence on blocking findings.
  for (const f of out.findings) {
    expect({ code: f.code, severity: f.severity, fix: f.fix }).toEqual({ code: f.code, ...CONTRACT[f.code] });
    expect(f.steps.length).toBeGreaterThan(0);
    if (f.severity === 'blocking') expect(Object.keys(f.evidence).length).toBeGreaterThan(0);
  }
  const ranks = out.findings.map((f) => RANK[f.severity]);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

  if (want.evidenceIncludes !== undefined) {
    const target = want.expectFirst ?? want.expectPresent[0];
    const finding = out.findings.find((f) => f.code === target);
    const evidence = JSON.stringify(finding?.evidence ?? {});
    for (const s of want.evidenceIncludes) expect(evidence).toContain(s);
  }
}
