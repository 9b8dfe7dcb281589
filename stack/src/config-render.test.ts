import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderHomeserverConfig } from './synapse.js';
import { writeLiveKitConfig } from './livekit.js';
import { loadOrCreateSecrets } from './secrets.js';
import { writeAppserviceRegistration } from './appservice.js';
import { loadConfig } from '@haos/server';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'haos-stack-'));

describe('generated configuration', () => {
  it('generates fresh 0600 secrets per instance and keeps them across starts', () => {
    const a = path.join(tmp(), 'secrets.json');
    const b = path.join(tmp(), 'secrets.json');
    const first = loadOrCreateSecrets(a);
    expect(loadOrCreateSecrets(a)).toEqual(first);
    expect(loadOrCreateSecrets(b).registrationSharedSecret).not.toBe(
      first.registrationSharedSecret,
    );
    expect(first.livekitApiSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(a).mode & 0o777).toBe(0o600);
  });

  it('renders a Synapse config with what MatrixRTC needs', () => {
    const dir = tmp();
    const secrets = loadOrCreateSecrets(path.join(dir, 'secrets.json'));
    const config = parse(
      renderHomeserverConfig({
        dataDir: dir,
        serverName: 'localhost',
        port: 18008,
        livekitServiceUrl: 'http://127.0.0.1:18090',
        appserviceRegistration: path.join(dir, 'appservice.yaml'),
        secrets,
      }),
    ) as Record<string, unknown>;
    expect(config.server_name).toBe('localhost');
    expect(config.app_service_config_files).toEqual([path.join(dir, 'appservice.yaml')]);
    expect(config.registration_shared_secret).toBe(secrets.registrationSharedSecret);
    expect(config.max_event_delay_duration).toBe('24h');
    expect(config.enable_registration).toBe(true);
    expect(config.password_config).toEqual({
      enabled: true,
      policy: { enabled: true, minimum_length: 8 },
    });
    expect(config.extra_well_known_client_content).toEqual({
      'org.matrix.msc4143.rtc_foci': [
        { type: 'livekit', livekit_service_url: 'http://127.0.0.1:18090' },
      ],
    });
    expect(config.experimental_features).toMatchObject({
      msc4143_enabled: true,
      msc4222_enabled: true,
    });
    const listeners = config.listeners as {
      port: number;
      bind_addresses: string[];
      resources: { names: string[] }[];
    }[];
    expect(listeners).toEqual([
      expect.objectContaining({
        port: 18008,
        bind_addresses: ['127.0.0.1'],
        resources: [expect.objectContaining({ names: ['client', 'openid'] })],
      }),
    ]);
  });

  it('keeps hostile characters in values as plain strings', () => {
    const dir = tmp();
    const secrets = {
      ...loadOrCreateSecrets(path.join(dir, 'secrets.json')),
      formSecret: 'a: b\n- c # d "e"',
    };
    const config = parse(
      renderHomeserverConfig({
        dataDir: dir,
        serverName: 'localhost',
        port: 1,
        livekitServiceUrl: 'http://x',
        appserviceRegistration: path.join(dir, 'appservice.yaml'),
        secrets,
      }),
    ) as Record<string, unknown>;
    expect(config.form_secret).toBe('a: b\n- c # d "e"');
  });

  it('writes a LiveKit config that is loopback-only, with auto-create off', () => {
    const file = path.join(tmp(), 'livekit.yaml');
    writeLiveKitConfig(
      file,
      { http: 17880, rtcUdp: 17882, turnUdp: 17883 },
      'APIkey',
      'secret'.repeat(8),
      'http://127.0.0.1:18090/sfu_webhook',
    );
    const config = parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(config.webhook).toEqual({
      api_key: 'APIkey',
      urls: ['http://127.0.0.1:18090/sfu_webhook'],
    });
    expect(config.bind_addresses).toEqual(['127.0.0.1']);
    expect(config.room).toMatchObject({ auto_create: false });
    expect(config.rtc).toMatchObject({
      // No ICE/TCP: LiveKit would bind it on every interface.
      tcp_port: 0,
      udp_port: 17882,
      node_ip: '127.0.0.1',
      use_external_ip: false,
      ips: { includes: ['127.0.0.1/32'] },
    });
    expect(config.keys).toEqual({ APIkey: 'secret'.repeat(8) });
    // TURN/UDP on loopback: LiveKit then hands out no third-party STUN server.
    expect(config.turn).toMatchObject({
      enabled: true,
      udp_port: 17883,
      bind_addresses: ['127.0.0.1'],
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes one appservice registration that Synapse and haos-server both read', () => {
    const file = path.join(tmp(), 'appservice.yaml');
    writeAppserviceRegistration(file, {
      url: 'http://127.0.0.1:18090',
      asToken: 'as-token-value-0123456789',
      hsToken: 'hs-token-value-0123456789',
    });
    const registration = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(registration).toMatchObject({
      id: 'haos-server',
      url: 'http://127.0.0.1:18090',
      as_token: 'as-token-value-0123456789',
      hs_token: 'hs-token-value-0123456789',
      rate_limited: false,
      namespaces: { users: [], aliases: [], rooms: [{ exclusive: false, regex: '!.*' }] },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const config = loadConfig({
      HAOS_LIVEKIT_URL: 'ws://127.0.0.1:7880',
      HAOS_LIVEKIT_KEY: 'APIkey',
      HAOS_LIVEKIT_SECRET: 's'.repeat(40),
      HAOS_HOMESERVER_URLS: JSON.stringify({ localhost: 'http://127.0.0.1:18008' }),
      HAOS_TRUSTED_HOMESERVERS: JSON.stringify({ localhost: { admin_token: 'admin' } }),
      HAOS_APPSERVICE_REGISTRATION_FILE: file,
    });
    expect(config.appservice).toEqual({
      serverName: 'localhost',
      id: 'haos-server',
      asToken: 'as-token-value-0123456789',
      hsToken: 'hs-token-value-0123456789',
    });
  });

  it('gives instances made before the appservice their tokens, keeping the other secrets', () => {
    const file = path.join(tmp(), 'secrets.json');
    const old = {
      registrationSharedSecret: 'r',
      macaroonSecretKey: 'm',
      formSecret: 'f',
      livekitApiKey: 'k',
      livekitApiSecret: 's',
    };
    writeFileSync(file, JSON.stringify(old));
    const secrets = loadOrCreateSecrets(file);
    expect(secrets).toMatchObject(old);
    expect(secrets.appserviceAsToken.length).toBeGreaterThan(30);
    expect(loadOrCreateSecrets(file)).toEqual(secrets);
  });
});
