import { Document, isScalar, isSeq, visit } from 'yaml';
import type { DeployPlan } from './plan.js';

/** The images compose uses unless the .env names others (HAOS_*_IMAGE). */
export const COMPOSE_IMAGES = {
  HAOS_IMAGE: 'localhost/haos:latest',
  HAOS_LIVEKIT_IMAGE: 'localhost/haos-livekit:latest',
  HAOS_SYNAPSE_IMAGE: 'docker.io/matrixdotorg/synapse:v1.163.2',
  HAOS_POSTGRES_IMAGE: 'docker.io/library/postgres:15',
  HAOS_REDIS_IMAGE: 'docker.io/library/redis:7',
  HAOS_CADDY_IMAGE: 'docker.io/library/caddy:2',
  HAOS_NGINX_IMAGE: 'docker.io/library/nginx:1.27',
} as const;

/** The Caddy admin endpoint's default port (Caddy's own). */
export const CADDY_ADMIN_PORT = 2019;

const HEADER = `HAOS on one host: docker compose up -d  (or podman-compose up -d), in a folder made by
  ./haos deploy init --domain chat.example.org --dir /srv/haos
Generated from the deployment's plan: every port here is the one its configs name. Every
service uses the host network and binds 127.0.0.1, except the proxy (80, 443) and LiveKit's
media ports. Secrets are files under secrets/ (never environment variables). Every service has
a health check; an engine that runs none by itself (podman without systemd) is asked with
\`podman healthcheck run <container>\`.`;

type Service = Record<string, unknown>;

/**
 * compose.yaml for a plan: PostgreSQL, Redis, Synapse main and its workers, haos, the LiveKit
 * nodes and the proxy (Caddy or nginx, by profile), each on the host network with a health
 * check on the ports the plan gives it.
 */
export function composeConfig(plan: DeployPlan): string {
  const { ports, root, data } = plan;
  const image = (name: keyof typeof COMPOSE_IMAGES) => `\${${name}:-${COMPOSE_IMAGES[name]}}`;
  const base = (): Service => ({
    network_mode: 'host',
    restart: 'unless-stopped',
    logging: { driver: 'json-file', options: { 'max-size': '20m', 'max-file': '5' } },
  });
  const check = (test: string[], interval: string, retries: number, timeout = '5s') => ({
    test,
    interval,
    timeout,
    retries,
  });
  const deployMount = `./:${root}:ro`;
  const synapse = (entrypoint: string[], port: number): Service => ({
    ...base(),
    image: image('HAOS_SYNAPSE_IMAGE'),
    user: '0:0',
    entrypoint,
    volumes: [deployMount, `synapse:${data}/synapse`],
    depends_on: {
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    },
    healthcheck: check(['CMD', 'curl', '-fsS', `http://127.0.0.1:${port}/health`], '15s', 10),
  });
  const synapseConfig = ['-c', `${root}/synapse/homeserver.yaml`];

  const services: Record<string, Service> = {
    postgres: {
      ...base(),
      image: image('HAOS_POSTGRES_IMAGE'),
      command: ['postgres', '-c', 'listen_addresses=127.0.0.1', '-c', `port=${ports.postgres}`],
      environment: {
        POSTGRES_USER: 'synapse',
        POSTGRES_DB: 'synapse',
        POSTGRES_PASSWORD_FILE: '/run/secrets/postgres_password',
        POSTGRES_INITDB_ARGS: '--encoding=UTF8 --lc-collate=C --lc-ctype=C',
      },
      secrets: ['postgres_password'],
      volumes: ['postgres:/var/lib/postgresql/data'],
      healthcheck: check(
        ['CMD', 'pg_isready', '-h', '127.0.0.1', '-p', String(ports.postgres), '-U', 'synapse'],
        '10s',
        6,
      ),
    },
    redis: {
      ...base(),
      image: image('HAOS_REDIS_IMAGE'),
      // redis-server itself, not the image's entrypoint: that drops to its own user, who cannot
      // read redis.conf (0600, it holds the password).
      entrypoint: ['redis-server', `${root}/redis/redis.conf`],
      volumes: [deployMount, `redis:${data}/redis`],
      healthcheck: check(
        [
          'CMD-SHELL',
          `redis-cli -p ${ports.redis} -a "$$(cat ${root}/secrets/redis_password)" --no-auth-warning ping | grep -q PONG`,
        ],
        '10s',
        6,
      ),
    },
    synapse: synapse(
      ['python', '-m', 'synapse.app.homeserver', ...synapseConfig],
      ports.synapseMain,
    ),
  };
  ports.synapseWorkers.forEach((port, i) => {
    services[`synapse-worker${i + 1}`] = synapse(
      [
        'python',
        '-m',
        'synapse.app.generic_worker',
        ...synapseConfig,
        '-c',
        `${root}/synapse/worker${i + 1}.yaml`,
      ],
      port,
    );
  });
  services.haos = {
    ...base(),
    image: image('HAOS_IMAGE'),
    env_file: ['haos/haos.env'],
    volumes: [deployMount],
    // The image's HEALTHCHECK asks /healthz; repeated here for engines that ignore image checks.
    healthcheck: check(['CMD', 'node', '/app/healthcheck.mjs'], '15s', 4),
  };
  ports.livekit.forEach((node, i) => {
    services[`livekit${i + 1}`] = {
      ...base(),
      image: image('HAOS_LIVEKIT_IMAGE'),
      command: ['--config', `${root}/livekit/node${i + 1}.yaml`],
      environment: { NODE_IP: '${HAOS_NODE_IP:-}' },
      volumes: [deployMount],
      // LiveKit drains on SIGTERM: calls go on until their rooms empty. Never cut that short.
      stop_grace_period: '3h',
      depends_on: { redis: { condition: 'service_healthy' } },
      healthcheck: check(
        ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${node.http}`],
        '10s',
        3,
        '3s',
      ),
    };
  });
  services.caddy = {
    ...base(),
    profiles: ['caddy'],
    image: image('HAOS_CADDY_IMAGE'),
    command: ['caddy', 'run', '--config', `${root}/caddy/Caddyfile`, '--adapter', 'caddyfile'],
    volumes: [deployMount, 'caddy:/data'],
    healthcheck: check(
      [
        'CMD',
        'wget',
        '-q',
        '-O',
        '/dev/null',
        `http://127.0.0.1:${ports.caddyAdmin ?? CADDY_ADMIN_PORT}/config/`,
      ],
      '15s',
      4,
    ),
  };
  services.nginx = {
    ...base(),
    profiles: ['nginx'],
    image: image('HAOS_NGINX_IMAGE'),
    command: ['nginx', '-c', `${root}/nginx/nginx.conf`, '-g', 'daemon off;'],
    volumes: [deployMount, `nginx:${data}/nginx`, `acme:${data}/acme`],
    healthcheck: check(
      [
        'CMD',
        'curl',
        '-fsS',
        `http://${plan.publicAddress ?? '127.0.0.1'}:${ports.http}/nginx-health`,
      ],
      '15s',
      4,
    ),
  };

  const doc = new Document({
    name: 'haos',
    services,
    secrets: { postgres_password: { file: './secrets/postgres_password' } },
    volumes: Object.fromEntries(
      ['postgres', 'redis', 'synapse', 'caddy', 'nginx', 'acme'].map((v) => [v, {}]),
    ),
  });
  // Lists of words (commands, health checks) on one line, as people write them.
  visit(doc, {
    Seq: (_, node) => {
      if (isSeq(node) && node.items.every((item) => isScalar(item))) node.flow = true;
    },
    // Quoted where a YAML 1.1 reader (PyYAML, in podman-compose) could read it otherwise.
    Scalar: (_, node) => {
      if (typeof node.value === 'string' && /[\s"]|^\d+:\d+$/.test(node.value))
        node.type = 'QUOTE_SINGLE';
    },
  });
  doc.commentBefore = HEADER.split('\n')
    .map((l) => ` ${l}`)
    .join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
