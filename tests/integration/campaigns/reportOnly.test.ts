/**
 * Report-only campaigns (evaluation mode): "start" walks the audience and says whom a run would
 * nudge and how long it would take; nothing reaches the connector, the campaign stays a draft,
 * and the report is audited.
 */
import { CAMPAIGNS } from '../../../src/campaigns/model';
import { ReportOnlyRun } from '../../../src/campaigns/service';
import { campaignInput, createWorld, type World } from './support/harness';

describe('report-only campaigns', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('starting in evaluation mode sends nothing, keeps the draft, and reports and audits who would be nudged at what pace', async () => {
    world = await createWorld({ tenant: { size: 40 }, connector: { preinstalled: true }, reportOnly: true });
    const campaign = await world.service.create(campaignInput({ ratePerSecond: 10, headroom: 0.5 }));

    const refused = await world.service.start(campaign.id, 'admin-1').catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(ReportOnlyRun);
    const report = (refused as ReportOnlyRun).report;
    expect(report.counts).toEqual(campaign.preview);
    expect(report.counts.targets).toBeGreaterThan(0);
    expect(report.ratePerSecond).toBe(5);
    expect(report.estimatedMinutes).toBeCloseTo(Math.ceil((report.counts.targets / 5 / 60) * 10) / 10);
    expect(report.sample.length).toBe(Math.min(20, report.counts.targets));
    expect((refused as ReportOnlyRun).message).toMatch(/^Report only \(evaluation mode\): \d+ employee\(s\) would be nudged.*Nothing was sent\.$/);
    expect(world.standIn.state.stats().activities).toBe(0);
    expect(world.standIn.state.stats().requests).toEqual({ create: 0, install: 0, lookup: 0, send: 0 });
    expect((await world.store.get<{ status: string }>(CAMPAIGNS, campaign.id))?.value.status).toBe('draft');
    const audited = await world.store.query({ action: 'campaign.report_only' });
    expect(audited).toEqual([expect.objectContaining({ actor: 'admin-1', subject: campaign.id, details: expect.objectContaining({ shadow: true, estimatedMinutes: report.estimatedMinutes }) })]);
    expect(JSON.stringify(audited)).not.toContain(report.sample[0] ?? '@@none');
  });
});
