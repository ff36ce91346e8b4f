/**
 * Application Insights without an SDK: a pino destination that forwards log lines (already
 * redacted by the logger) to the Application Insights ingestion API (`POST {IngestionEndpoint}
 * v2.1/track`) as traces, batched. stdout keeps every line too (App Service log stream / Log
 * Analytics). Chosen over the OpenTelemetry SDK because none is installed and the structured logs
 * already carry the correlation ids; App Insights then sees them in `traces` with customDimensions.
 *
 * Delivery is best effort: a failed batch is dropped and counted, logging never blocks or throws.
 */
import { hostname } from 'node:os';

export interface AppInsightsTarget {
  instrumentationKey: string;
  /** `https://<region>.in.applicationinsights.azure.com/` */
  ingestionEndpoint: string;
}

/** Parses `InstrumentationKey=…;IngestionEndpoint=…`; undefined when there is no key. */
export function parseAppInsightsConnectionString(cs: string | undefined): AppInsightsTarget | undefined {
  if (!cs) return undefined;
  const f = new Map<string, string>();
  for (const part of cs.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) f.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  const instrumentationKey = f.get('instrumentationkey');
  if (!instrumentationKey) return undefined;
  const endpoint = f.get('ingestionendpoint') ?? 'https://dc.services.visualstudio.com/';
  return { instrumentationKey, ingestionEndpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/` };
}

export interface TelemetryExporterOptions {
  target: AppInsightsTarget;
  /** `ai.cloud.role`: `bot` or `backend`. */
  role: string;
  roleInstance?: string;
  fetch?: typeof fetch;
  /** Lines per request (default 50). */
  maxBatch?: number;
  /** Background flush period (default 5000 ms); 0 disables the timer (tests flush explicitly). */
  flushIntervalMs?: number;
  /** Lines kept while the endpoint is slow; older ones are dropped (default 5000). */
  maxQueue?: number;
}

export interface TelemetryExporter {
  /** pino destination: one JSON log line per call. */
  write(line: string): void;
  flush(): Promise<void>;
  close(): Promise<void>;
  readonly stats: { sent: number; dropped: number; failedBatches: number };
}

const SEVERITY: Record<number, number> = { 10: 0, 20: 0, 30: 1, 40: 2, 50: 3, 60: 4 }; // pino level → AI severityLevel
const CORRELATION_KEYS = ['correlationId', 'requestId', 'reference', 'conversationId', 'activityId'];

function envelope(t: AppInsightsTarget, role: string, roleInstance: string, line: Record<string, unknown>): Record<string, unknown> {
  const { msg, level, time, ...rest } = line;
  const properties: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest)) properties[k] = typeof v === 'string' ? v : JSON.stringify(v);
  const operationId = CORRELATION_KEYS.map((k) => rest[k]).find((v): v is string => typeof v === 'string');
  return {
    name: `Microsoft.ApplicationInsights.${t.instrumentationKey.replace(/-/g, '')}.Message`,
    time: typeof time === 'string' ? time : new Date(typeof time === 'number' ? time : 0).toISOString(),
    iKey: t.instrumentationKey,
    tags: { 'ai.cloud.role': role, 'ai.cloud.roleInstance': roleInstance, ...(operationId ? { 'ai.operation.id': operationId } : {}) },
    data: {
      baseType: 'MessageData',
      baseData: { ver: 2, message: typeof msg === 'string' ? msg : '', severityLevel: SEVERITY[typeof level === 'number' ? level : 30] ?? 1, properties },
    },
  };
}

export function createTelemetryExporter(opts: TelemetryExporterOptions): TelemetryExporter {
  const doFetch = opts.fetch ?? fetch;
  const maxBatch = opts.maxBatch ?? 50;
  const maxQueue = opts.maxQueue ?? 5000;
  const roleInstance = opts.roleInstance ?? hostname();
  const url = `${opts.target.ingestionEndpoint}v2.1/track`;
  const queue: Array<Record<string, unknown>> = [];
  const stats = { sent: 0, dropped: 0, failedBatches: 0 };
  let sending: Promise<void> = Promise.resolve();

  const sendBatch = async (batch: Array<Record<string, unknown>>) => {
    try {
      const res = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) stats.sent += batch.length;
      else {
        stats.failedBatches++;
        stats.dropped += batch.length;
      }
    } catch {
      stats.failedBatches++;
      stats.dropped += batch.length;
    }
  };
  const flush = (): Promise<void> => {
    sending = sending.then(async () => {
      while (queue.length > 0) await sendBatch(queue.splice(0, maxBatch));
    });
    return sending;
  };
  const timer = opts.flushIntervalMs === 0 ? undefined : setInterval(() => void flush(), opts.flushIntervalMs ?? 5000);
  timer?.unref();

  return {
    stats,
    write(line: string) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
      queue.push(envelope(opts.target, opts.role, roleInstance, parsed as Record<string, unknown>));
      if (queue.length > maxQueue) stats.dropped += queue.splice(0, queue.length - maxQueue).length;
      if (queue.length >= maxBatch) void flush();
    },
    flush,
    async close() {
      if (timer) clearInterval(timer);
      await flush();
    },
  };
}
