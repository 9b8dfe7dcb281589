import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';
import { spawnService, waitForHttp, withPrivateUmask, type Supervised } from './process.js';
import { mkdirPrivate } from './private-files.js';
import { StackError } from './errors.js';
import { randomSecret, type StackSecrets } from './secrets.js';

/** The pinned Synapse release, installed from PyPI into a virtualenv in the state folder. */
export const SYNAPSE_VERSION = '1.163.2';

function run(
  command: string,
  args: string[],
  log: (line: string) => void,
  cwd?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const [sh, shArgs] = withPrivateUmask(command, args);
    const child = spawn(sh, shArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) {
        if (/^(Collecting|Successfully installed)/.test(line))
          log(`  ${line.trim().slice(0, 100)}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => reject(error));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${String(code)}:\n${tail}`)),
    );
  });
}

/** Creates the virtualenv and installs the pinned Synapse (first run only). Returns its python. */
export async function ensureSynapseInstalled(
  installs: string,
  python: string,
  log: (line: string) => void,
): Promise<string> {
  const venv = path.join(installs, `synapse-${SYNAPSE_VERSION}`);
  const venvPython = path.join(venv, 'bin', 'python');
  const marker = path.join(venv, '.installed');
  if (existsSync(marker)) return venvPython;
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(installs, { recursive: true });
  log(
    `Installing Synapse ${SYNAPSE_VERSION} from PyPI into ${path.relative(repoRoot, venv)} (first run only)…`,
  );
  const started = Date.now();
  try {
    await run(python, ['-m', 'venv', venv], log);
  } catch (error) {
    throw new StackError(
      'PYTHON_VENV_MISSING',
      `Could not create a Python virtualenv: ${(error as Error).message}`,
      'Install Python 3.10+ with its venv module (Debian: apt-get install python3-venv).',
    );
  }
  try {
    await run(
      venvPython,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--upgrade', 'pip'],
      log,
    );
    await run(
      venvPython,
      ['-m', 'pip', 'install', '--disable-pip-version-check', `matrix-synapse==${SYNAPSE_VERSION}`],
      log,
    );
  } catch (error) {
    throw new StackError(
      'SYNAPSE_INSTALL_FAILED',
      `Installing Synapse failed: ${(error as Error).message}`,
      'Check that PyPI is reachable; then run the command again.',
    );
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log(`Synapse installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return venvPython;
}

export interface SynapseSettings {
  dataDir: string;
  serverName: string;
  port: number;
  livekitServiceUrl: string;
  /** haos-server's application service registration (stack/src/appservice.ts). */
  appserviceRegistration: string;
  secrets: StackSecrets;
}

/** Fills stack/templates/homeserver.yaml; values are JSON-quoted, which YAML reads verbatim. */
export function renderHomeserverConfig(settings: SynapseSettings): string {
  const template = readFileSync(
    path.join(repoRoot, 'stack', 'templates', 'homeserver.yaml'),
    'utf8',
  );
  const values: Record<string, string | number> = {
    server_name: settings.serverName,
    public_baseurl: `http://127.0.0.1:${settings.port}/`,
    pid_file: path.join(settings.dataDir, 'homeserver.pid'),
    database: path.join(settings.dataDir, 'homeserver.db'),
    media_store_path: path.join(settings.dataDir, 'media_store'),
    signing_key_path: path.join(settings.dataDir, 'signing.key'),
    port: settings.port,
    registration_shared_secret: settings.secrets.registrationSharedSecret,
    macaroon_secret_key: settings.secrets.macaroonSecretKey,
    form_secret: settings.secrets.formSecret,
    livekit_service_url: settings.livekitServiceUrl,
    appservice_registration: settings.appserviceRegistration,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`homeserver.yaml template names unknown value ${key}`);
    return typeof value === 'number' ? String(value) : JSON.stringify(value);
  });
}

export async function startSynapse(
  venvPython: string,
  settings: SynapseSettings,
  logFile: string,
): Promise<Supervised> {
  mkdirPrivate(settings.dataDir);
  const configFile = path.join(settings.dataDir, 'homeserver.yaml');
  writeFileSync(configFile, renderHomeserverConfig(settings), { mode: 0o600 });
  if (!existsSync(path.join(settings.dataDir, 'signing.key'))) {
    await run(
      venvPython,
      ['-m', 'synapse.app.homeserver', '-c', configFile, '--generate-keys'],
      () => {},
      settings.dataDir,
    );
  }
  const service = spawnService({
    name: 'Synapse',
    command: venvPython,
    args: ['-m', 'synapse.app.homeserver', '-c', configFile],
    cwd: settings.dataDir,
    logFile,
  });
  await waitForHttp(`http://127.0.0.1:${settings.port}/health`, 120000, service);
  return service;
}

/**
 * Registers a user through Synapse's shared-secret admin API (HMAC-SHA1 over
 * nonce, user, password and admin flag) and returns its access token.
 */
export async function registerWithSharedSecret(
  baseUrl: string,
  sharedSecret: string,
  username: string,
  password: string,
  admin: boolean,
): Promise<{ userId: string; accessToken: string }> {
  const nonceResponse = await fetch(`${baseUrl}/_synapse/admin/v1/register`);
  const { nonce } = (await nonceResponse.json()) as { nonce: string };
  const mac = createHmac('sha1', sharedSecret)
    .update([nonce, username, password, admin ? 'admin' : 'notadmin'].join('\0'))
    .digest('hex');
  const response = await fetch(`${baseUrl}/_synapse/admin/v1/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ nonce, username, password, admin, mac }),
  });
  const body = (await response.json()) as {
    user_id?: string;
    access_token?: string;
    error?: string;
  };
  if (!response.ok || !body.access_token || !body.user_id) {
    throw new Error(`Registering ${username} failed: HTTP ${response.status} ${body.error ?? ''}`);
  }
  return { userId: body.user_id, accessToken: body.access_token };
}

/**
 * The admin account the token service uses to check room membership. Created on first start;
 * its token is kept in a 0600 file in the instance folder and reused.
 */
export async function ensureAdminToken(
  baseUrl: string,
  secrets: StackSecrets,
  tokenFile: string,
): Promise<string> {
  if (existsSync(tokenFile)) {
    const token = readFileSync(tokenFile, 'utf8').trim();
    const check = await fetch(`${baseUrl}/_matrix/client/v3/account/whoami`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (check.ok) return token;
  }
  const { accessToken } = await registerWithSharedSecret(
    baseUrl,
    secrets.registrationSharedSecret,
    `haos-admin-${randomSecret(4)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}`,
    randomSecret(),
    true,
  );
  writeFileSync(tokenFile, accessToken, { mode: 0o600 });
  return accessToken;
}
