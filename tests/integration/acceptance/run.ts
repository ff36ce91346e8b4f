/** Runs the real `diagnose` command in-process and parses its `--json` output. */
import * as path from 'node:path';
import { main } from '../../../src/cli/diagnose';
import { DiagnoseOutputSchema, type DiagnoseOutput } from './contract';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface DiagnoseRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface DiagnoseArgs {
  fixture: string;
  user: string;
  client?: string | undefined;
  now: string;
}

export async function runDiagnose(a: DiagnoseArgs): Promise<DiagnoseRun> {
  const argv = ['--user', a.user, '--tenant', path.resolve(REPO_ROOT, a.fixture), '--now', a.now, '--json'];
  if (a.client !== undefined) argv.push('--client', path.resolve(REPO_ROOT, a.client));
  let stdout = '';
  let stderr = '';
  const exitCode = await main(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env: process.env });
  return { exitCode, stdout, stderr };
}

/** Parse stdout as the contract's JSON object; the message names the run when it is not. */
export function parseOutput(run: DiagnoseRun): DiagnoseOutput {
  const parsed = DiagnoseOutputSchema.safeParse(JSON.parse(run.stdout));
  if (!parsed.success) throw new Error(`diagnose --json output does not match the contract: ${parsed.error.message}\nstdout: ${run.stdout.slice(0, 2000)}`);
  return parsed.data;
}
