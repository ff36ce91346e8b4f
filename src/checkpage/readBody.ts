/** Reads a request body as text with a size limit, whether or not a global body parser ran first. */
import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too_large' };

interface MaybeParsed {
  rawBody?: unknown;
  _readBody?: unknown;
  body?: unknown;
}

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'too_large' });
  const parsed = req as IncomingMessage & MaybeParsed;
  if (parsed._readBody === true || typeof parsed.rawBody === 'string' || Buffer.isBuffer(parsed.rawBody)) {
    // restify's bodyParser already consumed the stream (kept as rawBody; body may be parsed JSON).
    const raw = parsed.rawBody ?? parsed.body;
    const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : raw === undefined ? '' : JSON.stringify(raw);
    return Promise.resolve(Buffer.byteLength(text) > limit ? { ok: false, reason: 'too_large' } : { ok: true, text });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        resolve({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', (e) => {
      if (!done) reject(e);
      done = true;
    });
  });
}
