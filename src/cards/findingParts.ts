/** Pieces shared by the findings and fix-step cards. */
import type { Finding, Severity } from '../diagnosis/types';
import { fill, type Strings } from '../i18n/en';
import { errorLookupUrl } from './links';
import { evidenceErrorCodes, evidenceFacts, type Fact } from './evidence';

const COLOURS: Record<Severity, string> = { blocking: 'attention', warning: 'warning', info: 'good' };

export interface FindingParts {
  statusText: string;
  statusColor: string;
  fixOwner: string;
  steps: Array<{ n: number; text: string }>;
  hasSteps: boolean;
  facts: Fact[];
  hasFacts: boolean;
  /** At most two links (the action row also holds My Security Info). */
  lookups: Array<{ title: string; url: string }>;
}

export function findingParts(strings: Strings, finding: Finding, extraCodes: string[] = []): FindingParts {
  const steps = finding.steps.map((text, i) => ({ n: i + 1, text }));
  const facts = evidenceFacts(finding.evidence);
  const codes = [...new Set([...extraCodes, ...evidenceErrorCodes(finding.evidence)])];
  const lookups: Array<{ title: string; url: string }> = [];
  for (const code of codes) {
    const url = errorLookupUrl(code);
    if (url && lookups.length < 2) lookups.push({ title: fill(strings.errorCode.lookup, { code }), url });
  }
  return {
    statusText: strings.status[finding.severity],
    statusColor: COLOURS[finding.severity],
    fixOwner: strings.fixOwner[finding.fix],
    steps,
    hasSteps: steps.length > 0,
    facts,
    hasFacts: facts.length > 0,
    lookups,
  };
}
