// One "bot instance" for the two-instance tests: a separate Node process that opens the shared
/* global fetch, setImmediate */
// Azure store (Azurite) through the project's real TypeScript code (transpiled on the fly, no
// build needed) and runs the approval service and the campaign lease on it. The TAP issuer is the
// parent's loopback HTTP server (standing in for the privileged backend), so the parent counts
// issuance across both processes. Protocol: one JSON command per stdin line, one JSON event per
// stdout line. argv: connectionString, names JSON, issuerUrl, vaultKey (base64), instanceId.
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const ts = require('typescript');

require.extensions['.ts'] = (m, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: filename,
  });
  m._compile(out.outputText, filename);
};

const root = path.resolve(__dirname, '../../../..');
const src = (p) => require(path.join(root, 'src', p));
const { openAzureStore } = src('storage/azure/index.ts');
const { createApprovalService } = src('approvals/service.ts');
const { createPassVault } = src('approvals/vault.ts');
const { RunLease } = src('campaigns/lease.ts');
const { FixedClock } = src('shared/clock.ts');
const { silentLogger } = src('shared/logger.ts');

const [connectionString, namesJson, issuerUrl, vaultKey, instanceId] = process.argv.slice(2);
const APPROVERS = new Set(['user-bob', 'user-carol']);
const send = (event) => process.stdout.write(JSON.stringify(event) + '\n');

const directory = {
  isApprover: async (userId, groupId) => groupId === 'group-approvers' && APPROVERS.has(userId),
  isPrivileged: async () => false,
  tapPolicyFor: async () => ({ allowed: true, minLifetimeInMinutes: 10, maxLifetimeInMinutes: 480, defaultLifetimeInMinutes: 60, isUsableOnce: false }),
  existingUsableTap: async () => undefined,
  managerOf: async () => undefined,
};

const issuer = {
  async issue(input) {
    const res = await fetch(`${issuerUrl}/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-instance': instanceId },
      body: JSON.stringify(input),
    });
    if (!res.ok) throw new Error(`issuer answered ${res.status}`);
    return res.json();
  },
  async revoke() {},
};

async function main() {
  const clock = new FixedClock('2025-06-02T09:00:00.000Z');
  const store = await openAzureStore(connectionString, { ...JSON.parse(namesJson), clock });
  const service = createApprovalService({
    store,
    audit: store,
    clock,
    logger: silentLogger(),
    policy: { approversGroupId: 'group-approvers', rateLimits: { perApproverPerWindow: 1000, perTenantPerWindow: 1000 } },
    issuer,
    directory,
    vault: createPassVault({ store, key: Buffer.from(vaultKey, 'base64'), clock }),
    instanceId,
  });
  let lease;
  let armed;
  const handlers = {
    setClock: async (c) => (clock.set(c.at), {}),
    request: async (c) => {
      const r = await service.request(c.input);
      return r.ok ? { ok: true, requestId: r.value.id } : { ok: false, reason: r.reason };
    },
    // Two phases so both processes start approving at the same moment: arm, then fire.
    arm: async (c) => ((armed = c), {}),
    fire: async () => {
      const c = armed;
      armed = undefined;
      const approver = (i) => ({ aadObjectId: i % 2 === 0 ? 'user-bob' : 'user-carol', displayName: 'Helpdesk' });
      const verification = { method: 'video_call_with_id', note: 'video call, badge matches HR photo' };
      const results = await Promise.all(
        Array.from({ length: c.count }, async (_, i) => {
          const r = await service.approve(c.requestId, approver(i), verification);
          const out = r.ok ? { ok: true } : { ok: false, reason: r.reason };
          send({ event: 'approved', instanceId, ...out });
          return out;
        }),
      );
      return { results };
    },
    get: async (c) => ({ state: (await service.get(c.requestId))?.state }),
    acquire: async (c) => {
      try {
        lease = await RunLease.acquire(store, clock, c.campaignId, instanceId, c.leaseMs);
        return { ok: true };
      } catch (e) {
        return { ok: false, errorName: e.name, kind: e.kind };
      }
    },
    renew: async () => {
      try {
        await lease.write((run) => run);
        return { ok: true };
      } catch (e) {
        return { ok: false, errorName: e.name };
      }
    },
    release: async () => (await lease.release(), { ok: true }),
    exit: async () => {
      store.close();
      setImmediate(() => process.exit(0));
      return {};
    },
  };
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const c = JSON.parse(line);
    const handler = handlers[c.op];
    Promise.resolve()
      .then(() => (handler ? handler(c) : Promise.reject(new Error(`unknown op ${c.op}`))))
      .then((reply) => send({ id: c.id, ...reply }))
      .catch((e) => send({ id: c.id, error: String(e && e.stack ? e.stack : e) }));
  });
  send({ event: 'ready', instanceId, pid: process.pid });
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
