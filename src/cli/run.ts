/** The `diagnose` run itself: fixture or real tenant → the same diagnosis service the HTTP API uses. */
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig, type Config } from '../config';
import { diagnose } from '../diagnosis';
import { ClientFactsSchema, type ClientFacts } from '../diagnosis/facts';
import type { DiagnoseResponse } from '../backend/api';
import { createGraphGateway } from '../backend/graph/directoryGateway';
import { createDiagnoseService } from '../backend/services/diagnoseService';
import { FixedClock, systemClock, type Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { DiagnoseArgs } from './args';
import { localConfig, startLocalTenant } from './localTenant';

/** A failure that maps to an exit code with a one-line reason. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'unreadable';
    throw new CliFailure(2, `cannot read ${what} ${path} (${code})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliFailure(2, `${what} ${path} is not valid JSON (${e instanceof Error ? e.message : 'parse error'})`);
  }
}

export async function readClientFacts(path: string): Promise<ClientFacts> {
  const raw = await readJsonFile(path, 'client facts');
  const r = ClientFactsSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
    throw new CliFailure(2, `client facts ${path}: unknown field ${issue.keys.map((k) => `"${where}${k}"`).join(', ')}`);
  }
  throw new CliFailure(2, `client facts ${path}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
}

async function diagnoseWith(
  config: Config, clock: Clock, now: Date, args: DiagnoseArgs, client: ClientFacts | undefined, logger: Logger, sleep?: (ms: number) => Promise<void>,
): Promise<DiagnoseResponse> {
  const gateway = createGraphGateway(config, { clock, logger, ...(sleep ? { sleep } : {}) });
  const service = createDiagnoseService({ gateway, diagnose, clock, config: { ...config, backend: { allowTimeTravel: true } }, logger });
  return service.diagnose({ user: args.user, now: now.toISOString(), ...(client ? { client } : {}) });
}

function realTenantConfig(env: Record<string, string | undefined>): Config {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliFailure(2, e.message);
    throw e;
  }
  const id = config.graph.read;
  if (!config.graph.tenantId || (id.credential !== 'managedIdentity' && !id.clientId)) {
    throw new CliFailure(2, 'no Graph credentials configured: set GRAPH_TENANT_ID and GRAPH_CLIENT_ID/GRAPH_CLIENT_SECRET, or pass --tenant <fixture.json>');
  }
  return config;
}

export async function runDiagnose(args: DiagnoseArgs, env: Record<string, string | undefined>, logger: Logger): Promise<DiagnoseResponse> {
  const client = args.client !== undefined ? await readClientFacts(args.client) : undefined;
  if (args.tenant === undefined) {
    const config = realTenantConfig(env);
    const now = args.now ?? systemClock.now();
    return diagnoseWith(config, systemClock, now, args, client, logger);
  }
  const fixture = await readJsonFile(args.tenant, 'tenant fixture');
  const now = args.now ?? systemClock.now();
  const clock = new FixedClock(now);
  let sim;
  try {
    sim = await startLocalTenant(fixture, clock, logger);
  } catch (e) {
    if (e instanceof Error && e.name === 'FixtureError') throw new CliFailure(2, `invalid tenant fixture ${args.tenant}: ${e.message}`);
    throw e;
  }
  try {
    // The local tenant lives on virtual time: a backoff (Microsoft's budgets are on in the simulator)
    // moves its frozen clock on instead of waiting for real seconds that the budgets would never see.
    const virtualSleep = async (ms: number) => clock.advance(ms);
    return await diagnoseWith(localConfig(sim, env), clock, now, args, client, logger, virtualSleep);
  } finally {
    await sim.close();
  }
}
