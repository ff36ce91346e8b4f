/**
 * Acceptance on the demo tenant (tests/fixtures/tenants/demo.json): each Contoso employee is
 * diagnosed with the root cause listed in tests/fixtures/tenants/README.md (this table mirrors it).
 */
import type { FindingCode } from '../../../src/diagnosis/types';
import { assertDiagnosis } from './contract';
import { parseOutput, runDiagnose } from './run';

const FIXTURE = 'tests/fixtures/tenants/demo.json';
const NOW = '2026-11-26T09:00:00Z';

interface DemoRow {
  employee: string;
  user: string;
  client?: string;
  first?: FindingCode;
  present?: FindingCode[];
  absent: FindingCode[];
  evidence?: string[];
}

const NOT_REPORT_ONLY_OR_DISABLED: FindingCode[] = ['CA_REQUIRES_MFA_TO_REGISTER', 'CA_REQUIRES_COMPLIANT_DEVICE'];

const ROWS: DemoRow[] = [
  { employee: 'Adele Vance (CA010 blocks registration over IPv6; HQ is IPv4-only)', user: 'adele.vance@contoso.example', first: 'CA_BLOCKS_REGISTRATION',
    absent: ['ALREADY_REGISTERED', 'TAP_NOT_ALLOWED', ...NOT_REPORT_ONLY_OR_DISABLED], evidence: ['87f0db82-3c73-4193-afaa-baa6fe0c0914'] },
  { employee: 'Adele Vance with her (benign) self-check', user: 'adele.vance@contoso.example', client: 'tests/fixtures/clients/demo-adele.json', first: 'CA_BLOCKS_REGISTRATION',
    absent: ['ALREADY_REGISTERED', 'BROWSER_OUTDATED', 'WEBAUTHN_UNAVAILABLE', 'ENDPOINTS_BLOCKED', 'AUTHENTICATOR_OS_UNSUPPORTED', 'COOKIES_BLOCKED', 'STALE_AUTHENTICATOR'] },
  { employee: 'Diego Siciliani (approver, healthy; a 4-day-old 50089 is ignored)', user: 'diego.siciliani@contoso.example', first: 'ALREADY_REGISTERED', absent: ['SESSION_EXPIRED', 'PRIVILEGED_ACCOUNT'] },
  { employee: 'Isaiah Langer (new phone, Authenticator on the old iPhone)', user: 'isaiah.langer@contoso.example', client: 'tests/fixtures/clients/demo-isaiah.json', first: 'STALE_AUTHENTICATOR',
    present: ['STALE_AUTHENTICATOR', 'MFA_NOT_COMPLETED'], absent: ['ALREADY_REGISTERED', 'AUTHENTICATOR_OS_UNSUPPORTED'] },
  { employee: 'Isaiah Langer before he says he changed phones', user: 'isaiah.langer@contoso.example', first: 'MFA_NOT_COMPLETED', present: ['MFA_NOT_COMPLETED', 'ALREADY_REGISTERED'], absent: ['STALE_AUTHENTICATOR'] },
  { employee: 'Patti Fernandez (manager, fully registered; a 10-day-old 53003 is ignored)', user: 'patti.fernandez@contoso.example', first: 'ALREADY_REGISTERED', absent: ['CA_BLOCKS_REGISTRATION'] },
  { employee: 'Lynne Robbins (approver, healthy)', user: 'lynne.robbins@contoso.example', first: 'ALREADY_REGISTERED', absent: ['PRIVILEGED_ACCOUNT'] },
  { employee: 'Megan Bowen (10 of 10 devices, 7 stale)', user: 'megan.bowen@contoso.example', first: 'DEVICE_QUOTA_REACHED', absent: NOT_REPORT_ONLY_OR_DISABLED, evidence: ['6483d878-ad87-45ab-b5f5-6fab3c80d09c', 'e9fff295-cb6b-4131-98f5-221455163201'] },
  { employee: 'Alex Wilber (Global Administrator, not registered)', user: 'alex.wilber@contoso.example', first: 'PRIVILEGED_ACCOUNT', absent: ['ALREADY_REGISTERED', ...NOT_REPORT_ONLY_OR_DISABLED] },
  { employee: 'Grady Archie (campaign pushes Authenticator, disabled for Manufacturing Floor)', user: 'grady.archie@contoso.example', first: 'CAMPAIGN_METHOD_CONFLICT',
    present: ['CAMPAIGN_METHOD_CONFLICT', 'CAMPAIGN_NUDGE_PENDING'], absent: ['ALREADY_REGISTERED'] },
  { employee: 'Joni Sherman (wants a FIDO2 key; Fido2 only for Passkey Pilot)', user: 'joni.sherman@contoso.example', client: 'tests/fixtures/clients/demo-joni.json', first: 'METHOD_NOT_ENABLED',
    absent: ['WEBAUTHN_UNAVAILABLE', 'ALREADY_REGISTERED'] },
  { employee: 'Lee Gu (flow token expired; a 5-day-old lockout is ignored)', user: 'lee.gu@contoso.example', first: 'SESSION_EXPIRED', absent: ['ACCOUNT_LOCKED', ...NOT_REPORT_ONLY_OR_DISABLED], evidence: ['50089'] },
  { employee: 'Miriam Graham (smart lockout 4 h ago)', user: 'miriam.graham@contoso.example', first: 'ACCOUNT_LOCKED', absent: ['ALREADY_REGISTERED'], evidence: ['50053'] },
  { employee: 'Nestor Wilke (high user risk, 53004)', user: 'nestor.wilke@contoso.example', first: 'USER_RISK_BLOCKED', absent: NOT_REPORT_ONLY_OR_DISABLED, evidence: ['53004'] },
  { employee: 'Pradeep Gupta (declined / ignored Authenticator prompts)', user: 'pradeep.gupta@contoso.example', first: 'MFA_NOT_COMPLETED', present: ['MFA_NOT_COMPLETED', 'ALREADY_REGISTERED'], absent: [] },
  { employee: 'Johanna Lorenz (TAP expired before use, 130504)', user: 'johanna.lorenz@contoso.example', first: 'TAP_EXPIRED_OR_USED', absent: ['TAP_ALREADY_ACTIVE', ...NOT_REPORT_ONLY_OR_DISABLED], evidence: ['130504'] },
  { employee: 'Christie Cline (Chrome 96 on Windows 7 in failed sign-ins)', user: 'christie.cline@contoso.example', first: 'BROWSER_OUTDATED', absent: NOT_REPORT_ONLY_OR_DISABLED, evidence: ['Chrome 96'] },
  { employee: 'Jamie Reyes (guest from Fabrikam)', user: 'jamie.reyes_fabrikam.example#EXT#@contoso.example', first: 'GUEST_ACCOUNT', absent: ['CA_BLOCKS_REGISTRATION'] },
  { employee: 'Allan Deyoung (CEO, healthy)', user: 'allan.deyoung@contoso.example', first: 'ALREADY_REGISTERED', absent: [] },
  { employee: 'Emergency Access Account 01 (break-glass, excluded from CA010)', user: 'breakglass01@contoso.example', first: 'PRIVILEGED_ACCOUNT',
    present: ['PRIVILEGED_ACCOUNT', 'ALREADY_REGISTERED'], absent: ['CA_BLOCKS_REGISTRATION'] },
  // The passkey era (README: "Passkey-era employees")
  { employee: 'Henrietta Mueller (Finance profile: device-bound only; saves her passkey in iCloud Keychain)', user: 'henrietta.mueller@contoso.example', client: 'tests/fixtures/clients/demo-henrietta.json',
    first: 'PASSKEY_TYPE_NOT_ALLOWED', absent: ['ALREADY_REGISTERED', 'METHOD_NOT_ENABLED', 'PASSKEY_KEY_RESTRICTED'], evidence: ['5a0c7e1d-3b9f-4c2a-8e6d-1f4b7a9c0d21'] },
  { employee: 'Irvin Sayers (Finance allow list: YubiKey and Authenticator; he bought a Feitian key)', user: 'irvin.sayers@contoso.example', client: 'tests/fixtures/clients/demo-irvin.json',
    first: 'PASSKEY_KEY_RESTRICTED', absent: ['ALREADY_REGISTERED', 'PASSKEY_TYPE_NOT_ALLOWED'], evidence: ['833b721a-ff5f-4d00-bb2e-bdda3ec01e29'] },
  { employee: 'Lidia Holloway (Contractors profile enforces attestation; uses a password manager)', user: 'lidia.holloway@contoso.example', client: 'tests/fixtures/clients/demo-lidia.json',
    first: 'PASSKEY_ATTESTATION_REQUIRED', absent: ['ALREADY_REGISTERED', 'PASSKEY_TYPE_NOT_ALLOWED'], evidence: ['6b1d8f2e-4c0a-4d3b-9f7e-2a5c8b0d1e32'] },
  { employee: 'Enrico Cattaneo (Authenticator 6.8.20 on iOS; the default profile allows both kinds)', user: 'enrico.cattaneo@contoso.example', client: 'tests/fixtures/clients/demo-enrico.json',
    first: 'AUTHENTICATOR_UPDATE_REQUIRED', absent: ['ALREADY_REGISTERED', 'AUTHENTICATOR_OS_UNSUPPORTED'], evidence: ['6.8.20', '6.8.37'] },
  { employee: 'Brian Johnson (text messages are his only MFA method)', user: 'brian.johnson@contoso.example', first: 'PHONE_ONLY_MFA', present: ['PHONE_ONLY_MFA', 'ALREADY_REGISTERED'],
    absent: ['CAMPAIGN_METHOD_CONFLICT'], evidence: ['2027-02-01'] },
  { employee: 'Cameron White (PIM-eligible Authentication Administrator for the EMEA administrative unit)', user: 'cameron.white@contoso.example', first: 'PRIVILEGED_ACCOUNT',
    present: ['PRIVILEGED_ACCOUNT', 'ALREADY_REGISTERED'], absent: [], evidence: ['/administrativeUnits/c3a5e7f9-2b4d-4f6a-8c0e-1d3f5a7b9c2e'] },
];

describe('acceptance: the demo tenant diagnoses each Contoso employee as the README says', () => {
  test.each(ROWS)('when $employee is diagnosed, the expected root cause is found', async (row) => {
    const run = await runDiagnose({ fixture: FIXTURE, user: row.user, client: row.client, now: NOW });

    expect({ exitCode: run.exitCode, stderr: run.exitCode === 0 ? '' : run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    assertDiagnosis(parseOutput(run), {
      ...(row.first ? { expectFirst: row.first } : {}),
      expectPresent: row.present ?? (row.first ? [row.first] : []),
      expectAbsent: row.absent,
      ...(row.evidence ? { evidenceIncludes: row.evidence } : {}),
    });
  });
});
