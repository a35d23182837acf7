import path from 'node:path';
import { z } from 'zod';
import { parsePayloadKeys } from '../api/payload-codec';
import { OIDC_CALLBACK_PATH, type OidcSettings } from '../web/oidc';

/** Where the project lives, so `.data/` and `.temporal/` do not depend on the caller's cwd. */
export const projectRoot = path.resolve(__dirname, '..');

const port = z.coerce.number().int().min(0).max(65535);
// An empty string counts as unset: `FOO= npm start` must not mean "use the empty URL".
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
// Never Boolean(value): that makes "false" true.
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Seconds in a lifetime such as "8h" (the TOKEN_TTL format: a number and s, m, h or d). */
export function lifetimeSeconds(ttl: string): number {
  const match = /^(\d+)([smhd])$/.exec(ttl);
  if (!match) throw new Error(`Not a lifetime: ${ttl}`);
  return Number(match[1]) * { s: 1, m: 60, h: 3_600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}

const lifetime = z.string().regex(/^\d+[smhd]$/, 'a number and s, m, h or d, e.g. 8h');

/** Every environment variable the system reads, with its default; documented in .env.example and the README. */
export const envSchema = z
  .object({
    DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    DATA_DIR: z.string().min(1).default('.data'),
    EMBEDDED_DB_PORT: port.default(5433),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    TEMPORAL_ADDRESS: optionalText,
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('trajectories'),
    TEMPORAL_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    TEMPORAL_CLI_PATH: optionalText,
    // The Temporal Web UI as operations reach it: trajectory pages link to their workflow there.
    // Unset: npm start's dev server UI (TEMPORAL_UI_PORT); with TEMPORAL_ADDRESS, no link.
    TEMPORAL_UI_URL: optionalText.pipe(z.url().optional()),
    TEMPORAL_ALLOW_DOWNLOAD: flag.default(true),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port.default(3000),
    // HS256 key for API tokens; unset, `npm start` keeps a generated one in DATA_DIR/jwt-secret.
    JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    TOKEN_TTL: lifetime.default('8h'),
    // The API refuses tokens that live longer (exp − iat), whoever minted them.
    TOKEN_MAX_LIFETIME: lifetime.default('24h'),
    // A browser session ends after this long without a page; every page renews it, and the pages
    // warn two minutes before the end with a button to stay signed in.
    SESSION_IDLE: lifetime
      .default('1h')
      .refine((v) => lifetimeSeconds(v) >= 300 && lifetimeSeconds(v) <= 7 * 86_400, 'between 5m and 7d'),
    // Failed sign-ins (401) per address per 15 minutes before 429.
    AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
    // Where the worker serves the Temporal SDK's Prometheus metrics (0 = nowhere).
    WORKER_METRICS_PORT: port.default(9464),
    WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    // Workflows the worker keeps in memory between their tasks (Temporal's sticky cache). The SDK's
    // own default is sized from the heap (about 2,300 here) and took the worker past 1 GB at 10,000
    // open trajectories; 1,000 kept it at 0.8 GB with the same burst and update times (README).
    WORKER_CACHE_SIZE: optionalText.pipe(
      z.coerce.number<string | undefined>().int().min(0).max(100_000).default(1_000),
    ),
    // Temporal's stack trace query (where each workflow waits) for diagnosis: capturing a stack for every
    // promise of workflow code cost about a quarter of the worker's CPU per workflow task (README).
    WORKER_STACK_TRACES: flag.default(false),
    // id=key pairs (32-byte keys, hex or base64); the first encrypts workflow payloads, all decrypt.
    // Unset: npm start keeps a generated key in DATA_DIR/payload-key; run-api and run-worker require it.
    PAYLOAD_ENCRYPTION_KEYS: optionalText.pipe(
      z
        .string()
        .transform((value, ctx) => {
          try {
            return parsePayloadKeys(value);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: (error as Error).message });
            return z.NEVER;
          }
        })
        .optional(),
    ),
    // Origins (the Temporal Web UI) whose browsers may call the API's /codec endpoints; comma-separated.
    CODEC_CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url())),
    // Where e-mail goes: a URL (smtp://user:pass@host:587, smtps://…) or host/port/user/password.
    // Unset: npm start runs a local receiver that keeps every message under DATA_DIR/mailbox.
    SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
    SMTP_HOST: optionalText,
    SMTP_PORT: port.default(587),
    SMTP_SECURE: flag.default(false),
    SMTP_USER: optionalText,
    SMTP_PASSWORD: optionalText,
    MAIL_FROM: z.string().min(3).default('Wmo-trajecten <noreply@wmo-trajecten.local>'),
    // The port of npm start's local mail receiver (used when no SMTP server is configured).
    MAILBOX_PORT: port.default(2525),
    // The application's address as users reach it: the link in every e-mail. Unset: this machine on API_PORT.
    APP_URL: optionalText.pipe(z.url().optional()),
    // Behind a TLS-terminating proxy: which proxies to believe about the client's address and
    // protocol (Express "trust proxy": hops as a number, or addresses/subnets, or loopback). Then
    // session cookies are Secure whenever the proxy says the request came over HTTPS.
    TRUST_PROXY: optionalText.pipe(
      z
        .string()
        .transform((v) => (/^\d+$/.test(v) ? Number(v) : v))
        .optional(),
    ),
    // Delivery retries (Temporal backoff, doubling): then the delivery is dead-lettered.
    DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    DELIVERY_RETRY_INTERVAL: lifetime.default('30s'),
    DELIVERY_RETRY_MAX_INTERVAL: lifetime.default('1h'),
    // Webhooks to this machine or a private network are refused (server-side request forgery) unless
    // this says otherwise: for a provider's receiver inside the same network, or one on this machine.
    WEBHOOK_ALLOW_INTERNAL: flag.default(false),
    // The consultants' daily digest, a Temporal Schedule at 07:30 Europe/Amsterdam on working days.
    DIGEST_SCHEDULE: flag.default(true),
    // The organisation's identity provider (OpenID Connect): people sign in there; with it set, the
    // development sign-in page is off. The redirect URL registered there: <APP_URL>/aanmelden/oidc/terug.
    OIDC_ISSUER: optionalText.pipe(z.url().optional()),
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    // production: no development sign-in page, whatever else is set.
    NODE_ENV: optionalText.pipe(z.enum(['development', 'production', 'test']).optional()),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  })
  .refine((env) => lifetimeSeconds(env.TOKEN_TTL) <= lifetimeSeconds(env.TOKEN_MAX_LIFETIME), {
    path: ['TOKEN_TTL'],
    message: 'must not exceed TOKEN_MAX_LIFETIME',
  })
  .refine((env) => !env.OIDC_ISSUER === !env.OIDC_CLIENT_ID, {
    path: ['OIDC_CLIENT_ID'],
    message: 'OIDC_ISSUER and OIDC_CLIENT_ID go together',
  });

export type Config = Omit<z.infer<typeof envSchema>, 'APP_URL'> & { APP_URL: string; dataDir: string };

export class ConfigError extends Error {}

/** Sign-in through the organisation's identity provider, when configured. */
export function oidcSettings(config: Config): OidcSettings | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return undefined;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUrl: new URL(OIDC_CALLBACK_PATH, config.APP_URL).href,
  };
}

/** Parses the environment once at start-up; a bad value stops the process with the variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { APP_URL, ...config } = parsed.data;
  return {
    ...config,
    // npm start on another port still links its e-mails to itself.
    APP_URL: APP_URL ?? `http://127.0.0.1:${config.API_PORT}`,
    dataDir: path.resolve(projectRoot, config.DATA_DIR),
  };
}
