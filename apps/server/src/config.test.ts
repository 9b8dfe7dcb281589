import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const SECRET = 's'.repeat(40);
const base = {
  HAOS_LIVEKIT_URL: 'ws://127.0.0.1:7880',
  HAOS_LIVEKIT_KEY: 'APIkey',
  HAOS_LIVEKIT_SECRET: SECRET,
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('reads the appservice registration and refuses one it cannot tie to a trusted server', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haos-config-'));
    const file = path.join(dir, 'as.yaml');
    writeFileSync(file, 'id: haos\nas_token: short\nhs_token: also-short\n');
    expect(problemsOf({ ...base, HAOS_APPSERVICE_REGISTRATION_FILE: file }).join('\n')).toMatch(
      /lacks a valid as_token, hs_token/,
    );
    writeFileSync(file, `id: haos\nas_token: ${'a'.repeat(20)}\nhs_token: ${'h'.repeat(20)}\n`);
    expect(problemsOf({ ...base, HAOS_APPSERVICE_REGISTRATION_FILE: file }).join('\n')).toMatch(
      /set HAOS_APPSERVICE_SERVER_NAME/,
    );
  });

  it('accepts a minimal configuration and fills in defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8090,
      livekitApiUrl: 'http://127.0.0.1:7880',
      tokenTtlSeconds: 600,
      trustedHomeservers: [],
      corsOrigins: ['*'],
      rateLimitPerIpPerMinute: 300,
      rateLimitPerUserPerMinute: 60,
      rateLimitJoinsPerUserPerMinute: 10,
      redisUrl: undefined,
      metrics: { host: '127.0.0.1', port: 9464 },
      appservice: undefined,
    });
    expect(loadConfig({ ...base, HAOS_METRICS_PORT: 'off' }).metrics.port).toBeUndefined();
  });

  it('names every missing or wrong variable at once, and never echoes a secret', () => {
    const problems = problemsOf({
      HAOS_LIVEKIT_URL: 'http://not-ws',
      HAOS_LIVEKIT_SECRET: 'short-secret-value',
      HAOS_SERVER_PORT: '99999',
    });
    expect(problems.join('\n')).toMatch(/HAOS_LIVEKIT_URL must be a ws:\/\/ or wss:\/\/ URL/);
    expect(problems.join('\n')).toMatch(/HAOS_LIVEKIT_KEY is required/);
    expect(problems.join('\n')).toMatch(/HAOS_LIVEKIT_SECRET must be at least 32 characters/);
    expect(problems.join('\n')).toMatch(/HAOS_SERVER_PORT/);
    expect(problems.join('\n')).not.toContain('short-secret-value');
  });

  it('reads secrets from files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haos-config-'));
    writeFileSync(path.join(dir, 'secret'), `${SECRET}\n`);
    writeFileSync(
      path.join(dir, 'trusted'),
      JSON.stringify({ 'example.org': { admin_token: 'tok' } }),
    );
    const config = loadConfig({
      ...base,
      HAOS_LIVEKIT_SECRET: undefined,
      HAOS_LIVEKIT_SECRET_FILE: path.join(dir, 'secret'),
      HAOS_TRUSTED_HOMESERVERS_FILE: path.join(dir, 'trusted'),
      HAOS_HOMESERVER_URLS: JSON.stringify({ 'example.org': 'https://matrix.example.org' }),
    });
    expect(config.livekitSecret).toBe(SECRET);
    expect(config.trustedHomeservers).toEqual([{ serverName: 'example.org', adminToken: 'tok' }]);
  });

  it('refuses a variable given both inline and as a file, and an unreadable file', () => {
    expect(
      problemsOf({ ...base, HAOS_LIVEKIT_SECRET_FILE: '/nonexistent/secret' }).join('\n'),
    ).toMatch(/HAOS_LIVEKIT_SECRET and HAOS_LIVEKIT_SECRET_FILE are both set/);
    expect(
      problemsOf({
        ...base,
        HAOS_LIVEKIT_KEY: undefined,
        HAOS_LIVEKIT_KEY_FILE: '/nonexistent/key',
      }).join('\n'),
    ).toMatch(/HAOS_LIVEKIT_KEY_FILE \(\/nonexistent\/key\) cannot be read: ENOENT/);
  });

  it.each([
    ['HAOS_HOMESERVER_URLS', '{not json', /HAOS_HOMESERVER_URLS is not valid JSON/],
    ['HAOS_HOMESERVER_URLS', '{"localhost": "ftp://x"}', /must be an http/],
    ['HAOS_TRUSTED_HOMESERVERS', '{"localhost": {"token": "x"}}', /HAOS_TRUSTED_HOMESERVERS/],
    [
      'HAOS_TRUSTED_HOMESERVERS',
      '{"localhost": {"admin_token": "x"}}',
      /needs an entry in HAOS_HOMESERVER_URLS/,
    ],
    // Even a public name: the admin token never goes to a discovered host.
    [
      'HAOS_TRUSTED_HOMESERVERS',
      '{"example.org": {"admin_token": "x"}}',
      /example.org, which needs an entry in HAOS_HOMESERVER_URLS/,
    ],
    ['HAOS_REDIS_URL', 'http://redis:6379', /must be a redis:\/\/ or rediss:\/\/ URL/],
    ['HAOS_METRICS_PORT', 'public', /HAOS_METRICS_PORT/],
    ['HAOS_APPSERVICE_REGISTRATION_FILE', '/nonexistent/as.yaml', /cannot be read: ENOENT/],
  ])('rejects %s=%s', (name, value, message) => {
    expect(problemsOf({ ...base, [name]: value }).join('\n')).toMatch(message);
  });
});
