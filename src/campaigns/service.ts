/**
 * What the admin (and the bot's card handlers) call: preview, create, start, pause, resume,
 * cancel, progress, report, results, and the employee's answer to a nudge. Status changes are
 * conditional writes, so two admins (or an admin and a finishing runner) never lose an update.
 */
import { z } from 'zod';
import type { Clock } from '../shared/clock';
import { AppError, describeError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { AuditLog, DocumentStore } from '../storage/types';
import { ConflictError } from '../storage/types';
import { classifyTarget, countVerdict, emptyPreview } from './audience';
import {
  AudienceSchema,
  CAMPAIGNS,
  CampaignSettingsSchema,
  type Campaign,
  type CampaignStatus,
  type PreviewCounts,
} from './model';
import type { TargetSource } from './ports';
import { RecipientRepo } from './recipients';
import { computeResults, finalReport, readProgress, type FinalReport, type Progress, type Results } from './report';
import { reportOnly, type ReportOnlyResult } from './reportOnly';
import { loadCampaign, type CampaignRunner, type RunOutcome } from './runner';

export const CreateCampaignSchema = z
  .object({
    tenantId: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    audience: AudienceSchema,
    excludeGroupId: z.string().min(1).max(100).optional(),
    settings: CampaignSettingsSchema.default({}),
    createdBy: z.string().min(1).max(100),
  })
  .strict();
export type CreateCampaignInput = z.input<typeof CreateCampaignSchema>;

export interface CampaignServiceDeps {
  store: DocumentStore;
  source: TargetSource;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** A fresh runner (its own pacer and lease owner id) for one run. */
  createRunner: () => CampaignRunner;
  /** Admin actions (created, started, paused, resumed, cancelled) are audited here when given. */
  audit?: AuditLog;
  /** Evaluation (shadow) mode: "start" produces a report-only run and sends nothing. */
  reportOnly?: boolean;
}

/** Thrown by `start` in report-only mode: the campaign stays a draft; `report` says what a run would do. */
export class ReportOnlyRun extends AppError {
  constructor(readonly report: ReportOnlyResult) {
    super('refused', `Report only (evaluation mode): ${report.counts.targets} employee(s) would be nudged, about ${report.estimatedMinutes} min at ${report.ratePerSecond} messages/s (${report.quietNow} in quiet hours now). Nothing was sent.`, {
      expected: true,
      details: { reason: 'shadow_mode' },
    });
    this.name = 'ReportOnlyRun';
  }
}

export type EmployeeAnswer = 'setup' | 'stuck' | 'snooze';

export class CampaignService {
  private readonly active = new Map<string, { runner: CampaignRunner; done: Promise<RunOutcome | 'error'> }>();

  constructor(private readonly deps: CampaignServiceDeps) {}

  /** Counts the audience page by page (never the whole tenant in memory). */
  async preview(input: Pick<CreateCampaignInput, 'tenantId' | 'audience' | 'excludeGroupId'>, pageSize = 500): Promise<PreviewCounts> {
    const audience = AudienceSchema.parse(input.audience);
    const counts = emptyPreview();
    const query = { tenantId: input.tenantId, audience, excludeGroupId: input.excludeGroupId, pageSize };
    let cursor: string | undefined;
    do {
      const page = await this.deps.source.page(query, cursor);
      for (const user of page.users) countVerdict(counts, classifyTarget(user));
      cursor = page.next;
    } while (cursor !== undefined);
    return counts;
  }

  async create(input: CreateCampaignInput): Promise<Campaign> {
    const parsed = CreateCampaignSchema.safeParse(input);
    if (!parsed.success) throw new AppError('bad_request', `invalid campaign: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const v = parsed.data;
    const campaign: Campaign = {
      id: this.deps.newId(),
      tenantId: v.tenantId,
      name: v.name,
      audience: v.audience,
      ...(v.excludeGroupId ? { excludeGroupId: v.excludeGroupId } : {}),
      settings: v.settings,
      status: 'draft',
      createdBy: v.createdBy,
      createdAt: this.deps.clock.now().toISOString(),
      preview: await this.preview(v, v.settings.pageSize),
    };
    await this.deps.store.put(CAMPAIGNS, campaign.id, campaign, { ifNoneMatch: '*' });
    await this.record('campaign.created', campaign.createdBy, campaign, { audience: campaign.audience, settings: campaign.settings, preview: campaign.preview });
    return campaign;
  }

  async get(id: string): Promise<Campaign> {
    const loaded = await loadCampaign(this.deps.store, id);
    if (!loaded) throw new AppError('not_found', `no campaign ${id}`);
    return loaded.value;
  }

  /** `by`: the admin's object id (audited as the actor). */
  async start(id: string, by = 'system'): Promise<Campaign> {
    if (this.deps.reportOnly) {
      const report = await this.reportOnly(id, by);
      throw new ReportOnlyRun(report);
    }
    const c = await this.transition(id, ['draft'], 'running', (c) => ({ ...c, startedAt: this.deps.clock.now().toISOString() }));
    await this.record('campaign.started', by, c);
    this.launch(id);
    return c;
  }

  async pause(id: string, by = 'system'): Promise<Campaign> {
    const c = await this.transition(id, ['running'], 'paused');
    await this.record('campaign.paused', by, c);
    this.active.get(id)?.runner.stop('paused');
    return c;
  }

  async resume(id: string, by = 'system'): Promise<Campaign> {
    const c = await this.transition(id, ['paused'], 'running');
    await this.record('campaign.resumed', by, c);
    this.launch(id);
    return c;
  }

  async cancel(id: string, by = 'system'): Promise<Campaign> {
    const c = await this.transition(id, ['draft', 'running', 'paused'], 'cancelled', (c) => ({ ...c, finishedAt: this.deps.clock.now().toISOString() }));
    await this.record('campaign.cancelled', by, c);
    this.active.get(id)?.runner.stop('cancelled');
    return c;
  }

  /** Who a run would nudge and how long it would take, sent to nobody; audited as `campaign.report_only`. */
  async reportOnly(id: string, by = 'system'): Promise<ReportOnlyResult> {
    const campaign = await this.get(id);
    const report = await reportOnly(this.deps.source, campaign, this.deps.clock.now());
    const { sample: _sample, ...counts } = report;
    await this.record('campaign.report_only', by, campaign, { shadow: true, ...counts });
    return report;
  }

  /** The change has happened; a failed audit write is logged loudly, never undoes it. */
  private async record(action: string, actor: string, c: Campaign, extra: Record<string, unknown> = {}): Promise<void> {
    if (!this.deps.audit) return;
    try {
      await this.deps.audit.append({ at: this.deps.clock.now().toISOString(), action, actor: actor || 'unknown', subject: c.id, details: { campaignId: c.id, name: c.name, tenantId: c.tenantId, status: c.status, ...extra } });
    } catch (e) {
      this.deps.logger.error({ action, campaignId: c.id, err: describeError(e) }, 'audit record not written');
    }
  }

  /** Relaunches campaigns left `running` (call at process start: a crashed process resumes here). */
  async resumeRunning(): Promise<string[]> {
    const ids: string[] = [];
    for (const row of await this.deps.store.list<{ status?: string }>(CAMPAIGNS, { limit: 1000 })) {
      if (row.value.status === 'running') {
        ids.push(row.key);
        this.launch(row.key);
      }
    }
    return ids;
  }

  /** The in-process run of a campaign, if any (tests and shutdown wait on it). */
  running(id: string): Promise<RunOutcome | 'error'> | undefined {
    return this.active.get(id)?.done;
  }

  async progress(id: string): Promise<Progress> {
    return readProgress(this.deps.store, await this.get(id));
  }

  async report(id: string): Promise<FinalReport> {
    return finalReport(this.deps.store, await this.get(id));
  }

  async results(id: string, days: number): Promise<Results> {
    if (!(Number.isInteger(days) && days >= 1 && days <= 365)) throw new AppError('bad_request', 'days must be an integer from 1 to 365');
    return computeResults(this.deps.store, this.deps.source, await this.get(id), days);
  }

  /**
   * The employee's answer to a nudge card. "Remind me tomorrow" schedules the next round while
   * snoozes are left; returns when the reminder is due, or undefined when none is scheduled.
   */
  async answer(campaignId: string, userId: string, answer: EmployeeAnswer): Promise<{ remindAt?: string }> {
    const campaign = await this.get(campaignId);
    const repo = new RecipientRepo(this.deps.store);
    const item = await repo.get(campaignId, userId);
    if (!item) throw new AppError('not_found', 'this nudge is not known');
    const now = this.deps.clock.now();
    const r = item.value;
    const canSnooze = answer === 'snooze' && r.state === 'sent' && r.snoozes < campaign.settings.maxSnoozes && campaign.status !== 'cancelled';
    if (!canSnooze) {
      const etag = await repo.update({ ...r, response: answer, respondedAt: now.toISOString(), updatedAt: now.toISOString() }, item.etag);
      if (etag === undefined) throw new AppError('conflict', 'the nudge changed meanwhile; try again');
      return {};
    }
    const remindAt = new Date(now.getTime() + campaign.settings.snoozeHours * 3600 * 1000).toISOString();
    await repo.schedule(campaignId, userId, remindAt);
    const snoozed = { ...r, state: 'snoozed' as const, round: r.round + 1, snoozes: r.snoozes + 1, notBefore: remindAt, response: answer, respondedAt: now.toISOString(), updatedAt: now.toISOString() };
    if ((await repo.update(snoozed, item.etag)) === undefined) throw new AppError('conflict', 'the nudge changed meanwhile; try again');
    if (campaign.status === 'completed') {
      await this.transition(campaignId, ['completed'], 'running').catch(() => undefined);
      this.launch(campaignId);
    }
    return { remindAt };
  }

  /** Starts a run; if one is still winding down (pause then resume), the new one starts after it. */
  private launch(id: string): void {
    const prior = this.active.get(id);
    const runner = this.deps.createRunner();
    const entry = {
      runner,
      done: (prior?.done ?? Promise.resolve())
        .then(() => runner.run(id))
        .catch((e: unknown): 'error' => {
          this.deps.logger.warn({ campaignId: id, error: describeError(e) }, 'campaign run did not complete');
          return 'error';
        })
        .finally(() => {
          if (this.active.get(id) === entry) this.active.delete(id);
        }),
    };
    this.active.set(id, entry);
  }

  private async transition(id: string, from: CampaignStatus[], to: CampaignStatus, change: (c: Campaign) => Campaign = (c) => c): Promise<Campaign> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const loaded = await loadCampaign(this.deps.store, id);
      if (!loaded) throw new AppError('not_found', `no campaign ${id}`);
      if (!from.includes(loaded.value.status)) throw new AppError('conflict', `campaign ${id} is ${loaded.value.status}; cannot make it ${to}`);
      const next: Campaign = { ...change(loaded.value), status: to };
      try {
        await this.deps.store.put(CAMPAIGNS, id, next, { ifMatch: loaded.etag });
        return next;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    throw new AppError('conflict', `campaign ${id} kept changing; try again`);
  }
}
