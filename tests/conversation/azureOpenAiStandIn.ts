/**
 * A local stand-in for Azure OpenAI chat completions on loopback: the real wire format
 * (`POST /openai/deployments/{deployment}/chat/completions?api-version=…`, `api-key` header,
 * chat.completion JSON), answering from a script of replies, and keeping every request it got.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A reply: a model message (JSON text), an HTTP error, or no answer at all. */
export type Reply =
  | { content: string }
  | { status: number; headers?: Record<string, string>; error?: { code: string; message: string } }
  | { hang: true };

export interface StandIn {
  endpoint: string;
  requests: SeenRequest[];
  replies: Reply[];
  close(): Promise<void>;
}

function completion(deployment: string, content: string): object {
  return {
    id: 'chatcmpl-standin',
    object: 'chat.completion',
    created: 1764000000,
    model: deployment,
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
    usage: { prompt_tokens: 200, completion_tokens: 20, total_tokens: 220 },
  };
}

export async function startAzureOpenAiStandIn(opts: { deployment: string; apiKey: string }): Promise<StandIn> {
  const requests: SeenRequest[] = [];
  const replies: Reply[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://standin');
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: raw ? (JSON.parse(raw) as unknown) : undefined });
      const json = (status: number, body: object, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || url.pathname !== `/openai/deployments/${opts.deployment}/chat/completions`) return json(404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } });
      if (!url.searchParams.get('api-version')) return json(404, { error: { code: '404', message: 'Resource not found' } });
      if (req.headers['api-key'] !== opts.apiKey) return json(401, { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' } });
      const reply = replies.shift() ?? { status: 500, error: { code: 'InternalServerError', message: 'no scripted reply' } };
      if ('hang' in reply) return void hanging.push(res);
      if ('content' in reply) return json(200, completion(opts.deployment, reply.content));
      return json(reply.status, { error: reply.error ?? { code: String(reply.status), message: 'error' } }, reply.headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    replies,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
