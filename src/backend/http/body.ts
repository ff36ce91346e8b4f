/** Reading and validating a JSON request body with a size limit. */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';

export const MAX_BODY_BYTES = 64 * 1024;

export async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new AppError('bad_request', `body larger than ${limit} bytes`, { details: { status: 413 } });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limit) throw new AppError('bad_request', `body larger than ${limit} bytes`, { details: { status: 413 } });
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new AppError('bad_request', 'body: a JSON object is required');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('bad_request', 'body: not valid JSON');
  }
}

/** Validates with zod; a failure is a 400 naming the first offending field. */
export function validate<S extends z.ZodTypeAny>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data as z.infer<S>;
  const issue = r.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
  let message = issue?.message ?? 'invalid';
  if (issue?.code === 'unrecognized_keys') message = `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : path;
  throw new AppError('bad_request', `${path}: ${message}`, { details: { field } });
}
