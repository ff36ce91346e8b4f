/**
 * Acceptance: for every case in tests/fixtures/tenants/findings/cases.json the real `diagnose`
 * command (simulator on loopback + backend + engine) raises the codes findings.md requires.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { CaseSchema, assertDiagnosis } from './contract';
import { REPO_ROOT, parseOutput, runDiagnose } from './run';

const cases = z.array(CaseSchema).parse(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tests/fixtures/tenants/findings/cases.json'), 'utf8')));

describe('acceptance: each finding code is diagnosed as findings.md defines it', () => {
  test.each(cases)('$name', async (c) => {
    const run = await runDiagnose(c);

    expect({ exitCode: run.exitCode, stderr: run.exitCode === 0 ? '' : run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    assertDiagnosis(parseOutput(run), c);
  });
});
