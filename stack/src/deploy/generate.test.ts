/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-explicit-any -- parsed YAML is untyped; the assertions check its shape. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { StackError } from '../errors.js';
import { repoRoot } from '../paths.js';
import { haosReplicaEnv, LIVEKIT_UID } from './generate.js';
import { initDeployment, planDeployment } from './init.js';
import { defaultPorts } from './plan.js';
import { MAIN_ONLY_PATHS, synapseRoute } from './routing.js';
import { synapseSigningKey } from './secrets.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'haos-deploy-'));
const fileOf = (files: { path: string; content: string }[], name: string) => {
  const file = files.find((f) => f.path === name);
  if (!file) throw new Error(`no ${name} generated`);
  return file.content;
};
const yamlOf = (files: { path: string; content: string }[], name: string) =>
  parse(fileOf(files, name), { merge: true }) as Record<string, any>;

function refusal(run: () => unknown): StackError {
  try {
    run();
  } catch (error) {
    if (error instanceof StackError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('deploy init refuses bad input and writes nothing', () => {
  it.each([
    [undefined, 'DEPLOY_NO_DOMAIN'],
    ['', 'DEPLOY_NO_DOMAIN'],
    ['203.0.113.7', 'DEPLOY_DOMAIN_IS_IP'],
    ['2001:db8::1', 'DEPLOY_DOMAIN_IS_IP'],
    ['[::1]', 'DEPLOY_DOMAIN_IS_IP'],
    ['localhost', 'DEPLOY_DOMAIN_INVALID'],
    ['https://chat.example.org', 'DEPLOY_DOMAIN_INVALID'],
    ['chat.example.org:8443', 'DEPLOY_DOMAIN_INVALID'],
    ['chat_room.example.org', 'DEPLOY_DOMAIN_INVALID'],
    ['-chat.example.org', 'DEPLOY_DOMAIN_INVALID'],
  ])('domain %j → %s', (domain, code) => {
    const parent = tmp();
    const error = refusal(() => initDeployment({ domain, dir: path.join(parent, 'd') }));
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
    expect(error.fix).toMatch(/--domain|deploy init/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a folder that exists, leaving it untouched', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'data'));
    const error = refusal(() => initDeployment({ domain: 'chat.example.org', dir }));
    expect(error.code).toBe('DEPLOY_DIR_EXISTS');
    expect(readdirSync(dir)).toEqual(['data']);
  });

  it('refuses a node IP that is not an IP, a bad registration mode and silly counts', () => {
    const parent = tmp();
    const dir = path.join(parent, 'd');
    expect(
      refusal(() => initDeployment({ domain: 'chat.example.org', dir, nodeIp: 'my-host' })).code,
    ).toBe('DEPLOY_NODE_IP_INVALID');
    expect(
      refusal(() =>
        initDeployment({ domain: 'a.example.org', dir, registration: 'maybe' as never }),
      ).code,
    ).toBe('DEPLOY_BAD_REGISTRATION');
    expect(
      refusal(() => initDeployment({ domain: 'a.example.org', dir, livekitNodes: 0 })).code,
    ).toBe('DEPLOY_BAD_COUNT');
    expect(
      refusal(() =>
        initDeployment({ domain: 'a.example.org', dir, certificates: 'self-signed' as never }),
      ).code,
    ).toBe('DEPLOY_BAD_CERTIFICATES');
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('deploy init generates a deployment', () => {
  it('writes fresh secrets as 0600 files, different on every run, never in plain configs', () => {
    const parent = tmp();
    const a = initDeployment({ domain: 'Chat.Example.org', dir: path.join(parent, 'a') });
    const b = initDeployment({ domain: 'chat.example.org', dir: path.join(parent, 'b') });
    expect(a.plan.domain).toBe('chat.example.org');
    const secretNames = readdirSync(path.join(a.dir, 'secrets')).filter((n) => n !== 'haos');
    expect(secretNames).toEqual(
      expect.arrayContaining(['postgres_password', 'redis_password', 'signing.key']),
    );
    for (const name of secretNames) {
      const file = path.join(a.dir, 'secrets', name);
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(readFileSync(file, 'utf8')).not.toBe(
        readFileSync(path.join(b.dir, 'secrets', name), 'utf8'),
      );
    }
    const secrets = secretNames
      .map((n) => readFileSync(path.join(a.dir, 'secrets', n), 'utf8').trim())
      .concat(readFileSync(path.join(a.dir, 'secrets', 'haos', 'livekit_secret'), 'utf8'));
    for (const plain of [
      'compose.yaml',
      '.env',
      'nginx/nginx.conf',
      'caddy/Caddyfile',
      'haos/haos.env',
      'haos/web-config.json',
      'synapse/worker1.yaml',
    ]) {
      const text = readFileSync(path.join(a.dir, plain), 'utf8');
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    expect(existsSync(path.join(parent, `a.partial-${process.pid}`))).toBe(false);
  });

  it('configures Synapse main for PostgreSQL, Redis, workers, MatrixRTC and token registration', () => {
    const { files } = planDeployment({ domain: 'chat.example.org', dir: '/x' });
    const hs = yamlOf(files, 'synapse/homeserver.yaml');
    expect(hs.server_name).toBe('chat.example.org');
    expect(hs.public_baseurl).toBe('https://chat.example.org/');
    expect(hs.database.name).toBe('psycopg2');
    expect(hs.redis.enabled).toBe(true);
    expect(hs.instance_map.main.port).toBe(9093);
    expect(hs.listeners.map((l: any) => l.resources[0].names)).toEqual([
      ['client', 'federation', 'openid'],
      ['replication'],
    ]);
    expect(hs.worker_replication_secret_path).toBe('/deploy/secrets/worker_replication_secret');
    expect(hs.enable_registration).toBe(true);
    expect(hs.registration_requires_token).toBe(true);
    expect(hs.password_config.policy).toMatchObject({ enabled: true, minimum_length: 10 });
    expect(hs.max_event_delay_duration).toBe('24h');
    const focus = [
      { type: 'livekit', livekit_service_url: 'https://chat.example.org/livekit/jwt' },
    ];
    expect(hs.extra_well_known_client_content['org.matrix.msc4143.rtc_foci']).toEqual(focus);
    expect(hs.matrix_rtc.transports).toEqual(focus);
    expect(hs.experimental_features.msc4143_enabled).toBe(true);
    expect(hs.rc_message).toEqual({ per_second: 0.5, burst_count: 30 });
    expect(hs.app_service_config_files).toEqual(['/deploy/secrets/haos/appservice.yaml']);
    const w1 = yamlOf(files, 'synapse/worker1.yaml');
    const w2 = yamlOf(files, 'synapse/worker2.yaml');
    expect(w1.worker_app).toBe('synapse.app.generic_worker');
    expect([w1.worker_name, w2.worker_name]).toEqual(['generic_worker1', 'generic_worker2']);
    expect(w1.worker_listeners[0].port).not.toBe(w2.worker_listeners[0].port);
    const closed = planDeployment({ domain: 'a.example.org', dir: '/x', registration: 'closed' });
    expect(yamlOf(closed.files, 'synapse/homeserver.yaml').enable_registration).toBe(false);
  });

  it('configures LiveKit nodes: Redis, TURN, webhook, no auto-create, no third-party STUN', () => {
    const { files } = planDeployment({
      domain: 'chat.example.org',
      dir: '/x',
      nodeIp: '203.0.113.7',
    });
    const nodes = [yamlOf(files, 'livekit/node1.yaml'), yamlOf(files, 'livekit/node2.yaml')];
    for (const node of nodes) {
      expect(node.rtc.node_ip).toBe('203.0.113.7');
      expect(node.rtc.stun_servers).toEqual([]);
      expect(node.rtc.use_external_ip).toBe(false);
      expect(node.room.auto_create).toBe(false);
      expect(node.redis.address).toBe('127.0.0.1:6379');
      expect(node.turn).toMatchObject({
        enabled: true,
        domain: 'turn.chat.example.org',
        external_tls: true,
      });
      expect(node.turn.udp_port).toBeGreaterThan(0);
      expect(node.webhook.urls).toEqual(['http://127.0.0.1:8089/sfu_webhook']);
      expect(Object.keys(node.keys)).toEqual([node.webhook.api_key]);
    }
    const portsOf = (n: any) => [
      n.port,
      n.rtc.tcp_port,
      n.rtc.udp_port,
      n.turn.udp_port,
      n.turn.tls_port,
      n.prometheus_port,
    ];
    expect(new Set([...portsOf(nodes[0]), ...portsOf(nodes[1])]).size).toBe(12);
    expect(nodes[0]!.keys).toEqual(nodes[1]!.keys);
    // Without --node-ip the node IP comes from NODE_IP (compose .env, the Helm chart).
    const auto = planDeployment({ domain: 'chat.example.org', dir: '/x' });
    expect(yamlOf(auto.files, 'livekit/node1.yaml').rtc.node_ip).toBeUndefined();
    // A node IP behind NAT (not this host's) leaves LiveKit every interface.
    expect(nodes[0]!.rtc.ips).toBeUndefined();
  });

  it('keeps media on the node IP’s own interface when it is this host’s, so TURN relays reach it', () => {
    // 127.0.0.1 is an address of every host.
    const { plan, files } = planDeployment({
      domain: 'a.example.org',
      dir: '/x',
      nodeIp: '127.0.0.1',
    });
    expect(plan.nodeIpOnHost).toBe(true);
    expect(yamlOf(files, 'livekit/node1.yaml').rtc.ips).toEqual({ includes: ['127.0.0.1/32'] });
  });

  it('routes Synapse main-only calls to main and the load to workers', () => {
    expect(synapseRoute('/_matrix/federation/v1/openid/userinfo')).toBe('main');
    expect(synapseRoute('/_matrix/client/v3/user/@a:b/openid/request_token')).toBe('main');
    expect(
      synapseRoute('/_matrix/client/unstable/org.matrix.msc4140/delayed_events/abc/send'),
    ).toBe('main');
    expect(synapseRoute('/_synapse/admin/v1/rooms/!r:b/members')).toBe('main');
    expect(synapseRoute('/_matrix/client/v3/sync')).toBe('workers');
    expect(synapseRoute('/_matrix/client/v3/rooms/!r:b/send/m.room.message/t1')).toBe('workers');
    expect(synapseRoute('/_matrix/client/v3/register')).toBe('workers');
    expect(synapseRoute('/_matrix/client/v3/pushrules/global/')).toBe('main');
    expect(synapseRoute('/_matrix/media/v3/upload')).toBe('main');
    expect(synapseRoute('/livekit/jwt/get_token')).toBeUndefined();
    const { files } = planDeployment({ domain: 'chat.example.org', dir: '/x' });
    const nginx = fileOf(files, 'nginx/nginx.conf');
    for (const p of MAIN_ONLY_PATHS) {
      const at = nginx.indexOf(`location ~ ${p.pattern} {`);
      expect(at).toBeGreaterThan(0);
      expect(nginx.slice(at, nginx.indexOf('}', at))).toContain('proxy_pass http://synapse_main;');
    }
    expect(nginx).toContain('ssl_preread on;');
    expect(nginx).toMatch(/turn\.chat\.example\.org 127\.0\.0\.1:8444;/);
    expect(nginx).toMatch(
      /location \^~ \/livekit\/sfu\/ \{[^}]*proxy_read_timeout 1h;[^}]*proxy_pass http:\/\/livekit_nodes\/;/,
    );
    const caddy = fileOf(files, 'caddy/Caddyfile');
    expect(caddy).toMatch(/^chat\.example\.org \{/m);
    expect(caddy).toContain('health_uri /');
  });

  it('puts every haos-server replica behind the proxy, and the deployment’s own callers too', () => {
    const { plan, files } = planDeployment({
      domain: 'chat.example.org',
      dir: '/x',
      plan: { ports: defaultPorts(2, 2, 2) },
    });
    const [first, second] = plan.ports.haos;
    const nginx = fileOf(files, 'nginx/nginx.conf');
    const upstream = nginx.slice(nginx.indexOf('upstream haos_server {'));
    expect(upstream.slice(0, upstream.indexOf('}'))).toContain(`127.0.0.1:${first!.http} `);
    expect(upstream.slice(0, upstream.indexOf('}'))).toContain(`127.0.0.1:${second!.http} `);
    expect(nginx).toMatch(
      /listen 127\.0\.0\.1:8089;\s+location \/ \{[^}]*proxy_pass http:\/\/haos_server;/,
    );
    const caddy = fileOf(files, 'caddy/Caddyfile');
    expect(caddy).toContain(`reverse_proxy 127.0.0.1:${first!.http} 127.0.0.1:${second!.http} {`);
    expect(caddy).toMatch(/^http:\/\/127\.0\.0\.1:8089 \{/m);
    expect(caddy).toContain('health_uri /healthz');
    // LiveKit's webhooks and Synapse's transactions reach whichever replica is up.
    expect(yamlOf(files, 'livekit/node1.yaml').webhook.urls).toEqual([
      'http://127.0.0.1:8089/sfu_webhook',
    ]);
    expect(yamlOf(files, 'secrets/haos/appservice.yaml').url).toBe('http://127.0.0.1:8089');
    // haos.env holds the first replica's ports; each further one overrides just those two.
    expect(fileOf(files, 'haos/haos.env')).toContain(`HAOS_SERVER_PORT=${first!.http}\n`);
    expect(haosReplicaEnv(plan, 1)).toEqual({
      HAOS_SERVER_PORT: String(second!.http),
      HAOS_METRICS_PORT: String(second!.metrics),
    });
  });

  it('gives every compose service a health check and secrets only as files', () => {
    const { files } = planDeployment({ domain: 'chat.example.org', dir: '/x' });
    const compose = yamlOf(files, 'compose.yaml');
    const services = Object.entries(compose.services as Record<string, any>);
    expect(services.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'postgres',
        'redis',
        'synapse',
        'synapse-worker1',
        'synapse-worker2',
        'haos',
        'livekit1',
        'livekit2',
        'caddy',
        'nginx',
      ]),
    );
    for (const [name, service] of services) {
      expect(service.healthcheck?.test, name).toBeDefined();
      for (const key of Object.keys(service.environment ?? {}))
        if (/PASSWORD|SECRET|TOKEN/.test(key)) expect(key, name).toMatch(/_FILE$/);
    }
    expect(compose.services.livekit1.network_mode).toBe('host');
    const env = fileOf(files, 'haos/haos.env');
    expect(env).toMatch(/^HAOS_LIVEKIT_SECRET_FILE=\/deploy\/secrets\/haos\/livekit_secret$/m);
    expect(env).toMatch(/^HAOS_LIVEKIT_URL=wss:\/\/chat\.example\.org\/livekit\/sfu$/m);
    expect(env).not.toMatch(/^HAOS_LIVEKIT_SECRET=/m);
    expect(fileOf(files, '.env.example')).toMatch(/^HAOS_DOMAIN=/m);
  });

  it('renders deploy/compose.yaml for the default plan (the file in the repository is that rendering)', () => {
    const { files } = planDeployment({ domain: 'chat.example.org', dir: '/x' });
    const repo = parse(readFileSync(path.join(repoRoot, 'deploy', 'compose.yaml'), 'utf8'));
    expect(yamlOf(files, 'compose.yaml')).toEqual(repo);
  });

  it('generates compose.yaml from the plan: every command and health check on the ports its configs name', () => {
    const ports = defaultPorts(3, 3);
    const shift = (p: number) => p + 10000;
    const moved = {
      ...ports,
      postgres: shift(ports.postgres),
      redis: shift(ports.redis),
      synapseMain: shift(ports.synapseMain),
      synapseWorkers: ports.synapseWorkers.map(shift),
      haos: ports.haos.map((r) => ({ http: shift(r.http), metrics: shift(r.metrics) })),
      caddyAdmin: 32019,
      http: 8080,
      livekit: ports.livekit.map((n) => ({ ...n, http: shift(n.http) })),
    };
    const { files } = planDeployment({
      domain: 'chat.example.org',
      dir: '/x',
      livekitNodes: 3,
      synapseWorkers: 3,
      plan: { ports: moved, publicAddress: '127.9.9.9' },
    });
    const compose = yamlOf(files, 'compose.yaml');
    const s = compose.services;
    const test = (name: string) => (s[name].healthcheck.test as string[]).join(' ');
    expect(s.postgres.command).toContain(`port=${moved.postgres}`);
    expect(test('postgres')).toContain(`-p ${moved.postgres}`);
    expect(test('redis')).toContain(`redis-cli -p ${moved.redis} `);
    expect(fileOf(files, 'redis/redis.conf')).toContain(`port ${moved.redis}\n`);
    expect(test('synapse')).toContain(`http://127.0.0.1:${moved.synapseMain}/health`);
    moved.synapseWorkers.forEach((port, i) => {
      expect(test(`synapse-worker${i + 1}`)).toContain(`http://127.0.0.1:${port}/health`);
      expect(s[`synapse-worker${i + 1}`].entrypoint).toContain(
        `/deploy/synapse/worker${i + 1}.yaml`,
      );
      expect(yamlOf(files, `synapse/worker${i + 1}.yaml`).worker_listeners[0].port).toBe(port);
    });
    moved.livekit.forEach((node, i) => {
      expect(test(`livekit${i + 1}`)).toContain(`/dev/tcp/127.0.0.1/${node.http}`);
      expect(yamlOf(files, `livekit/node${i + 1}.yaml`).port).toBe(node.http);
    });
    expect(Object.keys(s).filter((n) => n.startsWith('synapse-worker'))).toHaveLength(3);
    expect(Object.keys(s).filter((n) => n.startsWith('livekit'))).toHaveLength(3);
    expect(fileOf(files, 'haos/haos.env')).toMatch(
      new RegExp(`^HAOS_SERVER_PORT=${moved.haos[0]!.http}$`, 'm'),
    );
    expect(test('caddy')).toContain('http://127.0.0.1:32019/config/');
    expect(fileOf(files, 'caddy/Caddyfile')).toContain('admin 127.0.0.1:32019');
    expect(test('nginx')).toContain('http://127.9.9.9:8080/nginx-health');
    // One host's worth: host networking everywhere, the LiveKit nodes drain on stop.
    for (const service of Object.values<any>(s)) expect(service.network_mode).toBe('host');
    expect(s.livekit3.stop_grace_period).toBe('3h');
    // Quoted where PyYAML (podman-compose) would read a YAML 1.1 number or misparse.
    expect(fileOf(files, 'compose.yaml')).toContain("user: '0:0'");
  });

  it('gives Caddy certificates from files without ACME, or gets them by ACME by default', () => {
    const acme = fileOf(
      planDeployment({ domain: 'chat.example.org', dir: '/x', acmeEmail: 'ops@example.org' }).files,
      'caddy/Caddyfile',
    );
    expect(acme).toContain('email ops@example.org');
    expect(acme).toContain('admin 127.0.0.1:2019');
    expect(acme).not.toMatch(/^\s*tls /m);
    expect(acme).not.toContain('auto_https');
    // Every address when no public address is given.
    expect(acme).toMatch(/^chat\.example\.org \{\n {2}route \{/m);
    const { plan, files } = planDeployment({
      domain: 'chat.example.org',
      dir: '/x',
      certificates: 'files',
      plan: {
        publicAddress: '198.18.0.1',
        ports: { ...defaultPorts(), https: 8443, http: 8080 },
      },
    });
    expect(plan.certificates).toBe('files');
    const caddy = fileOf(files, 'caddy/Caddyfile');
    expect(caddy).toContain('tls /deploy/certs/fullchain.pem /deploy/certs/privkey.pem');
    expect(caddy).toContain('auto_https disable_certs');
    expect(caddy).toMatch(/^chat\.example\.org:8443 \{\n {2}bind 198\.18\.0\.1\n/m);
    expect(caddy).toContain('http_port 8080');
    expect(caddy).toContain('https_port 8443');
  });

  it('makes the LiveKit nodes’ configs readable by the LiveKit image’s user only', () => {
    const { files } = planDeployment({ domain: 'chat.example.org', dir: '/x' });
    const node = files.find((f) => f.path === 'livekit/node1.yaml');
    expect(node).toMatchObject({ secret: true, owner: LIVEKIT_UID });
    const parent = tmp();
    const { dir } = initDeployment({ domain: 'chat.example.org', dir: path.join(parent, 'd') });
    const stat = statSync(path.join(dir, 'livekit', 'node1.yaml'));
    if (process.getuid?.() === 0) {
      expect(stat.uid).toBe(LIVEKIT_UID);
      expect(stat.mode & 0o077).toBe(0);
    } else expect(stat.mode & 0o004).toBe(0o004);
  });

  it('makes Synapse signing keys in Synapse’s format', () => {
    const key = synapseSigningKey();
    expect(key).toMatch(/^ed25519 a_[A-Za-z0-9_-]{4} [A-Za-z0-9+/]{43}\n$/);
    expect(synapseSigningKey()).not.toBe(key);
  });
});
