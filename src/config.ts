/**
 * The only reader of process.env. Typed, validated with zod, and fails fast with one message
 * that names every bad key. Every key is documented in docs/configuration.md and env/.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LOCAL_SSO_APP_ID } from './shared/localIdentity';
import { parseVerificationPolicy, type VerificationPolicy } from './backend/verification/policy';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(0).max(65535);
const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));
const positiveInt = z.coerce.number().int().positive();

const EnvSchema = z
  .object({
    /** `local`: everything on loopback, demo tenant, dev keys. `production`: real credentials required. */
    APP_MODE: z.enum(['local', 'production']).default('local'),
    /**
     * Which service this process runs. `all` (bot + backend + simulator) is for local mode only.
     * `backend`: diagnosis, devices, campaigns (no TAP identity); `issuer`: the TAP issuer service
     * (pass requests, issuance, revocation, containment), its own managed identity and network boundary.
     */
    APP_ROLE: z.enum(['all', 'bot', 'backend', 'issuer']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    // ---- bot ----------------------------------------------------------------------------------
    PORT: port.default(3978),
    /** Interface the bot binds to. Local mode forces loopback. */
    BIND_HOST: z.string().default('127.0.0.1'),
    BOT_ID: z.string().default(''),
    BOT_PASSWORD: z.string().default(''),
    BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    BOT_TENANT_ID: z.string().default(''),
    /** Tenants the bot serves (Entra tenant ids). Empty in local mode = the demo tenant only. */
    ALLOWED_TENANTS: list.default(''),
    /** The language for readers whose own is unknown (BCP 47; a file in locales/ serves it, else English). */
    BOT_DEFAULT_LOCALE: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag such as en, de or pt-BR').default('en'),
    /** Public https origin of the bot (self-check page links). Local: http://127.0.0.1:<PORT>. */
    PUBLIC_BASE_URL: z.string().url().optional(),
    /** HMAC key for self-check page tokens (>= 32 chars). Generated per process in local mode. */
    CHECK_TOKEN_SECRET: z.string().min(32).optional(),
    CHECK_TOKEN_TTL_SECONDS: positiveInt.default(900),
    /** Override the endpoints the self-check page probes (comma list of URLs; tests use loopback). */
    CHECK_PROBE_URLS: list.default(''),
    /** Named on the privacy statement and terms of use (GET /privacy, /terms). */
    ORGANIZATION_NAME: z.string().min(1).max(200).default('Your organisation'),
    /** Who employees contact about the app and their data (shown on /privacy and /terms). */
    PRIVACY_CONTACT: z.string().min(1).max(300).default('your IT helpdesk'),
    /** Front ends whose X-Forwarded-For the self-check page believes (comma list of CIDRs). Empty: none. */
    CHECK_TRUSTED_PROXIES: list.default(''),

    // ---- storage ------------------------------------------------------------------------------
    STORAGE_KIND: z.enum(['sqlite', 'azure']).default('sqlite'),
    SQLITE_PATH: z.string().default('.data/assistant.sqlite'),
    AZURE_STORAGE_CONNECTION_STRING: z.string().optional(),

    // ---- backend (privileged) -----------------------------------------------------------------
    BACKEND_PORT: port.default(3980),
    /** How the bot reaches the backend. Default in local mode: http://127.0.0.1:<BACKEND_PORT>. */
    BACKEND_URL: z.string().url().optional(),
    /** How the bot reaches the TAP issuer service (pass requests, issuance, revocation, containment). Default: BACKEND_URL. */
    BACKEND_ISSUER_URL: z.string().url().optional(),
    BACKEND_AUTH_MODE: z.enum(['localKey', 'entra']).optional(),
    /** Shared key for local mode (>= 32 chars). Generated per process when not set in local mode. */
    BACKEND_LOCAL_KEY: z.string().min(32).optional(),
    /** Entra mode: the backend's app id URI / client id the bot's token must be issued for. */
    BACKEND_AUDIENCE: z.string().optional(),
    /** Entra mode: app ids (azp/appid) allowed to call the backend (the bot's identity). */
    BACKEND_ALLOWED_CALLERS: list.default(''),
    /** Entra mode: token authority host (issuer/JWKS). */
    BACKEND_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
    /** Accept the `now` field on API requests (evaluate as of an instant). Local/test only. */
    BACKEND_ALLOW_TIME_TRAVEL: bool.optional(),

    // ---- Microsoft Graph (backend only) -------------------------------------------------------
    GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com'),
    GRAPH_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
    GRAPH_TENANT_ID: z.string().default(''),
    /** Read-only diagnostic identity. */
    GRAPH_CREDENTIAL: z.enum(['clientSecret', 'certificate', 'managedIdentity']).default('clientSecret'),
    GRAPH_CLIENT_ID: z.string().default(''),
    GRAPH_CLIENT_SECRET: z.string().default(''),
    GRAPH_CERTIFICATE_PATH: z.string().default(''),
    /** TAP-issuing identity (only UserAuthMethod-TAP.ReadWrite.All). */
    TAP_GRAPH_CREDENTIAL: z.enum(['clientSecret', 'certificate', 'managedIdentity']).default('clientSecret'),
    TAP_GRAPH_CLIENT_ID: z.string().default(''),
    TAP_GRAPH_CLIENT_SECRET: z.string().default(''),
    TAP_GRAPH_CERTIFICATE_PATH: z.string().default(''),
    /** Containment identity ("This wasn't me"): deletes the methods an attacker added; optionally blocks sign-in. */
    CONTAIN_GRAPH_CREDENTIAL: z.enum(['clientSecret', 'certificate', 'managedIdentity']).default('clientSecret'),
    CONTAIN_GRAPH_CLIENT_ID: z.string().default(''),
    CONTAIN_GRAPH_CLIENT_SECRET: z.string().default(''),
    CONTAIN_GRAPH_CERTIFICATE_PATH: z.string().default(''),
    /** Device-removal identity (optional feature): only Device.ReadWrite.All, used by the backend service. */
    DEVICE_GRAPH_CREDENTIAL: z.enum(['clientSecret', 'certificate', 'managedIdentity']).default('clientSecret'),
    DEVICE_GRAPH_CLIENT_ID: z.string().default(''),
    DEVICE_GRAPH_CLIENT_SECRET: z.string().default(''),
    DEVICE_GRAPH_CERTIFICATE_PATH: z.string().default(''),
    /** App-installation identity (optional, campaigns): only TeamsAppInstallation.ReadWriteForUser.All. */
    APPS_GRAPH_CREDENTIAL: z.enum(['clientSecret', 'certificate', 'managedIdentity']).default('clientSecret'),
    APPS_GRAPH_CLIENT_ID: z.string().default(''),
    APPS_GRAPH_CLIENT_SECRET: z.string().default(''),
    APPS_GRAPH_CERTIFICATE_PATH: z.string().default(''),
    /** "This wasn't me" also sets accountEnabled=false (needs User.EnableDisableAccount.All on the containment identity). */
    CONTAIN_BLOCK_SIGN_IN: bool.default('false'),
    /** Seconds tenant-wide policies (CA, methods policy, quota) are cached. */
    GRAPH_POLICY_CACHE_SECONDS: positiveInt.default(300),
    GRAPH_TIMEOUT_MS: positiveInt.default(20000),
    GRAPH_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(4),

    // ---- diagnosis ----------------------------------------------------------------------------
    DIAG_RECENT_HOURS: positiveInt.default(72),
    DIAG_LOCKOUT_HOURS: positiveInt.default(24),
    DIAG_STALE_DEVICE_DAYS: positiveInt.default(90),

    // ---- TAP approvals and helpdesk ----------------------------------------------------------
    /** Entra group whose members may approve TAP requests (checked by the backend with checkMemberGroups). */
    APPROVERS_GROUP_ID: z.string().optional(),
    /** Helpdesk channel conversation id (optional: an approver can pick the channel with a command). */
    HELPDESK_CHANNEL_ID: z.string().optional(),
    /** TAP lifetime in minutes; clamped into the tenant policy's min/max (default: the policy minimum). */
    TAP_LIFETIME_MINUTES: positiveInt.optional(),
    /** Require the employee's manager to confirm a request before it can be approved. */
    TAP_REQUIRE_MANAGER_CONFIRMATION: bool.default('false'),
    TAP_RATE_PER_APPROVER_PER_HOUR: positiveInt.default(10),
    TAP_RATE_PER_TENANT_PER_HOUR: positiveInt.default(50),
    /** Minutes a pending request waits for a decision before it expires. */
    TAP_REQUEST_TTL_MINUTES: positiveInt.default(60),
    BOT_RECORD_RETENTION_DAYS: positiveInt.default(30),

    // ---- proof of the person (Teams SSO user tokens; docs/security-model.md) -------------------
    /** How the bot obtains a person's token: `teamsSso` (Action.Execute login request) or `localIdp` (local mode only). */
    USER_PROOF: z.enum(['teamsSso', 'localIdp']).optional(),
    /** The Azure Bot OAuth connection used for Teams SSO (its Token Exchange URL is api://botid-<BOT_ID>). */
    SSO_CONNECTION_NAME: z.string().min(1).default('TeamsSso'),
    /** Backend: accepted `aud` of user tokens (the bot's SSO app id / app ID URI). */
    USER_TOKEN_AUDIENCE: list.optional(),
    /** Backend: a user token whose sign-in (auth_time, else iat) is older than this is refused. */
    USER_TOKEN_MAX_AGE_SECONDS: positiveInt.default(600),
    /** Backend: Conditional Access authentication context (c1..c99) the approver's token must carry in `acrs`. */
    APPROVER_AUTH_CONTEXT: z.string().regex(/^c[1-9][0-9]?$/, 'must be an authentication context id such as c1').optional(),
    /** 32-byte key (base64) encrypting an issued pass at rest until it is delivered. */
    TAP_VAULT_KEY: z.string().optional(),
    /** The tenant uses Entra Account Recovery: offer that verified self-service path first. */
    ACCOUNT_RECOVERY_ENABLED: bool.default('false'),
    ACCOUNT_RECOVERY_URL: z.string().url().default('https://aka.ms/mysecurityinfo'),

    // ---- Verified ID Face Check (docs/security-model.md; entra-graph-2026.md §19) ---------------
    /** The tenant's Verified ID authority DID (did:web:…). Face Check is on when set (local mode: a local DID). */
    VERIFIED_ID_AUTHORITY: z.string().regex(/^did:[a-z0-9]+:.+$/, 'must be a DID such as did:web:verifiedid.contoso.com').optional(),
    /** The Request Service (local mode: the simulator's stand-in). */
    VERIFIED_ID_SERVICE_URL: z.string().url().default('https://verifiedid.did.msidentity.com'),
    /** Public https origin at which the Request Service reaches the backend's /api/verifier/presentationcallback. */
    VERIFIED_ID_CALLBACK_BASE_URL: z.string().url().optional(),
    /** Shared secret the Request Service sends back in the `api-key` callback header (>= 32 chars). Generated in local mode. */
    VERIFIED_ID_API_KEY: z.string().min(32).optional(),
    /** Face Check matchConfidenceThreshold, 50–100 (the service's default is 70). */
    FACE_CHECK_THRESHOLD: z.coerce.number().int().min(50).max(100).default(70),

    // ---- verification ladder (docs/security-model.md) -----------------------------------------
    /** Backend: members of this Entra group are VIP accounts: no pass from the bot, in-person verification. */
    VIP_GROUP_ID: z.string().min(1).optional(),
    /** Backend: the evidence each tier accepts, as JSON (default: standard one of callback/manager/faceCheck; elevated faceCheck, or callback and manager). */
    VERIFICATION_POLICY: z
      .string()
      .optional()
      .transform((text, ctx) => {
        try {
          return parseVerificationPolicy(text);
        } catch (e) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: e instanceof Error ? e.message : 'not a valid policy' });
          return z.NEVER;
        }
      }),

    // ---- registration-nudge campaigns (docs/campaigns.md) --------------------------------------
    /** Bot Connector requests per second a campaign may use (Teams allows ~50 per app per tenant). */
    CAMPAIGN_BUDGET_PER_SECOND: z.coerce.number().positive().max(50).default(40),
    /** Members of this group are never nudged (checked by the backend). */
    CAMPAIGN_EXCLUDED_GROUP_ID: z.string().optional(),
    /** Local hours without nudges in the employee's time zone, "20-8", or "off". */
    CAMPAIGN_QUIET_HOURS: z
      .string()
      .regex(/^(off|([01]?\d|2[0-3])-([01]?\d|2[0-3]))$/, 'must be "<start>-<end>" hours (e.g. 20-8) or "off"')
      .default('20-8'),
    /** The app's id in the org app catalog (Graph appCatalogs/teamsApps/{id}), for proactive installs. */
    TEAMS_APP_CATALOG_ID: z.string().optional(),
    /** How often progress cards in the helpdesk channel are updated. */
    CAMPAIGN_CARD_REFRESH_SECONDS: positiveInt.default(15),

    // ---- understanding free text (docs/conversation.md) ---------------------------------------
    /** Azure OpenAI resource (https://<name>.openai.azure.com): set it to add a language model as a second recogniser; off when unset. */
    AZURE_OPENAI_ENDPOINT: z.string().url().optional(),
    AZURE_OPENAI_DEPLOYMENT: z.string().min(1).optional(),
    /** Secret: keep it in Key Vault / env/.env.*.user. */
    AZURE_OPENAI_API_KEY: z.string().min(1).optional(),
    AZURE_OPENAI_API_VERSION: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'must be an API version such as 2024-10-21').default('2024-10-21'),
    /** Per attempt; the deterministic answer is used when the model does not answer in time. */
    AZURE_OPENAI_TIMEOUT_MS: positiveInt.default(3000),

    // ---- local demo / simulator ---------------------------------------------------------------
    /** Tenant fixture served by the simulator in local mode. */
    TENANT_FIXTURE: z.string().default('tests/fixtures/tenants/demo.json'),
    SIMULATOR_PORT: port.default(0),
    /** Evaluate the demo tenant as of this instant (the simulator and backend share the clock). */
    SIMULATOR_NOW: z.string().datetime({ offset: true }).optional(),
    /** Start the Microsoft 365 Agents Playground with `npm start` (local mode). */
    PLAYGROUND: bool.default('true'),
    PLAYGROUND_PORT: port.default(56150),
    /** Who the Playground is at start (UPN or display name; default the fixture's first user). The /demo page switches later. */
    PLAYGROUND_USER: z.string().optional(),

    // ---- evaluation and follow-up (docs/operations.md "Evaluation mode") -----------------------
    /** `shadow`: diagnose and route approvals, but issue no pass, remove no device, send no nudge (both services enforce it). */
    EVALUATION_MODE: z.enum(['live', 'shadow']).default('live'),
    /** Hours after a rescue that ended "fixed" when the employee is asked whether it stayed fixed (0 = never ask). */
    FOLLOW_UP_HOURS: z.coerce.number().int().min(0).max(720).default(24),

    // ---- operations ---------------------------------------------------------------------------
    /** Application Insights: log lines are also sent to its ingestion API (src/shared/telemetry.ts). */
    APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().optional(),
  })
  .passthrough();

export type AppMode = 'local' | 'production';

export type AppRole = 'all' | 'bot' | 'backend' | 'issuer';

export interface Config {
  mode: AppMode;
  role: AppRole;
  logLevel: string;
  bot: {
    port: number;
    host: string;
    appId: string;
    appPassword: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string;
    allowedTenants: string[];
    /** The tenant default language (BOT_DEFAULT_LOCALE); optional so hand-built test configs need not name it. */
    defaultLocale?: string;
    publicBaseUrl: string;
    checkTokenSecret: string;
    checkTokenTtlSeconds: number;
    checkProbeUrls: string[];
    checkTrustedProxies: string[];
    legal: { organization: string; contact: string };
  };
  storage: { kind: 'sqlite' | 'azure'; sqlitePath: string; azureConnectionString?: string };
  backend: {
    port: number;
    url: string;
    /** The TAP issuer service (the same as url when one backend serves everything). Optional for hand-built test configs. */
    issuerUrl?: string;
    authMode: 'localKey' | 'entra';
    localKey: string;
    audience?: string;
    allowedCallers: string[];
    authorityHost: string;
    allowTimeTravel: boolean;
  };
  graph: {
    baseUrl: string;
    authorityHost: string;
    tenantId: string;
    read: GraphIdentityConfig;
    tap: GraphIdentityConfig;
    /** Deletes the methods an attacker added after a pass (optional so hand-built test configs need not name it). */
    contain?: GraphIdentityConfig;
    /** Deletes one stale registered device (optional feature). */
    devices?: GraphIdentityConfig;
    /** Installs the bot for employees (campaigns, optional feature). */
    apps?: GraphIdentityConfig;
    policyCacheSeconds: number;
    timeoutMs: number;
    maxRetries: number;
  };
  diagnosis: { recentHours: number; lockoutHours: number; staleDeviceDays: number };
  simulator: { fixture: string; port: number; now?: string; playground: boolean; playgroundPort: number; playgroundUser?: string };
  /** Evaluation (shadow) mode; optional so hand-built test configs need not name it (absent = live). */
  evaluation?: { shadow: boolean };
  /** "Did it stay fixed?" (absent = never asked). */
  followUp?: { hours: number };
  /** Optional so hand-built test configs need not name it. */
  telemetry?: { appInsightsConnectionString?: string };
  /** Proof of the person (optional so hand-built test configs need not name it). */
  proof?: ProofConfig;
  /** "This wasn't me" (optional so hand-built test configs need not name it; default: no sign-in block). */
  containment?: { blockSignIn: boolean };
  /** The verification ladder (optional so hand-built test configs need not name it: defaults apply). */
  verification?: { vipGroupId?: string; policy: VerificationPolicy };
  approvals: {
    approversGroupId?: string;
    helpdeskChannelId?: string;
    lifetimeMinutes?: number;
    requireManagerConfirmation: boolean;
    perApproverPerHour: number;
    perTenantPerHour: number;
    requestTtlMinutes: number;
    /** Days the bot keeps escalation wishes, filed markers and failing helpdesk posts (src/bot/retention.ts). */
    recordRetentionDays?: number;
    /** undefined in local mode: the composition root keeps a generated key in the data folder. */
    vaultKey?: Buffer;
    accountRecovery: { enabled: boolean; url: string };
  };
  /** Verified ID Face Check; undefined = off (no VERIFIED_ID_AUTHORITY in production). */
  verifiedId?: VerifiedIdConfig;
  /** Optional so hand-built test configs need not name it; `azureOpenAi` absent = the deterministic recogniser only. */
  understanding?: { azureOpenAi?: { endpoint: string; deployment: string; apiKey: string; apiVersion: string; timeoutMs: number } };
  /** Optional so hand-built test configs need not name it. */
  campaigns?: {
    budgetPerSecond: number;
    excludedGroupId?: string;
    /** null = never quiet. */
    quietHours: { startHour: number; endHour: number } | null;
    teamsAppCatalogId?: string;
    cardRefreshSeconds: number;
  };
}

export interface ProofConfig {
  /** Bot: where user tokens come from. `localIdp` is the simulator's token endpoint (local mode only). */
  mode: 'teamsSso' | 'localIdp';
  connectionName: string;
  /** Backend: accepted audiences of user tokens. */
  audiences: string[];
  maxAgeSeconds: number;
  /** Backend: the authentication context the approver's token must carry. */
  approverAuthContext?: string;
}

export interface VerifiedIdConfig {
  authority: string;
  /** Request Service base URL, without /v1.0. */
  serviceUrl: string;
  /** Where the Request Service posts callbacks (the backend's public origin). */
  callbackBaseUrl: string;
  /** Never logged. */
  apiKey: string;
  threshold: number;
}

export interface GraphIdentityConfig {
  credential: 'clientSecret' | 'certificate' | 'managedIdentity';
  clientId: string;
  clientSecret: string;
  certificatePath: string;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === '::1' || host === 'localhost';

/**
 * The process environment, for entry points (index.ts, the CLIs) that pass it on to loadConfig or
 * to a child process. This module stays the only one that touches process.env.
 */
export function processEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}

/**
 * Reads and validates the environment. `generateSecret` supplies per-process secrets for local
 * mode (injected so tests are deterministic).
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  generateSecret: () => string = () => randomBytes(32).toString('base64url'),
): Config {
  // Empty strings mean "unset" for optional keys, as .env files often leave them blank.
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const local = e.APP_MODE === 'local';

  if (local && !isLoopback(e.BIND_HOST)) problems.push(`BIND_HOST: local mode binds to loopback only (got ${e.BIND_HOST})`);
  const badProxy = e.CHECK_TRUSTED_PROXIES.find((c) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(c));
  if (badProxy !== undefined) problems.push(`CHECK_TRUSTED_PROXIES: "${badProxy}" is not an IP address or CIDR range`);
  const role: AppRole = e.APP_ROLE ?? (local ? 'all' : 'bot');
  const bot = role === 'all' || role === 'bot';
  const backend = role !== 'bot';
  const issuer = role === 'all' || role === 'issuer';
  if (!local) {
    if (role === 'all') problems.push('APP_ROLE: production runs the bot, the backend and the TAP issuer as separate services (bot | backend | issuer)');
    if (bot) {
      if (!e.BOT_ID) problems.push('BOT_ID: required in production (without it the bot accepts unauthenticated requests)');
      if (e.BOT_TYPE !== 'UserAssignedMSI' && !e.BOT_PASSWORD) problems.push('BOT_PASSWORD: required in production unless BOT_TYPE=UserAssignedMSI');
      if (e.BOT_TYPE !== 'MultiTenant' && !e.BOT_TENANT_ID) problems.push('BOT_TENANT_ID: required for SingleTenant / UserAssignedMSI bots');
      if (e.ALLOWED_TENANTS.length === 0) problems.push('ALLOWED_TENANTS: list the Entra tenant ids the bot serves');
      if (!e.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: required in production (the self-check page link)');
      else if (!e.PUBLIC_BASE_URL.startsWith('https://')) problems.push('PUBLIC_BASE_URL: must be https:// in production');
      if (!e.CHECK_TOKEN_SECRET) problems.push('CHECK_TOKEN_SECRET: required in production (>= 32 characters)');
      if (!e.BACKEND_URL) problems.push('BACKEND_URL: required in production');
      if (!backend && (e.BACKEND_AUTH_MODE ?? 'entra') === 'entra' && !e.BACKEND_AUDIENCE) {
        problems.push('BACKEND_AUDIENCE: required in production (the bot asks Entra for a token for this audience)');
      }
      if (e.USER_PROOF === 'localIdp') problems.push('USER_PROOF: localIdp is the local identity provider, for local mode only; use teamsSso');
    }
    if (backend) {
      if ((e.BACKEND_AUTH_MODE ?? 'entra') === 'localKey') problems.push('BACKEND_AUTH_MODE: localKey is for local mode only; use entra');
      if (!e.BACKEND_AUDIENCE) problems.push('BACKEND_AUDIENCE: required in production (the backend app id URI)');
      if (e.BACKEND_ALLOWED_CALLERS.length === 0) problems.push('BACKEND_ALLOWED_CALLERS: list the bot identity app id(s)');
      if (e.BACKEND_ALLOW_TIME_TRAVEL) problems.push('BACKEND_ALLOW_TIME_TRAVEL: not allowed in production');
      if (!e.GRAPH_TENANT_ID) problems.push('GRAPH_TENANT_ID: required in production');
      if (!e.USER_TOKEN_AUDIENCE?.length) problems.push("USER_TOKEN_AUDIENCE: required in production (the bot's Teams SSO app id, aud of user tokens)");
    }
    if (!e.APPROVERS_GROUP_ID) problems.push('APPROVERS_GROUP_ID: required in production (who may approve a Temporary Access Pass)');
    if (bot && !e.TAP_VAULT_KEY) problems.push('TAP_VAULT_KEY: required in production (32 bytes, base64)');
    if (e.STORAGE_KIND === 'azure' && !e.AZURE_STORAGE_CONNECTION_STRING) problems.push('AZURE_STORAGE_CONNECTION_STRING: required when STORAGE_KIND=azure');
  }
  /** `optional`: an identity the deployment may leave out (then its feature answers "not configured"). */
  const identity = (prefix: 'GRAPH' | 'TAP_GRAPH' | 'CONTAIN_GRAPH' | 'DEVICE_GRAPH' | 'APPS_GRAPH', optional = false): GraphIdentityConfig => {
    const credential = e[`${prefix}_CREDENTIAL`];
    const id: GraphIdentityConfig = {
      credential,
      clientId: e[`${prefix}_CLIENT_ID`],
      clientSecret: e[`${prefix}_CLIENT_SECRET`],
      certificatePath: e[`${prefix}_CERTIFICATE_PATH`],
    };
    const given = !optional || credential === 'managedIdentity' || id.clientId !== '';
    if (!local && backend && given) {
      if (credential !== 'managedIdentity' && !id.clientId) problems.push(`${prefix}_CLIENT_ID: required for ${credential}`);
      if (credential === 'clientSecret' && !id.clientSecret) problems.push(`${prefix}_CLIENT_SECRET: required for clientSecret`);
      if (credential === 'certificate' && !id.certificatePath) problems.push(`${prefix}_CERTIFICATE_PATH: required for certificate`);
    }
    return id;
  };
  const read = identity('GRAPH');
  // The TAP identity belongs to the issuer service; the directory backend runs without one.
  const tap = identity('TAP_GRAPH', !issuer);
  const contain = identity('CONTAIN_GRAPH', true);
  const devices = identity('DEVICE_GRAPH', true);
  const apps = identity('APPS_GRAPH', true);
  if (!local && backend) {
    // Separate identities: no two may share a client id (each holds only its own permissions).
    const named: Array<[string, string]> = [['GRAPH_CLIENT_ID', read.clientId], ['TAP_GRAPH_CLIENT_ID', tap.clientId], ['CONTAIN_GRAPH_CLIENT_ID', contain.clientId], ['DEVICE_GRAPH_CLIENT_ID', devices.clientId], ['APPS_GRAPH_CLIENT_ID', apps.clientId]];
    named.forEach(([key, id], i) => {
      const earlier = named.slice(0, i).find(([, other]) => id !== '' && other === id);
      if (earlier) problems.push(`${key}: must differ from ${earlier[0]} (separate ${key === 'TAP_GRAPH_CLIENT_ID' ? 'TAP-issuing' : key.split('_')[0]?.toLowerCase()} identity)`);
    });
  }
  let vaultKey: Buffer | undefined;
  if (e.TAP_VAULT_KEY) {
    vaultKey = Buffer.from(e.TAP_VAULT_KEY, 'base64');
    if (vaultKey.length !== 32) problems.push('TAP_VAULT_KEY: must be 32 bytes, base64-encoded');
  }
  if (!local && backend && e.VERIFIED_ID_AUTHORITY) {
    if (!e.VERIFIED_ID_CALLBACK_BASE_URL?.startsWith('https://')) problems.push('VERIFIED_ID_CALLBACK_BASE_URL: required with VERIFIED_ID_AUTHORITY, an https origin the Request Service can reach');
    if (!e.VERIFIED_ID_API_KEY) problems.push('VERIFIED_ID_API_KEY: required with VERIFIED_ID_AUTHORITY (>= 32 characters)');
  }
  const quiet = quietHours(e.CAMPAIGN_QUIET_HOURS);
  if (quiet && quiet.startHour === quiet.endHour) problems.push('CAMPAIGN_QUIET_HOURS: start and end hour must differ (or say "off")');
  const understandingConfig = understanding(e, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode: e.APP_MODE,
    role,
    logLevel: e.LOG_LEVEL,
    bot: {
      port: e.PORT,
      host: e.BIND_HOST,
      appId: e.BOT_ID,
      appPassword: e.BOT_PASSWORD,
      appType: e.BOT_TYPE,
      tenantId: e.BOT_TENANT_ID,
      allowedTenants: e.ALLOWED_TENANTS,
      defaultLocale: e.BOT_DEFAULT_LOCALE,
      publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`,
      checkTokenSecret: e.CHECK_TOKEN_SECRET ?? generateSecret(),
      checkTokenTtlSeconds: e.CHECK_TOKEN_TTL_SECONDS,
      checkProbeUrls: e.CHECK_PROBE_URLS,
      checkTrustedProxies: e.CHECK_TRUSTED_PROXIES,
      legal: { organization: e.ORGANIZATION_NAME, contact: e.PRIVACY_CONTACT },
    },
    telemetry: { appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING },
    evaluation: { shadow: e.EVALUATION_MODE === 'shadow' },
    followUp: { hours: e.FOLLOW_UP_HOURS },
    proof: {
      mode: e.USER_PROOF ?? (local ? 'localIdp' : 'teamsSso'),
      connectionName: e.SSO_CONNECTION_NAME,
      audiences: e.USER_TOKEN_AUDIENCE?.length ? e.USER_TOKEN_AUDIENCE : local ? [LOCAL_SSO_APP_ID] : [],
      maxAgeSeconds: e.USER_TOKEN_MAX_AGE_SECONDS,
      ...(e.APPROVER_AUTH_CONTEXT ? { approverAuthContext: e.APPROVER_AUTH_CONTEXT } : {}),
    },
    containment: { blockSignIn: e.CONTAIN_BLOCK_SIGN_IN },
    verification: { ...(e.VIP_GROUP_ID ? { vipGroupId: e.VIP_GROUP_ID } : {}), policy: e.VERIFICATION_POLICY },
    storage: { kind: e.STORAGE_KIND, sqlitePath: e.SQLITE_PATH, azureConnectionString: e.AZURE_STORAGE_CONNECTION_STRING },
    backend: {
      port: e.BACKEND_PORT,
      url: e.BACKEND_URL ?? `http://127.0.0.1:${e.BACKEND_PORT}`,
      issuerUrl: e.BACKEND_ISSUER_URL ?? e.BACKEND_URL ?? `http://127.0.0.1:${e.BACKEND_PORT}`,
      authMode: e.BACKEND_AUTH_MODE ?? (local ? 'localKey' : 'entra'),
      localKey: e.BACKEND_LOCAL_KEY ?? generateSecret(),
      audience: e.BACKEND_AUDIENCE,
      allowedCallers: e.BACKEND_ALLOWED_CALLERS,
      authorityHost: e.BACKEND_AUTHORITY_HOST,
      allowTimeTravel: e.BACKEND_ALLOW_TIME_TRAVEL ?? local,
    },
    graph: {
      baseUrl: e.GRAPH_BASE_URL,
      authorityHost: e.GRAPH_AUTHORITY_HOST,
      tenantId: e.GRAPH_TENANT_ID,
      read,
      tap,
      contain,
      devices,
      apps,
      policyCacheSeconds: e.GRAPH_POLICY_CACHE_SECONDS,
      timeoutMs: e.GRAPH_TIMEOUT_MS,
      maxRetries: e.GRAPH_MAX_RETRIES,
    },
    diagnosis: { recentHours: e.DIAG_RECENT_HOURS, lockoutHours: e.DIAG_LOCKOUT_HOURS, staleDeviceDays: e.DIAG_STALE_DEVICE_DAYS },
    simulator: {
      fixture: e.TENANT_FIXTURE,
      port: e.SIMULATOR_PORT,
      now: e.SIMULATOR_NOW,
      playground: e.PLAYGROUND,
      playgroundPort: e.PLAYGROUND_PORT,
      ...(e.PLAYGROUND_USER ? { playgroundUser: e.PLAYGROUND_USER } : {}),
    },
    approvals: {
      approversGroupId: e.APPROVERS_GROUP_ID,
      helpdeskChannelId: e.HELPDESK_CHANNEL_ID,
      lifetimeMinutes: e.TAP_LIFETIME_MINUTES,
      requireManagerConfirmation: e.TAP_REQUIRE_MANAGER_CONFIRMATION,
      perApproverPerHour: e.TAP_RATE_PER_APPROVER_PER_HOUR,
      perTenantPerHour: e.TAP_RATE_PER_TENANT_PER_HOUR,
      requestTtlMinutes: e.TAP_REQUEST_TTL_MINUTES,
      recordRetentionDays: e.BOT_RECORD_RETENTION_DAYS,
      vaultKey,
      accountRecovery: { enabled: e.ACCOUNT_RECOVERY_ENABLED, url: e.ACCOUNT_RECOVERY_URL },
    },
    ...verifiedIdConfig(e, local, generateSecret),
    understanding: understandingConfig,
    campaigns: {
      budgetPerSecond: e.CAMPAIGN_BUDGET_PER_SECOND,
      excludedGroupId: e.CAMPAIGN_EXCLUDED_GROUP_ID,
      quietHours: quiet,
      teamsAppCatalogId: e.TEAMS_APP_CATALOG_ID,
      cardRefreshSeconds: e.CAMPAIGN_CARD_REFRESH_SECONDS,
    },
  };
}

/** Face Check settings: on with an authority (local mode: a local DID, callbacks to the local backend, a generated key). */
function verifiedIdConfig(e: z.infer<typeof EnvSchema>, local: boolean, generateSecret: () => string): { verifiedId?: VerifiedIdConfig } {
  const authority = e.VERIFIED_ID_AUTHORITY ?? (local ? 'did:web:verifiedid.localhost' : undefined);
  if (!authority) return {};
  return {
    verifiedId: {
      authority,
      serviceUrl: e.VERIFIED_ID_SERVICE_URL.replace(/\/+$/, ''),
      callbackBaseUrl: (e.VERIFIED_ID_CALLBACK_BASE_URL ?? e.BACKEND_URL ?? `http://127.0.0.1:${e.BACKEND_PORT}`).replace(/\/+$/, ''),
      apiKey: e.VERIFIED_ID_API_KEY ?? generateSecret(),
      threshold: e.FACE_CHECK_THRESHOLD,
    },
  };
}

/** The optional language-model recogniser: all of endpoint, deployment and key, or none. */
function understanding(e: z.infer<typeof EnvSchema>, problems: string[]): NonNullable<Config['understanding']> {
  if (!e.AZURE_OPENAI_ENDPOINT) return {};
  if (!e.AZURE_OPENAI_DEPLOYMENT) problems.push('AZURE_OPENAI_DEPLOYMENT: required with AZURE_OPENAI_ENDPOINT');
  if (!e.AZURE_OPENAI_API_KEY) problems.push('AZURE_OPENAI_API_KEY: required with AZURE_OPENAI_ENDPOINT');
  if (!e.AZURE_OPENAI_DEPLOYMENT || !e.AZURE_OPENAI_API_KEY) return {};
  const { AZURE_OPENAI_ENDPOINT: endpoint, AZURE_OPENAI_DEPLOYMENT: deployment, AZURE_OPENAI_API_KEY: apiKey } = e;
  return { azureOpenAi: { endpoint, deployment, apiKey, apiVersion: e.AZURE_OPENAI_API_VERSION, timeoutMs: e.AZURE_OPENAI_TIMEOUT_MS } };
}

/** "20-8" → { startHour: 20, endHour: 8 }; "off" → null (validated by the schema). */
function quietHours(value: string): { startHour: number; endHour: number } | null {
  const m = /^(\d+)-(\d+)$/.exec(value);
  if (!m) return null;
  return { startHour: Number(m[1]), endHour: Number(m[2]) };
}
