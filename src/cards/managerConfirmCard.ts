/** The manager's 1:1 card: "Did <name> ask for a pass?" (and the same card once answered). */
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { Fact } from './evidence';
import type { AdaptiveCard } from './renderCard';

export interface ManagerConfirmCardInput {
  requestId: string;
  employeeName: string;
  facts: Fact[];
  /** Set once the manager answered (or the answer was refused): shown instead of the buttons. */
  doneText?: string;
}

export function renderManagerConfirmCard(ctx: CardContext, input: ManagerConfirmCardInput): AdaptiveCard {
  const s = ctx.strings.tap;
  return ctx.renderer.render('managerConfirm', {
    requestId: input.requestId,
    title: fill(s.managerTitle, { name: input.employeeName }),
    text: fill(s.managerText, { name: input.employeeName }),
    facts: input.facts,
    answered: input.doneText !== undefined,
    doneText: input.doneText ?? '',
    yes: s.managerYes,
    no: s.managerNo,
    securityLine: ctx.strings.securityLine,
  });
}
