/** The Application Insights exporter against a loopback stand-in for the ingestion endpoint. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../../src/shared/logger';
import { createTelemetryExporter, parseAppInsightsConnectionString } from '../../../src/shared/telemetry';

const IKEY = '0000aaaa-1111-2222-3333-444455556666';

describe('Application Insights exporter', () => {
  let server: Server;
  let endpoint: string;
  let status = 200;
  const posts: Array<{ path: string; body: Array<Record<string, unknown>> }> = [];

  beforeEach(async () => {
    status = 200;
    posts.length = 0;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posts.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString()) as Array<Record<string, unknown>> });
        res.statusCode = status;
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterEach(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('when the connection string has no instrumentation key, telemetry is off', () => {
    expect(parseAppInsightsConnectionString(undefined)).toBeUndefined();
    expect(parseAppInsightsConnectionString('IngestionEndpoint=https://x/')).toBeUndefined();
    expect(parseAppInsightsConnectionString(`InstrumentationKey=${IKEY};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com`)).toEqual({
      instrumentationKey: IKEY,
      ingestionEndpoint: 'https://westeurope-5.in.applicationinsights.azure.com/',
    });
  });

  it('when the logger writes, the lines arrive as App Insights traces with severity, role and correlation id, and secrets stay redacted', async () => {
    const target = parseAppInsightsConnectionString(`InstrumentationKey=${IKEY};IngestionEndpoint=${endpoint}`);
    if (!target) throw new Error('no target');
    const exporter = createTelemetryExporter({ target, role: 'bot', roleInstance: 'instance-1', flushIntervalMs: 0 });
    const logger = createLogger({ level: 'info', destination: exporter });

    logger.info({ correlationId: 'conv-1|act-9', tenantId: 't-1' }, 'message understood');
    logger.error({ reference: 'REF-42', token: 'eyJhbGciOi-secret', details: { n: 1 } }, 'activity processing failed');
    await exporter.close();

    expect(posts.map((p) => p.path)).toEqual(['/v2.1/track']);
    const [info, error] = posts[0]?.body ?? [];
    expect(info).toMatchObject({
      name: `Microsoft.ApplicationInsights.${IKEY.replace(/-/g, '')}.Message`,
      iKey: IKEY,
      tags: { 'ai.cloud.role': 'bot', 'ai.cloud.roleInstance': 'instance-1', 'ai.operation.id': 'conv-1|act-9' },
      data: { baseType: 'MessageData', baseData: { ver: 2, message: 'message understood', severityLevel: 1, properties: { correlationId: 'conv-1|act-9', tenantId: 't-1' } } },
    });
    expect(error).toMatchObject({ tags: { 'ai.operation.id': 'REF-42' }, data: { baseData: { severityLevel: 3, properties: { token: '[redacted]', details: '{"n":1}' } } } });
    expect(JSON.stringify(posts)).not.toContain('eyJhbGciOi-secret');
    expect(exporter.stats).toEqual({ sent: 2, dropped: 0, failedBatches: 0 });
  });

  it('when more lines than a batch are written, they go out in batches of maxBatch', async () => {
    const exporter = createTelemetryExporter({ target: { instrumentationKey: IKEY, ingestionEndpoint: endpoint }, role: 'backend', maxBatch: 3, flushIntervalMs: 0 });
    for (let i = 0; i < 7; i++) exporter.write(JSON.stringify({ level: 30, time: '2026-11-26T09:00:00.000Z', msg: `line ${i}` }));
    await exporter.close();
    expect(posts.map((p) => p.body.length)).toEqual([3, 3, 1]);
  });

  it('when the ingestion endpoint fails, lines are dropped and counted and logging does not throw', async () => {
    status = 500;
    const exporter = createTelemetryExporter({ target: { instrumentationKey: IKEY, ingestionEndpoint: endpoint }, role: 'bot', flushIntervalMs: 0 });
    exporter.write('not json');
    exporter.write(JSON.stringify({ level: 50, msg: 'boom' }));
    await exporter.close();
    expect(exporter.stats).toEqual({ sent: 0, dropped: 1, failedBatches: 1 });
  });
});
