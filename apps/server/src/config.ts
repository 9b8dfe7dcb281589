import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** A homeserver whose users get full access, and whose admin API answers membership questions. */
export interface TrustedHomeserver {
  serverName: string;
  adminToken: string;
}

export interface ServerConfig {
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The LiveKit URL handed to clients (ws:// or wss://). */
  livekitUrl: string;
  /** The LiveKit server API (http:// or https://), for creating rooms. */
  livekitApiUrl: string;
  livekitKey: string;
  livekitSecret: string;
  /** server name → client-server base URL, overriding .well-known discovery (local deployments). */
  homeserverUrls: Record<string, string>;
  trustedHomeservers: TrustedHomeserver[];
  /** Origins answered with CORS; `['*']` (the default) answers any origin, as lk-jwt-service. */
  corsOrigins: string[];
  tokenTtlSeconds: number;
  roomEmptyTimeoutSeconds: number;
  roomDepartureTimeoutSeconds: number;
  /** Token requests per minute from one IP address, counted before any work. */
  rateLimitPerIpPerMinute: number;
  /** Authenticated token requests per minute for one user (a join is ~7 of them). */
  rateLimitPerUserPerMinute: number;
  /** Joins (distinct user, device and call, within a minute) per minute for one user. */
  rateLimitJoinsPerUserPerMinute: number;
  /** How long a "joined" answer from the homeserver is reused (0 turns the cache off). */
  membershipCacheSeconds: number;
  /** How long a LiveKit participant may stay without a MatrixRTC call membership. */
  callMembershipGraceSeconds: number;
  /**
   * How long a device whose call membership ended still counts as in the call: a heartbeat run
   * late under load lets the delayed leave fire and the membership come back seconds later.
   */
  callMembershipFlapSeconds: number;
  /** Shared state (rate limits, delegations, caches) for several replicas; memory when absent. */
  redisUrl: string | undefined;
  /** The separate listener for /metrics; `port: undefined` turns it off. */
  metrics: { host: string; port: number | undefined };
  /** The application service registration shared with the trusted homeserver, if any. */
  appservice: AppserviceRegistration | undefined;
  /** Built web app to serve at / (production); absent in development. */
  webDist: string | undefined;
  /** The web app's runtime config, served at /config.json. */
  webConfig: Record<string, unknown> | undefined;
  trustProxy: boolean;
}

/** The part of a Synapse application service registration haos-server needs. */
export interface AppserviceRegistration {
  /** The trusted homeserver that loads the same registration file. */
  serverName: string;
  id: string;
  /** Sent by haos-server to the homeserver. */
  asToken: string;
  /** Sent by the homeserver to haos-server (`Authorization: Bearer`). */
  hsToken: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `haos-server cannot start, its configuration is invalid:\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ConfigError';
  }
}

const jsonText = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text, ctx): z.infer<T> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({
          code: 'custom',
          message: `${issue.path.join('.') || 'value'}: ${issue.message}`,
        });
      }
      return z.NEVER;
    }
    return parsed.data;
  });

const serverName = z
  .string()
  .regex(
    /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/,
    'is not a Matrix server name',
  );
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const wsUrl = z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' });
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  HAOS_SERVER_HOST: z.string().min(1).default('127.0.0.1'),
  HAOS_SERVER_PORT: int(0, 65535).default(8090),
  HAOS_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  HAOS_LIVEKIT_URL: wsUrl,
  HAOS_LIVEKIT_API_URL: httpUrl.optional(),
  HAOS_LIVEKIT_KEY: z.string().min(1, 'must not be empty'),
  HAOS_LIVEKIT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  HAOS_HOMESERVER_URLS: jsonText(z.record(serverName, httpUrl)).default({}),
  HAOS_TRUSTED_HOMESERVERS: jsonText(
    z.record(serverName, z.object({ admin_token: z.string().min(1) }).strict()),
  ).default({}),
  HAOS_CORS_ORIGINS: z.string().default('*'),
  HAOS_TOKEN_TTL_SECONDS: int(30, 24 * 3600).default(600),
  HAOS_ROOM_EMPTY_TIMEOUT_SECONDS: int(0, 24 * 3600).default(120),
  HAOS_ROOM_DEPARTURE_TIMEOUT_SECONDS: int(0, 24 * 3600).default(20),
  HAOS_RATE_LIMIT_PER_IP: int(1, 1_000_000).default(300),
  HAOS_RATE_LIMIT_PER_USER: int(1, 1_000_000).default(60),
  HAOS_RATE_LIMIT_JOINS_PER_USER: int(1, 1_000_000).default(10),
  HAOS_MEMBERSHIP_CACHE_SECONDS: int(0, 3600).default(30),
  HAOS_CALL_MEMBERSHIP_GRACE_SECONDS: int(1, 3600).default(15),
  HAOS_CALL_MEMBERSHIP_FLAP_SECONDS: int(0, 3600).default(30),
  HAOS_REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  HAOS_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  HAOS_METRICS_PORT: z.union([z.literal('off'), int(0, 65535)]).default(9464),
  HAOS_APPSERVICE_REGISTRATION_FILE: z.string().min(1).optional(),
  HAOS_APPSERVICE_SERVER_NAME: serverName.optional(),
  HAOS_WEB_DIST: z.string().min(1).optional(),
  HAOS_WEB_CONFIG: jsonText(z.record(z.string(), z.unknown())).optional(),
  HAOS_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
});

/** Secrets may be given inline or, better, as `NAME_FILE` pointing at a file holding them. */
const SECRET_VARS = [
  'HAOS_LIVEKIT_KEY',
  'HAOS_LIVEKIT_SECRET',
  'HAOS_TRUSTED_HOMESERVERS',
  'HAOS_WEB_CONFIG',
  'HAOS_REDIS_URL',
];

function resolveFileVars(
  env: NodeJS.ProcessEnv,
  problems: string[],
): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = { ...env };
  for (const name of SECRET_VARS) {
    const file = env[`${name}_FILE`];
    if (file === undefined) continue;
    if (env[name] !== undefined) {
      problems.push(`${name} and ${name}_FILE are both set; set only one`);
      continue;
    }
    try {
      resolved[name] = readFileSync(file, 'utf8').trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`${name}_FILE (${file}) cannot be read: ${code}`);
    }
  }
  return resolved;
}

const registrationSchema = z.object({
  id: z.string().min(1),
  as_token: z.string().min(16),
  hs_token: z.string().min(16),
});

function readRegistration(
  file: string,
  serverName: string | undefined,
  trusted: readonly TrustedHomeserver[],
  problems: string[],
): AppserviceRegistration | undefined {
  let parsed;
  try {
    parsed = registrationSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'not valid YAML';
    problems.push(`HAOS_APPSERVICE_REGISTRATION_FILE (${file}) cannot be read: ${code}`);
    return undefined;
  }
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    problems.push(`HAOS_APPSERVICE_REGISTRATION_FILE (${file}) lacks a valid ${fields}`);
    return undefined;
  }
  const owner = serverName ?? (trusted.length === 1 ? trusted[0]?.serverName : undefined);
  if (owner === undefined || !trusted.some((t) => t.serverName === owner)) {
    problems.push(
      'HAOS_APPSERVICE_REGISTRATION_FILE belongs to a trusted homeserver: set HAOS_APPSERVICE_SERVER_NAME to one named in HAOS_TRUSTED_HOMESERVERS',
    );
    return undefined;
  }
  return {
    serverName: owner,
    id: parsed.data.id,
    asToken: parsed.data.as_token,
    hsToken: parsed.data.hs_token,
  };
}

/** Reads and validates the configuration; throws ConfigError listing every problem (never a value). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const problems: string[] = [];
  const raw = resolveFileVars(env, problems);
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'config');
      problems.push(
        issue.code === 'invalid_type' && raw[name] === undefined
          ? `${name} is required`
          : `${name} ${issue.message}`,
      );
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const trustedHomeservers = Object.entries(e.HAOS_TRUSTED_HOMESERVERS).map(([name, t]) => ({
    serverName: name,
    adminToken: t.admin_token,
  }));
  // The admin token only ever goes to a URL the operator wrote down, never to a discovered host.
  for (const t of trustedHomeservers) {
    if (!(t.serverName in e.HAOS_HOMESERVER_URLS)) {
      problems.push(
        `HAOS_TRUSTED_HOMESERVERS names ${t.serverName}, which needs an entry in HAOS_HOMESERVER_URLS (its admin token is only sent to a configured URL)`,
      );
    }
  }
  const appservice =
    e.HAOS_APPSERVICE_REGISTRATION_FILE === undefined
      ? undefined
      : readRegistration(
          e.HAOS_APPSERVICE_REGISTRATION_FILE,
          e.HAOS_APPSERVICE_SERVER_NAME,
          trustedHomeservers,
          problems,
        );
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host: e.HAOS_SERVER_HOST,
    port: e.HAOS_SERVER_PORT,
    logLevel: e.HAOS_LOG_LEVEL,
    livekitUrl: e.HAOS_LIVEKIT_URL,
    livekitApiUrl: e.HAOS_LIVEKIT_API_URL ?? e.HAOS_LIVEKIT_URL.replace(/^ws/, 'http'),
    livekitKey: e.HAOS_LIVEKIT_KEY,
    livekitSecret: e.HAOS_LIVEKIT_SECRET,
    homeserverUrls: e.HAOS_HOMESERVER_URLS,
    trustedHomeservers,
    corsOrigins: e.HAOS_CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    tokenTtlSeconds: e.HAOS_TOKEN_TTL_SECONDS,
    roomEmptyTimeoutSeconds: e.HAOS_ROOM_EMPTY_TIMEOUT_SECONDS,
    roomDepartureTimeoutSeconds: e.HAOS_ROOM_DEPARTURE_TIMEOUT_SECONDS,
    rateLimitPerIpPerMinute: e.HAOS_RATE_LIMIT_PER_IP,
    rateLimitPerUserPerMinute: e.HAOS_RATE_LIMIT_PER_USER,
    rateLimitJoinsPerUserPerMinute: e.HAOS_RATE_LIMIT_JOINS_PER_USER,
    membershipCacheSeconds: e.HAOS_MEMBERSHIP_CACHE_SECONDS,
    callMembershipGraceSeconds: e.HAOS_CALL_MEMBERSHIP_GRACE_SECONDS,
    callMembershipFlapSeconds: e.HAOS_CALL_MEMBERSHIP_FLAP_SECONDS,
    redisUrl: e.HAOS_REDIS_URL,
    metrics: {
      host: e.HAOS_METRICS_HOST,
      port: e.HAOS_METRICS_PORT === 'off' ? undefined : e.HAOS_METRICS_PORT,
    },
    appservice,
    webDist: e.HAOS_WEB_DIST,
    webConfig: e.HAOS_WEB_CONFIG,
    trustProxy: e.HAOS_TRUST_PROXY === 'true',
  };
}
