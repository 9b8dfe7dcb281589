import { appserviceRegistration } from '../appservice.js';
import type { DeployPlan } from './plan.js';
import type { DeploySecrets } from './secrets.js';

export type Registration = 'token' | 'closed' | 'open';

const loopback = ['127.0.0.1'];

/** The MatrixRTC focus HAOS announces: the token service behind the one HTTPS origin. */
export const livekitServiceUrl = (domain: string) => `https://${domain}/livekit/jwt`;

/**
 * homeserver.yaml for the main process: PostgreSQL, Redis, a replication listener for the
 * workers, delayed events, MSC4143 transports and `.well-known` with `rtc_foci`, a password
 * policy, and registration closed except with a registration token (by default).
 */
export function synapseMainConfig(
  plan: DeployPlan,
  secrets: DeploySecrets,
  registration: Registration,
): Record<string, unknown> {
  const { ports, root, data, domain } = plan;
  const focus = [{ type: 'livekit', livekit_service_url: livekitServiceUrl(domain) }];
  return {
    server_name: domain,
    public_baseurl: `https://${domain}/`,
    serve_server_wellknown: true,
    pid_file: `${data}/synapse/homeserver.pid`,
    report_stats: false,
    listeners: [
      {
        port: ports.synapseMain,
        bind_addresses: loopback,
        type: 'http',
        tls: false,
        x_forwarded: true,
        resources: [{ names: ['client', 'federation', 'openid'], compress: false }],
      },
      {
        port: ports.synapseReplication,
        bind_addresses: loopback,
        type: 'http',
        tls: false,
        resources: [{ names: ['replication'] }],
      },
    ],
    database: {
      name: 'psycopg2',
      args: {
        user: 'synapse',
        password: secrets.postgresPassword,
        dbname: 'synapse',
        host: '127.0.0.1',
        port: ports.postgres,
        cp_min: 5,
        cp_max: 10,
      },
    },
    redis: {
      enabled: true,
      host: '127.0.0.1',
      port: ports.redis,
      password_path: `${root}/secrets/redis_password`,
    },
    instance_map: { main: { host: '127.0.0.1', port: ports.synapseReplication } },
    worker_replication_secret_path: `${root}/secrets/worker_replication_secret`,
    media_store_path: `${data}/synapse/media_store`,
    signing_key_path: `${root}/secrets/signing.key`,
    registration_shared_secret_path: `${root}/secrets/registration_shared_secret`,
    macaroon_secret_key_path: `${root}/secrets/macaroon_secret_key`,
    form_secret_path: `${root}/secrets/form_secret`,
    app_service_config_files: [`${root}/secrets/haos/appservice.yaml`],
    enable_registration: registration !== 'closed',
    registration_requires_token: registration === 'token',
    ...(registration === 'open' ? { enable_registration_without_verification: true } : {}),
    password_config: {
      enabled: true,
      policy: {
        enabled: true,
        minimum_length: 10,
        require_digit: true,
        require_symbol: false,
        require_lowercase: true,
        require_uppercase: true,
      },
    },
    presence: { enabled: true },
    url_preview_enabled: false,
    max_upload_size: '50M',
    suppress_key_server_warning: true,
    // MatrixRTC: delayed events (MSC4140) clear a crashed client's call membership.
    max_event_delay_duration: '24h',
    extra_well_known_client_content: { 'org.matrix.msc4143.rtc_foci': focus },
    matrix_rtc: { transports: focus },
    experimental_features: {
      msc4143_enabled: true,
      msc4222_enabled: true,
      msc4354_enabled: true,
      msc4140_max_delayed_events_per_user: 100,
    },
    // Element Call's self-hosting guide: enough for call signalling and key exchange.
    rc_message: { per_second: 0.5, burst_count: 30 },
    rc_delayed_event_mgmt: { per_second: 1, burst_count: 20 },
    rc_registration: { per_second: 0.17, burst_count: 10 },
    rc_login: {
      address: { per_second: 0.17, burst_count: 10 },
      account: { per_second: 0.17, burst_count: 10 },
      failed_attempts: { per_second: 0.17, burst_count: 5 },
    },
  };
}

/** A generic worker's own config, loaded after homeserver.yaml (`-c homeserver.yaml -c worker`). */
export function synapseWorkerConfig(plan: DeployPlan, index: number): Record<string, unknown> {
  const port = plan.ports.synapseWorkers[index];
  if (port === undefined) throw new Error(`No port for Synapse worker ${index + 1}`);
  return {
    worker_app: 'synapse.app.generic_worker',
    worker_name: `generic_worker${index + 1}`,
    worker_listeners: [
      {
        type: 'http',
        port,
        bind_addresses: loopback,
        x_forwarded: true,
        resources: [{ names: ['client', 'federation'], compress: false }],
      },
    ],
  };
}

/**
 * haos-server as an application service (the same file Synapse loads through
 * `app_service_config_files` and haos-server through HAOS_APPSERVICE_REGISTRATION_FILE).
 */
export function appserviceRegistrationFor(
  plan: DeployPlan,
  secrets: DeploySecrets,
): Record<string, unknown> {
  // Synapse pushes transactions (PUT /_matrix/app/v1/transactions) through the proxy's loopback
  // pool, so any live haos-server replica takes them.
  return appserviceRegistration({
    url: `http://127.0.0.1:${plan.ports.haosPool}`,
    asToken: secrets.appserviceAsToken,
    hsToken: secrets.appserviceHsToken,
  });
}
