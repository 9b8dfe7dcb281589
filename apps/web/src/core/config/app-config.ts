/** The web app's runtime configuration, served by the deployment at /config.json. */
export interface AppConfig {
  /** Homeserver offered on the sign-in screen. */
  defaultHomeserverUrl: string;
  /** Its server name (the part after ':' in user IDs). */
  defaultServerName: string;
  /** Fallback MatrixRTC token service, used when the homeserver announces none. */
  livekitServiceUrl?: string;
}

export type ConfigState =
  | { status: 'loading' }
  | { status: 'ready'; config: AppConfig }
  | { status: 'failed'; error: string };

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Validates untrusted JSON into an AppConfig, or returns a message saying what is wrong. */
export function parseAppConfig(raw: unknown): AppConfig | string {
  if (typeof raw !== 'object' || raw === null) return 'config.json is not a JSON object';
  const record = raw as Record<string, unknown>;
  if (!isHttpUrl(record.defaultHomeserverUrl))
    return 'config.json: defaultHomeserverUrl must be an http(s) URL';
  if (typeof record.defaultServerName !== 'string' || record.defaultServerName === '') {
    return 'config.json: defaultServerName must be a non-empty string';
  }
  if (record.livekitServiceUrl !== undefined && !isHttpUrl(record.livekitServiceUrl)) {
    return 'config.json: livekitServiceUrl must be an http(s) URL';
  }
  return {
    defaultHomeserverUrl: record.defaultHomeserverUrl,
    defaultServerName: record.defaultServerName,
    ...(record.livekitServiceUrl !== undefined
      ? { livekitServiceUrl: record.livekitServiceUrl }
      : {}),
  };
}

export async function loadAppConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json could not be loaded (HTTP ${response.status})`);
  const parsed = parseAppConfig(await response.json());
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}
