import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export interface NoticeCardInput {
  title: string;
  text: string;
  /** Shown as "Reference: X" (apologies). */
  reference?: string;
  /** When set, "Try again" (re-run the diagnosis of this flow) is the primary action. */
  retryFlowId?: string;
  showSecurityLine?: boolean;
  /** The employee's open pass request: offer "Cancel my request" (verb tapCancel). */
  cancelRequestId?: string;
}

export function renderNoticeCard(ctx: CardContext, input: NoticeCardInput): AdaptiveCard {
  const s = ctx.strings.notices;
  const canRetry = input.retryFlowId !== undefined;
  return ctx.renderer.render('notice', {
    title: input.title,
    text: input.text,
    hasReference: input.reference !== undefined,
    referenceText: input.reference ? fill(s.reference, { reference: input.reference }) : '',
    canRetry,
    flowId: input.retryFlowId ?? '',
    tryAgain: s.tryAgain,
    startOver: s.startOver,
    startOverStyle: canRetry ? 'default' : 'positive',
    canCancel: input.cancelRequestId !== undefined,
    cancelRequestId: input.cancelRequestId ?? '',
    cancelRequest: ctx.strings.tap.cancelRequest,
    showSecurity: input.showSecurityLine ?? false,
    securityLine: ctx.strings.securityLine,
  });
}
