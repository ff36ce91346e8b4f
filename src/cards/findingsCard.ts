import { needsPass } from '../diagnosis/remedy';
import type { Finding } from '../diagnosis/types';
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import { findingParts } from './findingParts';
import { inReaderWords } from './findingWords';
import type { Reader } from './readerTime';
import { PASSKEY_GUIDE_CODES } from './passkeyGuideCard';
import type { AdaptiveCard } from './renderCard';

export interface EvidenceGap {
  source: string;
  reason: string;
}

export interface FindingsCardInput {
  flowId: string;
  /** Ordered by the diagnosis engine: the first one is the most likely root cause. */
  findings: Finding[];
  gaps: EvidenceGap[];
  /** Worded lines about evidence that was used although older than promised ("as of 14 minutes ago"). */
  stale?: string[];
  /** Error codes the employee pasted in this flow. */
  pastedCodes: string[];
  /** Advice for the symptom the employee described, shown when the diagnosis finds nothing. */
  symptomSteps?: readonly string[];
  /** The reader's time zone and locale (times in the evidence are shown in them). */
  reader?: Reader;
}

export function renderFindingsCard(ctx: CardContext, input: FindingsCardInput): AdaptiveCard {
  const s = ctx.strings;
  const [root, ...others] = input.findings.map((f) => inReaderWords(s, f));
  const rootFinding: Finding = root ?? {
    code: 'ALREADY_REGISTERED',
    severity: 'info',
    fix: 'self',
    evidence: {},
    title: s.findings.noFindings,
    steps: input.symptomSteps && input.symptomSteps.length > 0 ? [...input.symptomSteps] : [s.findings.noFindingsSteps],
  };
  const parts = findingParts(s, rootFinding, input.pastedCodes, input.reader);
  // The card promises a pass exactly when "Talk to the helpdesk" files a pass request.
  const pass = needsPass(input.findings.map((f) => f.code));
  // The device self-fix is offered whenever the quota is reached, root cause or not.
  const quota = input.findings.some((f) => f.code === 'DEVICE_QUOTA_REACHED');
  const gaps = input.gaps.map((g) => ({ text: fill(s.findings.gap, { source: s.gapSources[g.source] ?? g.source, reason: g.reason }) }));
  return ctx.renderer.render('findings', {
    title: s.findings.title,
    rootLabel: s.findings.rootCause,
    rootTitle: rootFinding.title,
    ...parts,
    hasPasted: input.pastedCodes.length > 0,
    pasted: fill(s.findings.pastedCode, { code: input.pastedCodes.join(', ') }),
    hasGaps: gaps.length > 0,
    gapsTitle: s.findings.gapsTitle,
    gaps,
    hasStale: (input.stale ?? []).length > 0,
    staleTitle: s.freshness.staleTitle,
    stale: (input.stale ?? []).map((text) => ({ text })),
    hasOthers: others.length > 0,
    othersLabel: s.findings.others,
    others: others.map((f) => ({ status: s.status[f.severity], title: f.title })),
    evidenceToggle: s.findings.evidence,
    hideToggle: s.findings.hideEvidence,
    evidenceTitle: s.findings.evidenceTitle,
    mySecurityInfo: s.findings.mySecurityInfo,
    quota,
    removeDevices: s.findings.removeDevices,
    // A passkey finding: the passkey guide (src/bot/passkeys) walks the employee through an allowed passkey.
    passkey: input.findings.some((f) => PASSKEY_GUIDE_CODES.has(f.code)),
    setUpPasskey: s.passkeys.setUpPasskey,
    itWorked: s.findings.itWorked,
    workedStyle: quota || parts.actor !== 'employee' ? 'default' : 'positive',
    tryAgain: s.findings.tryAgain,
    stillStuck: s.findings.stillStuck,
    helpdesk: pass ? s.advice.askForPass : s.findings.helpdesk,
    helpdeskStyle: parts.actor === 'employee' ? 'default' : 'positive',
    flowId: input.flowId,
    securityLine: s.securityLine,
  });
}
