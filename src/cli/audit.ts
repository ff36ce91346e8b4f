/**
 * `npm run audit -- [--since <date>] [--until <date>] [--action <name|prefix*>] [--format jsonl|csv] [--store <sqlite path>]`
 * `npm run audit -- --verify [--anchor <seq>:<hash>]... [--store <sqlite path>]`
 *
 * Exports the append-only audit trail (requests, decisions, issuances, revocations, diagnoses...)
 * oldest first, or verifies it: dense seq, every hash-chain link and hash, and the anchors an
 * operator noted earlier (so a truncated end is caught too). Default store: SQLITE_PATH, or the
 * Azure append-blob trail when STORAGE_KIND=azure (AZURE_STORAGE_CONNECTION_STRING; a read-only SAS
 * is enough). `--until` is exclusive; a bare date means 00:00 UTC.
 * Exit codes: 0 exported / verified intact, 2 bad arguments or no store, 4 verification found
 * problems, 1 unexpected.
 * Entry point: dist/src/cli/audit.js.
 */
import { parseFlags, runScript } from './process';
import { processEnvironment } from '../config';
import { describeError } from '../shared/errors';
import { verifyChain, walkChain, type ChainProblem } from '../storage/auditChain';
import type { AuditRecord } from '../storage/types';
import { AuditSourceError, openConfiguredSource, type AuditSource } from './auditSource';

export const AUDIT_USAGE =
  'usage: audit [--since <date>] [--until <date>] [--action <name|prefix*>] [--format jsonl|csv] [--store <sqlite path>]\n       audit --verify [--anchor <seq>:<sha256>]... [--store <sqlite path>]';

export interface AuditIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

export interface AuditArgs {
  since?: Date;
  until?: Date;
  action?: string;
  format: 'jsonl' | 'csv';
  store?: string;
  verify?: boolean;
  anchors?: Array<{ seq: number; hash: string }>;
}

class UsageError extends Error {}

function parseWhen(flag: string, text: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (!ok || Number.isNaN(at.getTime())) throw new UsageError(`${flag}: expected a date (2026-11-26) or an ISO time (2026-11-26T09:30:00Z), got "${text}"`);
  return at;
}

export function parseAuditArgs(argv: string[]): AuditArgs {
  const values = parseFlags(
    argv,
    {
      since: { type: 'string' },
      until: { type: 'string' },
      action: { type: 'string' },
      format: { type: 'string' },
      store: { type: 'string' },
      verify: { type: 'boolean' },
      anchor: { type: 'string', multiple: true },
    },
    (m) => new UsageError(m),
  );
  const format = values.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format: expected jsonl or csv, got "${format}"`);
  if (values.action !== undefined && !/^[A-Za-z0-9._-]+\*?$/.test(values.action)) throw new UsageError(`--action: expected an action name such as tap.issued or a prefix such as tap.*`);
  if (values.store !== undefined && values.store.trim() === '') throw new UsageError('--store: a path is required');
  const args: AuditArgs = { format };
  if (values.since !== undefined) args.since = parseWhen('--since', values.since);
  if (values.until !== undefined) args.until = parseWhen('--until', values.until);
  if (args.since && args.until && args.until <= args.since) throw new UsageError('--until must be after --since');
  if (values.action !== undefined) args.action = values.action;
  if (values.store !== undefined) args.store = values.store;
  if (values.anchor !== undefined && !values.verify) throw new UsageError('--anchor: only with --verify');
  if (values.verify) {
    if (values.since !== undefined || values.until !== undefined || values.action !== undefined || values.format !== undefined) {
      throw new UsageError('--verify reads the whole trail: it takes no --since, --until, --action or --format');
    }
    args.verify = true;
    args.anchors = (values.anchor ?? []).map((a) => {
      const m = /^(\d+):([0-9a-f]{64})$/.exec(a);
      if (!m?.[1] || !m[2]) throw new UsageError(`--anchor: expected <seq>:<sha256 hex> as printed by an earlier --verify, got "${a}"`);
      return { seq: Number(m[1]), hash: m[2] };
    });
  }
  return args;
}

const SECRET_KEYS = /^(pass|temporaryAccessPass|token|accessToken|refreshToken|secret|clientSecret|password|authorization)$/i;

/** Last safety net: a key that names a secret never leaves the store, whatever wrote it. */
export function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : scrub(v);
  return out;
}

export const CSV_COLUMNS = ['seq', 'at', 'action', 'actor', 'subject', 'requestId', 'correlationId', 'details'] as const;

/** RFC 4180 quoting, and no spreadsheet formulas (cells starting with = + - @ get a leading '). */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(r: AuditRecord): string {
  const requestId = r.details && typeof r.details.requestId === 'string' ? r.details.requestId : undefined;
  return [r.seq, r.at, r.action, r.actor, r.subject, requestId, r.correlationId, r.details ?? {}].map(csvCell).join(',');
}

function jsonLine(r: AuditRecord): string {
  return JSON.stringify(r);
}

const PAGE = 1000;

/** Pages through the log by seq; yields the records the filters select. */
export async function* exportRecords(log: { query: (o: { since?: string; action?: string; limit?: number; afterSeq?: number }) => Promise<AuditRecord[]> }, args: AuditArgs): AsyncGenerator<AuditRecord> {
  const exact = args.action !== undefined && !args.action.endsWith('*') ? args.action : undefined;
  const prefix = args.action?.endsWith('*') ? args.action.slice(0, -1) : undefined;
  let after = 0;
  for (;;) {
    const page = await log.query({ ...(args.since ? { since: args.since.toISOString() } : {}), ...(exact ? { action: exact } : {}), limit: PAGE, afterSeq: after });
    const fresh = page.filter((r) => (r.seq ?? 0) > after);
    for (const r of fresh) {
      if (prefix !== undefined && !r.action.startsWith(prefix)) continue;
      if (args.until && Date.parse(r.at) >= args.until.getTime()) continue;
      yield { ...r, ...(r.details ? { details: scrub(r.details) as Record<string, unknown> } : {}) };
    }
    const last = fresh[fresh.length - 1]?.seq;
    if (page.length < PAGE || last === undefined || last <= after) return;
    after = last;
  }
}

function describeProblem(p: ChainProblem): string {
  switch (p.kind) {
    case 'gap':
      return `records missing between seq ${p.afterSeq} and ${p.nextSeq}`;
    case 'link':
      return `seq ${p.seq} does not link to the record before it (a record before it was removed or replaced)`;
    case 'hash':
      return `seq ${p.seq} was changed after it was written (its hash does not match its content)`;
    case 'anchor':
      return p.found === undefined ? `anchor seq ${p.seq} is no longer in the trail (the trail was truncated)` : `anchor seq ${p.seq} has hash ${p.found}, expected ${p.expected}`;
  }
}

async function verify(source: AuditSource, args: AuditArgs, io: AuditIo): Promise<number> {
  const start = await source.chainStart();
  const report = await verifyChain(walkChain(source), args.anchors ?? [], start);
  if (start > 1) io.stdout(`note: records 1..${start - 1} were written before the trail was chained and are not covered\n`);
  for (const p of report.problems) io.stdout(`PROBLEM: ${describeProblem(p)}\n`);
  if (report.ok) {
    io.stdout(`intact: ${report.count} record(s)${report.lastSeq !== undefined ? `, seq ${report.firstSeq ?? start}..${report.lastSeq}` : ''}\n`);
    if (report.lastSeq !== undefined && report.headHash) io.stdout(`anchor for the next check: --anchor ${report.lastSeq}:${report.headHash}\n`);
    return 0;
  }
  io.stderr(`audit: ${report.problems.length} problem(s) in ${source.description}\n`);
  return 4;
}

export async function main(argv: string[], io: AuditIo): Promise<number> {
  let args: AuditArgs;
  let source: AuditSource;
  try {
    args = parseAuditArgs(argv);
    source = openConfiguredSource(args.store, io.env);
  } catch (e) {
    if (e instanceof UsageError || e instanceof AuditSourceError) {
      io.stderr(`audit: ${e.message}\n${AUDIT_USAGE}\n`);
      return 2;
    }
    io.stderr(`audit: ${e instanceof Error ? e.message : describeError(e)}\n${AUDIT_USAGE}\n`);
    return 2;
  }
  try {
    if (args.verify) return await verify(source, args, io);
    let count = 0;
    if (args.format === 'csv') io.stdout(`${CSV_COLUMNS.join(',')}\r\n`);
    for await (const r of exportRecords(source, args)) {
      io.stdout(args.format === 'csv' ? `${csvRow(r)}\r\n` : `${jsonLine(r)}\n`);
      count++;
    }
    io.stderr(`audit: ${count} record(s) exported from ${source.description}\n`);
    return 0;
  } catch (e) {
    io.stderr(`audit: unexpected failure: ${describeError(e)}\n`);
    return 1;
  } finally {
    await source.close();
  }
}

if (require.main === module) runScript('audit', (io) => main(process.argv.slice(2), { ...io, env: processEnvironment() }));
