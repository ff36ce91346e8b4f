/**
 * `npm run diagnose -- --user <upn-or-id> [--tenant <fixture.json>] [--client <client-facts.json>] [--now <ISO>] [--json]`
 *
 * Exit codes: 0 the diagnosis ran (whatever it found); 2 bad arguments, unreadable/invalid fixture
 * or client facts, unknown user, missing configuration; 3 Graph could not be reached (or refused
 * the credentials); 1 an unexpected failure. Entry point: dist/src/cli/diagnose.js.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { processEnvironment } from '../config';
import { GraphRequestError, GraphUnavailableError, UserNotFoundError } from '../backend/graph/errors';
import { describeError } from '../shared/errors';
import { createLogger, type Logger } from '../shared/logger';
import { ArgsError, parseDiagnoseArgs, USAGE } from './args';
import { formatReport } from './report';
import { CliFailure, runDiagnose } from './run';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  logger?: Logger;
}

function exitFor(e: unknown): { code: number; message: string } {
  if (e instanceof CliFailure) return { code: e.exitCode, message: e.message };
  if (e instanceof UserNotFoundError) return { code: 2, message: `unknown user ${e.userRef}` };
  if (e instanceof GraphUnavailableError) return { code: 3, message: `Microsoft Graph could not be reached: ${e.message}` };
  if (e instanceof GraphRequestError) return { code: 3, message: `Microsoft Graph refused the request: ${e.message}` };
  return { code: 1, message: `unexpected failure: ${describeError(e)}` };
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseDiagnoseArgs(argv);
  } catch (e) {
    io.stderr(`diagnose: ${e instanceof ArgsError ? e.message : describeError(e)}\n${USAGE}\n`);
    return 2;
  }
  const logger = io.logger ?? createLogger({ level: io.env.LOG_LEVEL ?? 'silent', name: 'diagnose', destination: process.stderr });
  try {
    const response = await runDiagnose(args, io.env, logger);
    if (args.json) {
      const { user, findings, gaps, graph } = response;
      io.stdout(`${JSON.stringify({ user, findings, graph, gaps }, null, 2)}\n`);
    } else {
      io.stdout(formatReport(response));
    }
    return 0;
  } catch (e) {
    const { code, message } = exitFor(e);
    io.stderr(`diagnose: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return code;
  }
}

function repoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
  return dir;
}

/** With --tenant the simulator's loopback certificate must be trusted before Node starts: re-exec once. */
function reexecWithDevCert(argv: string[]): number {
  const root = repoRoot(__dirname);
  const ensure = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-dev-cert.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (ensure.status !== 0) return 2;
  const script = process.argv[1] ?? __filename;
  const child = spawnSync(process.execPath, [script, ...argv], {
    stdio: 'inherit',
    env: { ...processEnvironment(), NODE_EXTRA_CA_CERTS: join(root, '.data', 'dev-tls', 'cert.pem') },
  });
  return child.status ?? 1;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const usesTenant = argv.some((a) => a === '--tenant' || a.startsWith('--tenant='));
  if (usesTenant && !processEnvironment().NODE_EXTRA_CA_CERTS) {
    process.exit(reexecWithDevCert(argv));
  }
  main(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: processEnvironment(),
  }).then(
    (code) => process.stdout.write('', () => process.exit(code)),
    (e: unknown) => {
      process.stderr.write(`diagnose: ${describeError(e)}\n`);
      process.exit(1);
    },
  );
}
