import { readFileSync } from 'node:fs';
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
  corsOrigins: string[];
  tokenTtlSeconds: number;
  roomEmptyTimeoutSeconds: number;
  roomDepartureTimeoutSeconds: number;
  rateLimitPerIpPerMinute: number;
  rateLimitPerUserPerMinute: number;
  /** Built web app to serve at / (production); absent in development. */
  webDist: string | undefined;
  /** The web app's runtime config, served at /config.json. */
  webConfig: Record<string, unknown> | undefined;
  trustProxy: boolean;
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
  HAOS_CORS_ORIGINS: z.string().default(''),
  HAOS_TOKEN_TTL_SECONDS: int(30, 24 * 3600).default(600),
  HAOS_ROOM_EMPTY_TIMEOUT_SECONDS: int(0, 24 * 3600).default(120),
  HAOS_ROOM_DEPARTURE_TIMEOUT_SECONDS: int(0, 24 * 3600).default(20),
  HAOS_RATE_LIMIT_PER_IP: int(1, 1_000_000).default(60),
  HAOS_RATE_LIMIT_PER_USER: int(1, 1_000_000).default(20),
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
  for (const t of trustedHomeservers) {
    if (
      !(t.serverName in e.HAOS_HOMESERVER_URLS) &&
      !/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?$/.test(t.serverName)
    ) {
      problems.push(
        `HAOS_TRUSTED_HOMESERVERS names ${t.serverName}, which needs an entry in HAOS_HOMESERVER_URLS`,
      );
    }
  }
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
    webDist: e.HAOS_WEB_DIST,
    webConfig: e.HAOS_WEB_CONFIG,
    trustProxy: e.HAOS_TRUST_PROXY === 'true',
  };
}
