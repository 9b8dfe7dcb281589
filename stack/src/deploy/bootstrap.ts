import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { StackError } from '../errors.js';
import { randomSecret } from '../secrets.js';
import { registerWithSharedSecret } from '../synapse.js';

interface HomeserverYaml {
  server_name: string;
  listeners: { port: number; resources: { names: string[] }[] }[];
}

export interface BootstrapResult {
  adminUserId: string;
  adminToken: string;
  registrationToken: string;
}

/** Creates a registration token through Synapse's admin API. */
export async function createRegistrationToken(
  homeserver: string,
  adminToken: string,
  usesAllowed: number | null = 25,
): Promise<string> {
  const response = await fetch(`${homeserver}/_synapse/admin/v1/registration_tokens/new`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ uses_allowed: usesAllowed }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token)
    throw new Error(
      `Creating a registration token failed: HTTP ${response.status} ${body.error ?? ''}`,
    );
  return body.token;
}

/**
 * After the first start: registers the service admin account haos-server uses for membership
 * checks (through the shared-secret admin API, on main), writes its token into
 * secrets/haos/trusted_homeservers.json, and creates a first registration token.
 */
export async function bootstrapDeployment(
  dir: string,
  homeserverUrl?: string,
): Promise<BootstrapResult> {
  let config: HomeserverYaml;
  let sharedSecret: string;
  try {
    config = parse(
      readFileSync(path.join(dir, 'synapse', 'homeserver.yaml'), 'utf8'),
    ) as HomeserverYaml;
    sharedSecret = readFileSync(
      path.join(dir, 'secrets', 'registration_shared_secret'),
      'utf8',
    ).trim();
  } catch (error) {
    throw new StackError(
      'DEPLOY_NOT_A_DEPLOYMENT',
      `${dir} is not a deployment folder made by deploy init (${(error as Error).message}).`,
      'Pass the folder ./haos deploy init created: --dir /srv/haos',
    );
  }
  const client = config.listeners.find((l) => l.resources.some((r) => r.names.includes('client')));
  const homeserver = homeserverUrl ?? `http://127.0.0.1:${client?.port ?? 8008}`;
  const admin = await registerWithSharedSecret(
    homeserver,
    sharedSecret,
    `haos-service-${randomSecret(4)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}`,
    randomSecret(),
    true,
  ).catch((error: unknown) => {
    throw new StackError(
      'DEPLOY_SYNAPSE_UNREACHABLE',
      `Could not register the service admin at ${homeserver}: ${(error as Error).message}`,
      'Start the deployment first (docker compose up -d) and wait until Synapse is healthy.',
    );
  });
  writeFileSync(
    path.join(dir, 'secrets', 'haos', 'trusted_homeservers.json'),
    `${JSON.stringify({ [config.server_name]: { admin_token: admin.accessToken } })}\n`,
  );
  const registrationToken = await createRegistrationToken(homeserver, admin.accessToken);
  return { adminUserId: admin.userId, adminToken: admin.accessToken, registrationToken };
}
