import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { installsDir, stateRoot } from '../../paths.js';
import { spawnService, waitForHttp, type Supervised } from '../../process.js';
import { SYNAPSE_VERSION } from '../../synapse.js';
import { run } from '../image.js';
import type { DeployPlan } from '../plan.js';

/** Synapse with the PostgreSQL and Redis extras, in its own virtualenv (first run only). */
export async function ensureScaleSynapse(log: (line: string) => void): Promise<string> {
  const venv = path.join(installsDir(), `synapse-${SYNAPSE_VERSION}-scale`);
  const python = path.join(venv, 'bin', 'python');
  if (existsSync(path.join(venv, '.installed'))) return python;
  rmSync(venv, { recursive: true, force: true });
  log(`Installing Synapse ${SYNAPSE_VERSION} with PostgreSQL and Redis support (first run only)…`);
  await run('python3', ['-m', 'venv', venv]);
  await run(python, [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    `matrix-synapse[postgres,redis]==${SYNAPSE_VERSION}`,
  ]);
  writeFileSync(path.join(venv, '.installed'), `${new Date().toISOString()}\n`);
  return python;
}

/** Debian's PostgreSQL binaries (postgresql-15 and the like). */
function pgBin(name: string): string {
  const found = spawnSync(
    'sh',
    ['-c', `ls -d /usr/lib/postgresql/*/bin/${name} | sort -V | tail -1`],
    {
      encoding: 'utf8',
    },
  ).stdout.trim();
  return found || name;
}

/** Runs a command as the postgres user (initdb and postgres refuse to run as root). */
const asPostgres = (command: string, args: string[]) =>
  process.getuid?.() === 0
    ? {
        command: 'setpriv',
        args: ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args],
      }
    : { command, args };

/**
 * The state folder is its owner's alone (0700 all the way down), but PostgreSQL runs as the
 * postgres user and must reach its data folder inside it: every folder above the data gets the
 * postgres group with search permission added (x only: no listing, no reading), up to the state
 * folder itself; other bits stay as they are (the haos container's user needs its own). Nothing else in the tree changes; the next stack start makes them 0700 again.
 */
function letPostgresThrough(from: string): void {
  const gid = uid('postgres', 'g');
  const top = path.dirname(stateRoot());
  for (let dir = from; dir !== top && dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const stat = statSync(dir);
    chownSync(dir, stat.uid, gid);
    chmodSync(dir, (stat.mode & 0o7777) | 0o010);
  }
}

/** A private PostgreSQL cluster for the deployment (initdb once, then start), with Synapse's database. */
export async function startPostgres(
  plan: DeployPlan,
  password: string,
  logs: string,
): Promise<Supervised> {
  const data = path.join(plan.data, 'postgres');
  const sockets = path.join(plan.data, 'postgres-run');
  const owned = process.getuid?.() === 0;
  const fresh = !existsSync(path.join(data, 'PG_VERSION'));
  mkdirSync(sockets, { recursive: true });
  if (owned) {
    letPostgresThrough(plan.data);
    chownSync(sockets, uid('postgres'), uid('postgres', 'g'));
  }
  if (fresh) {
    mkdirSync(data, { recursive: true, mode: 0o700 });
    if (owned) chownSync(data, uid('postgres'), uid('postgres', 'g'));
    const pwfile = path.join(sockets, 'pw');
    writeFileSync(pwfile, password, { mode: 0o600 });
    if (owned) chownSync(pwfile, uid('postgres'), uid('postgres', 'g'));
    const init = asPostgres(pgBin('initdb'), [
      '-D', data, '-U', 'synapse', `--pwfile=${pwfile}`, '--auth=scram-sha-256',
      '-E', 'UTF8', '--locale=C',
    ]); // prettier-ignore
    await run(init.command, init.args);
    rmSync(pwfile);
  }
  const start = asPostgres(pgBin('postgres'), [
    '-D', data, '-p', String(plan.ports.postgres), '-k', sockets,
    '-c', 'listen_addresses=127.0.0.1',
  ]); // prettier-ignore
  const service = spawnService({
    name: 'PostgreSQL',
    command: start.command,
    args: start.args,
    logFile: path.join(logs, 'postgres.log'),
  });
  const env = { ...process.env, PGPASSWORD: password };
  const psql = (sql: string, db = 'postgres') =>
    run('psql', ['-h', '127.0.0.1', '-p', String(plan.ports.postgres), '-U', 'synapse', '-d', db, '-tAc', sql], { env }); // prettier-ignore
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await psql('select 1');
      break;
    } catch (error) {
      if (Date.now() > deadline || service.child.exitCode !== null) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  if (!(await psql("select 1 from pg_database where datname = 'synapse'")).trim())
    await psql(
      "CREATE DATABASE synapse ENCODING 'UTF8' LC_COLLATE='C' LC_CTYPE='C' TEMPLATE template0",
    );
  return service;
}

function uid(user: string, kind: 'u' | 'g' = 'u'): number {
  return Number(spawnSync('id', [`-${kind}`, user], { encoding: 'utf8' }).stdout.trim());
}

export async function startRedis(
  plan: DeployPlan,
  root: string,
  logs: string,
): Promise<Supervised> {
  mkdirSync(path.join(plan.data, 'redis'), { recursive: true });
  const service = spawnService({
    name: 'Redis',
    command: 'redis-server',
    args: [path.join(root, 'redis', 'redis.conf')],
    logFile: path.join(logs, 'redis.log'),
  });
  const net = await import('node:net');
  const deadline = Date.now() + 30_000;
  while (
    !(await new Promise<boolean>((resolve) => {
      const socket = net.connect(plan.ports.redis, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    }))
  ) {
    if (Date.now() > deadline || service.child.exitCode !== null)
      throw new Error(`Redis did not start; see ${service.logFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return service;
}

export async function startSynapseProcess(
  python: string,
  root: string,
  logs: string,
  worker: number | undefined,
  port: number,
): Promise<Supervised> {
  const config = ['-c', path.join(root, 'synapse', 'homeserver.yaml')];
  if (worker !== undefined) config.push('-c', path.join(root, 'synapse', `worker${worker}.yaml`));
  const service = spawnService({
    name: worker === undefined ? 'Synapse main' : `Synapse worker ${worker}`,
    command: python,
    args: [
      '-m',
      worker === undefined ? 'synapse.app.homeserver' : 'synapse.app.generic_worker',
      ...config,
    ],
    logFile: path.join(
      logs,
      worker === undefined ? 'synapse-main.log' : `synapse-worker${worker}.log`,
    ),
  });
  await waitForHttp(`http://127.0.0.1:${port}/health`, 180_000, service);
  return service;
}

export async function startLiveKitNode(
  binary: string,
  root: string,
  logs: string,
  index: number,
  port: number,
): Promise<Supervised> {
  const service = spawnService({
    name: `LiveKit node ${index + 1}`,
    command: binary,
    args: ['--config', path.join(root, 'livekit', `node${index + 1}.yaml`)],
    logFile: path.join(logs, `livekit${index + 1}.log`),
  });
  await waitForHttp(`http://127.0.0.1:${port}/`, 60_000, service);
  return service;
}

export async function startNginx(
  root: string,
  plan: DeployPlan,
  logs: string,
): Promise<Supervised> {
  mkdirSync(path.join(plan.data, 'nginx'), { recursive: true });
  mkdirSync(path.join(plan.data, 'acme'), { recursive: true });
  const service = spawnService({
    name: 'nginx',
    command: 'nginx',
    args: [
      '-c',
      path.join(root, 'nginx', 'nginx.conf'),
      '-p',
      path.join(plan.data, 'nginx'),
      '-g',
      'daemon off;',
    ],
    logFile: path.join(logs, 'nginx.log'),
  });
  await waitForHttp(`http://127.0.0.1:${plan.ports.livekitApi}/`, 30_000, service);
  return service;
}
