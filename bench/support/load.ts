/**
 * The load client of the bot benchmark: `conversations` workers run at once, each sending its
 * turns one after another in its own conversation over keep-alive HTTP; every turn's latency is
 * the POST /api/messages round trip (the bot's reply to the connector happens inside it).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  turns: number;
  failures: number;
  wallMs: number;
  latenciesMs: number[];
}

export interface LoadOptions {
  botUrl: string;
  /** Concurrent conversations (one worker each). */
  conversations: number;
  turnsPerConversation: number;
  /** The activity for turn `turn` of conversation `conversation`. */
  activity: (conversation: number, turn: number) => unknown;
}

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.conversations });
  const url = new URL(opts.botUrl);
  const latenciesMs: number[] = [];
  let failures = 0;
  const started = performance.now();
  const worker = async (conversation: number) => {
    for (let turn = 0; turn < opts.turnsPerConversation; turn++) {
      const body = JSON.stringify(opts.activity(conversation, turn));
      const t0 = performance.now();
      const status = await post(agent, url, body).catch(() => 0);
      latenciesMs.push(performance.now() - t0);
      if (status < 200 || status >= 300) failures++;
    }
  };
  await Promise.all(Array.from({ length: opts.conversations }, (_, i) => worker(i)));
  const wallMs = performance.now() - started;
  agent.destroy();
  return { turns: latenciesMs.length, failures, wallMs, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}
