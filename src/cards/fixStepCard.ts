import type { Finding } from '../diagnosis/types';
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import { findingParts } from './findingParts';
import { inReaderWords } from './findingWords';
import type { AdaptiveCard } from './renderCard';

export interface FixStepCardInput {
  flowId: string;
  finding: Finding;
  /** 1-based position of this finding and how many there are. */
  position: number;
  total: number;
  pastedCodes: string[];
}

export function renderFixStepCard(ctx: CardContext, input: FixStepCardInput): AdaptiveCard {
  const s = ctx.strings;
  const finding = inReaderWords(s, input.finding);
  return ctx.renderer.render('fixStep', {
    title: s.fixStep.title,
    progress: fill(s.fixStep.progress, { n: input.position, total: input.total }),
    findingTitle: finding.title,
    ...findingParts(s, finding, input.pastedCodes),
    evidenceToggle: s.findings.evidence,
    hideToggle: s.findings.hideEvidence,
    mySecurityInfo: s.findings.mySecurityInfo,
    itWorked: s.findings.itWorked,
    tryAgain: s.findings.tryAgain,
    stillStuck: s.findings.stillStuck,
    helpdesk: s.findings.helpdesk,
    flowId: input.flowId,
    securityLine: s.securityLine,
  });
}
