/**
 * Runs the connector stand-in as its own process (the benchmark keeps it out of the measured
 * process): `node dist/src/simulator/connector/main.js '<ConnectorOptions JSON>'`. Prints one line
 * `{"url":"http://127.0.0.1:<port>"}` when listening; exits on SIGTERM/SIGINT.
 */
import { z } from 'zod';
import { ConnectorStandIn } from './server';
import { FailureRuleSchema } from './state';

const OptionsSchema = z
  .object({
    globalRps: z.number().positive().optional(),
    preinstalled: z.union([z.boolean(), z.array(z.string())]).optional(),
    appNotAllowed: z.array(z.string()).optional(),
    failures: z.array(FailureRuleSchema).optional(),
    latencyMs: z.number().min(0).optional(),
  })
  .strict();

async function main(): Promise<void> {
  const options = OptionsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const standIn = new ConnectorStandIn(options);
  const url = await standIn.listen(0);
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
