import type { Finding } from '../../src/diagnosis/types';

export const CA_BLOCK: Finding = {
  code: 'CA_BLOCKS_REGISTRATION',
  severity: 'blocking',
  fix: 'self',
  evidence: { policyId: 'ca-1', policyName: 'Register security info from trusted networks only', errorCode: 53003, ipAddress: '2001:db8::5' },
  title: 'A Conditional Access policy blocks setting up security info from where you are.',
  steps: ['Connect to the office network or VPN.', 'Open https://aka.ms/mysecurityinfo again.'],
};

export const SESSION: Finding = {
  code: 'SESSION_EXPIRED',
  severity: 'blocking',
  fix: 'self',
  evidence: { errorCodes: [50089] },
  title: 'Your sign-in session ran out before setup finished.',
  steps: ['Open a private window.', 'Finish within a few minutes.'],
};

export const MFA_NOT_DONE: Finding = {
  code: 'MFA_NOT_COMPLETED',
  severity: 'warning',
  fix: 'self',
  evidence: { errorCode: 500121 },
  title: 'An MFA prompt was not completed.',
  steps: ['Approve the prompt on your phone when you start it.'],
};

export const REGISTERED: Finding = {
  code: 'ALREADY_REGISTERED',
  severity: 'info',
  fix: 'self',
  evidence: { methods: ['microsoftAuthenticator'] },
  title: 'You already have a working MFA method.',
  steps: [],
};

export const QUOTA: Finding = {
  code: 'DEVICE_QUOTA_REACHED',
  severity: 'blocking',
  fix: 'self',
  evidence: {
    count: 5,
    quota: 5,
    staleAfterDays: 90,
    staleDevices: [
      { id: 'dev-ipad', displayName: 'Old iPad', trustType: 'Workplace', lastSignIn: '2025-01-10T08:00:00Z', kind: 'registered', removableBy: 'self' },
      { id: 'dev-pixel', displayName: 'Pixel 4', trustType: 'Workplace', lastSignIn: null, kind: 'registered', removableBy: 'self' },
      { id: 'dev-laptop', displayName: 'LAPTOP-OLD01', trustType: 'AzureAd', lastSignIn: '2025-03-01T08:00:00Z', kind: 'joined', removableBy: 'helpdesk' },
    ],
    removableBySelf: 2,
    removableByHelpdesk: 1,
  },
  title: 'Your account has reached its device limit.',
  steps: ['Remove devices you no longer use.'],
};
