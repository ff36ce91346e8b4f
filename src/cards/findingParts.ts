/** Pieces shared by the findings and fix-step cards. */
import { actorOf, type Actor } from '../diagnosis/actor';
import type { Finding, Severity } from '../diagnosis/types';
import { fill, type Strings } from '../i18n/en';
import { causeLine } from './cause';
import { errorLookupUrl } from './links';
import { evidenceErrorCodes, evidenceFacts, type Fact } from './evidence';
import { readerClock, type Reader } from './readerTime';

const COLOURS: Record<Severity, string> = { blocking: 'attention', warning: 'warning', info: 'good' };

export interface FindingParts {
  statusText: string;
  statusColor: string;
  /** Who must act (employee / helpdesk / admin): the card leads with it. */
  actor: Actor;
  actorLabel: string;
  /** Info findings (nothing to fix) show no actor line. */
  hasActor: boolean;
  fixOwner: string;
  actorColor: string;
  /** The cause an agent verifies (policy name, IPv6 against IPv4-only), in visible text. */
  cause: string;
  hasCause: boolean;
  /** "What to do" for the employee's own fixes; "What you can do meanwhile" otherwise. */
  stepsLabel: string;
  steps: Array<{ n: number; text: string }>;
  hasSteps: boolean;
  facts: Fact[];
  hasFacts: boolean;
  /** At most two links (the action row also holds My Security Info). */
  lookups: Array<{ title: string; url: string }>;
}

export function findingParts(strings: Strings, finding: Finding, extraCodes: string[] = [], reader: Reader = {}): FindingParts {
  const clock = readerClock(reader);
  const steps = finding.steps.map((text, i) => ({ n: i + 1, text }));
  const facts = evidenceFacts(finding.evidence, clock);
  const codes = [...new Set([...extraCodes, ...evidenceErrorCodes(finding.evidence)])];
  const lookups: Array<{ title: string; url: string }> = [];
  for (const code of codes) {
    const url = errorLookupUrl(code);
    if (url && lookups.length < 2) lookups.push({ title: fill(strings.errorCode.lookup, { code }), url });
  }
  const actor = actorOf(finding);
  const cause = causeLine(strings, finding, clock) ?? '';
  return {
    statusText: strings.status[finding.severity],
    statusColor: COLOURS[finding.severity],
    actor,
    actorLabel: strings.advice.actorLabel,
    hasActor: finding.severity !== 'info',
    fixOwner: strings.advice.actor[actor] ?? '',
    actorColor: actor === 'employee' ? 'good' : 'attention',
    cause,
    hasCause: cause !== '',
    stepsLabel: (actor === 'employee' ? strings.advice.stepsLabel.employee : strings.advice.stepsLabel.meanwhile) ?? strings.findings.steps,
    steps,
    hasSteps: steps.length > 0,
    facts,
    hasFacts: facts.length > 0,
    lookups,
  };
}
