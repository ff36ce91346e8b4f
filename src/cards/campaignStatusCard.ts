/**
 * The helpdesk channel's campaign card: the preview (counts, "Start"), then the progress card that
 * the bot updates in place (targeted, sent, installed, failed with reasons, remaining, rate, ETA),
 * and at the end the report. Actions follow the campaign's status.
 */
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export type CampaignCardStatus = 'draft' | 'running' | 'paused' | 'cancelled' | 'completed';

export interface CampaignStatusCardInput {
  campaignId: string;
  status: CampaignCardStatus;
  /** preview: the draft's counts; progress: live numbers; report: recounted at the end. */
  kind: 'preview' | 'progress' | 'report';
  facts: Array<{ title: string; value: string }>;
  failures: Array<{ label: string; count: number }>;
  text?: string;
  confirmCancel?: boolean;
}

export function renderCampaignStatusCard(ctx: CardContext, input: CampaignStatusCardInput): AdaptiveCard {
  const s = ctx.strings.campaigns;
  const statusWord = s.status[input.status] ?? input.status;
  const title = input.kind === 'preview' ? s.previewTitle : input.kind === 'report' ? s.reportTitle : fill(s.progressTitle, { status: statusWord });
  const open = input.status === 'draft' || input.status === 'running' || input.status === 'paused';
  const canStart = input.status === 'draft' && !input.confirmCancel;
  const canPause = input.status === 'running' && !input.confirmCancel;
  const canResume = input.status === 'paused' && !input.confirmCancel;
  const canRefresh = input.status !== 'draft' && !input.confirmCancel;
  return ctx.renderer.render('campaignStatus', {
    hasFirstRow: canStart || canResume || !open,
    hasSecondRow: canPause || canRefresh,
    campaignId: input.campaignId,
    title,
    hasText: input.text !== undefined,
    text: input.text ?? '',
    facts: input.facts,
    hasFailures: input.failures.length > 0,
    failuresTitle: s.facts.failed,
    failures: input.failures.map((f) => ({ text: fill(s.failure, { label: f.label, count: f.count }) })),
    canStart,
    canPause,
    canResume,
    canResults: !open,
    canRefresh,
    // One primary action: Start (draft), Resume (paused), Results (ended), else Refresh.
    refreshStyle: input.status === 'running' ? 'positive' : 'default',
    canCancel: open && !input.confirmCancel,
    confirmCancel: input.confirmCancel === true,
    startLabel: s.start,
    pauseLabel: s.pause,
    resumeLabel: s.resume,
    resultsLabel: s.results,
    refreshLabel: s.refresh,
    cancelLabel: s.cancel,
    cancelConfirmTitle: s.cancelConfirmTitle,
    cancelConfirmText: s.cancelConfirmText,
    cancelYes: s.cancelYes,
    cancelNo: s.cancelNo,
  });
}
