import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderHomeserverConfig } from './synapse.js';
import { writeLiveKitConfig } from './livekit.js';
import { loadOrCreateSecrets } from './secrets.js';

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
        secrets,
      }),
    ) as Record<string, unknown>;
    expect(config.server_name).toBe('localhost');
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
        secrets,
      }),
    ) as Record<string, unknown>;
    expect(config.form_secret).toBe('a: b\n- c # d "e"');
  });

  it('writes a LiveKit config that is loopback-only, with auto-create off', () => {
    const file = path.join(tmp(), 'livekit.yaml');
    writeLiveKitConfig(file, { http: 17880, rtcUdp: 17882 }, 'APIkey', 'secret'.repeat(8));
    const config = parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
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
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
