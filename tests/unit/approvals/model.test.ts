import { ApprovalPolicySchema } from '../../../src/approvals/ports';
import { NewTapRequestSchema, VerificationSchema } from '../../../src/approvals/model';

describe('approval input schemas', () => {
  it.each([
    [{ method: 'video_call_with_id', note: 'badge 4711 on camera' }, true],
    [{ method: 'manager_callback', note: 'called manager on +49 30 1234 from the directory' }, true],
    [{ method: 'in_person', note: '  desk visit  ' }, true],
    [{ method: 'teams_message', note: 'he wrote me in Teams' }, false],
    [{ method: 'in_person', note: ' ok ' }, false],
    [{ method: 'in_person' }, false],
    [{ method: 'in_person', note: 'desk visit', extra: 1 }, false],
  ])('when the verification is %j, it is accepted: %s', (input, accepted) => {
    expect(VerificationSchema.safeParse(input).success).toBe(accepted);
  });

  it('when a request names an unknown finding code, it is rejected', () => {
    const r = NewTapRequestSchema.safeParse({
      tenantId: 't',
      requester: { aadObjectId: 'u', displayName: 'U', upn: 'u@x.example' },
      reason: 'x',
      findings: [{ code: 'NOT_A_CODE', evidence: {} }],
    });
    expect(r.success).toBe(false);
  });

  it('when the policy names only the approvers group, the defaults are 60 min ttl, 10 per approver and 50 per tenant per hour', () => {
    expect(ApprovalPolicySchema.parse({ approversGroupId: 'g' })).toMatchObject({
      requireManagerConfirmation: false,
      requestTtlMinutes: 60,
      rateLimits: { perApproverPerWindow: 10, perTenantPerWindow: 50, windowMinutes: 60 },
    });
  });
});
