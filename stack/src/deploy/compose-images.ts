import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { installsDir, repoRoot, stateRoot } from '../paths.js';
import { SYNAPSE_VERSION } from '../synapse.js';
import { imageExists, podmanEnv, run } from './image.js';

/** The stand-in images compose runs where no registry is reachable, by compose variable. */
export type StandInImages = Record<
  'HAOS_POSTGRES_IMAGE' | 'HAOS_REDIS_IMAGE' | 'HAOS_SYNAPSE_IMAGE' | 'HAOS_CADDY_IMAGE',
  string
>;

const IMAGE_DIR = path.join(repoRoot, 'deploy', 'image');

interface Recipe {
  name: string;
  /** Files of deploy/image the recipe copies in (besides its Containerfile). */
  files: string[];
  args?: Record<string, string>;
  /** Fetches from PyPI during the build (TLS through the machine's CA bundle). */
  pypi?: boolean;
}

const RECIPES: Record<keyof StandInImages, Recipe> = {
  HAOS_POSTGRES_IMAGE: { name: 'postgres', files: ['postgres-entrypoint.sh'] },
  HAOS_REDIS_IMAGE: { name: 'redis', files: [] },
  HAOS_SYNAPSE_IMAGE: {
    name: 'synapse',
    files: [],
    args: { SYNAPSE_VERSION },
    pypi: true,
  },
  HAOS_CADDY_IMAGE: { name: 'caddy', files: [] },
};

function imageId(image: string, env: NodeJS.ProcessEnv): string {
  return spawnSync('podman', ['image', 'inspect', '--format', '{{.Id}}', image], {
    env,
    encoding: 'utf8',
  }).stdout.trim();
}

/** A tag named by the hash of everything that goes into the image: same inputs, no rebuild. */
function contentTag(name: string, parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return `localhost/haos-${name}:${hash.digest('hex').slice(0, 16)}`;
}

/** The CA bundle this machine trusts (PyPI through a TLS-inspecting proxy needs it in builds). */
function caBundle(): string | undefined {
  return [process.env.PIP_CERT, process.env.SSL_CERT_FILE, '/etc/ssl/certs/ca-certificates.crt']
    .filter((f): f is string => Boolean(f))
    .find((f) => existsSync(f));
}

async function buildRecipe(
  recipe: Recipe,
  base: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<{ image: string; built: boolean }> {
  const containerfile = path.join(IMAGE_DIR, `${recipe.name}.Containerfile`);
  const args = Object.entries({ BASE: base, ...recipe.args });
  const image = contentTag(recipe.name, [
    readFileSync(containerfile),
    ...recipe.files.flatMap((f) => [f, readFileSync(path.join(IMAGE_DIR, f))]),
    JSON.stringify(args),
    imageId(base, env),
  ]);
  if (imageExists(image, env)) return { image, built: false };
  log(`Building ${image} from deploy/image/${recipe.name}.Containerfile…`);
  const ca = recipe.pypi ? caBundle() : undefined;
  await run(
    'podman',
    [
      'build', '--format', 'docker', '--pull=never', '--network=host',
      ...args.flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
      ...(ca ? ['--secret', `id=pip_cert,src=${ca}`] : []),
      '-f', containerfile, '-t', image, IMAGE_DIR,
    ], // prettier-ignore
    { env },
  );
  return { image, built: true };
}

/**
 * Builds (once per content hash) local stand-ins for the public images compose names —
 * PostgreSQL, Redis, Synapse, Caddy — from Debian packages and PyPI on `base`, and returns the
 * HAOS_*_IMAGE variables that make compose use them.
 */
export async function ensureStandInImages(
  base: string,
  log: (line: string) => void,
): Promise<{ images: StandInImages; built: string[] }> {
  const env = podmanEnv();
  const entries = await Promise.all(
    Object.entries(RECIPES).map(
      async ([variable, recipe]) => [variable, await buildRecipe(recipe, base, env, log)] as const,
    ),
  );
  return {
    images: Object.fromEntries(entries.map(([v, r]) => [v, r.image])) as StandInImages,
    built: entries.filter(([, r]) => r.built).map(([, r]) => r.image),
  };
}

/**
 * The LiveKit image from the binary the stack built (deploy/livekit.Containerfile), tagged by
 * the hash of the binary, the recipe and the base: built once per LiveKit release.
 */
export async function ensureLiveKitImage(binary: string, base: string): Promise<string> {
  const env = podmanEnv();
  const containerfile = path.join(repoRoot, 'deploy', 'livekit.Containerfile');
  const image = contentTag('livekit', [
    readFileSync(containerfile),
    readFileSync(binary),
    base,
    imageId(base, env),
  ]);
  if (imageExists(image, env)) return image;
  const context = path.join(stateRoot(), `livekit-image-context-${process.pid}`);
  rmSync(context, { recursive: true, force: true });
  mkdirSync(context, { recursive: true });
  try {
    cpSync(binary, path.join(context, 'livekit-server'));
    await run(
      'podman',
      [
        'build', '--format', 'docker', '--pull=never', '--build-arg', `BASE=${base}`,
        '-f', containerfile, '-t', image, context,
      ], // prettier-ignore
      { env },
    );
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return image;
}

export const PODMAN_COMPOSE_VERSION = '1.6.0';

/** podman-compose from PyPI (pinned) in its own virtualenv, once; returns its executable. */
export async function ensurePodmanCompose(log: (line: string) => void): Promise<string> {
  const venv = path.join(installsDir(), `podman-compose-${PODMAN_COMPOSE_VERSION}`);
  const bin = path.join(venv, 'bin', 'podman-compose');
  if (existsSync(path.join(venv, '.installed'))) return bin;
  rmSync(venv, { recursive: true, force: true });
  log(`Installing podman-compose ${PODMAN_COMPOSE_VERSION} from PyPI (first run only)…`);
  await run('python3', ['-m', 'venv', venv]);
  await run(path.join(venv, 'bin', 'python'), [
    '-m', 'pip', 'install', '--disable-pip-version-check',
    `podman-compose==${PODMAN_COMPOSE_VERSION}`,
  ]); // prettier-ignore
  writeFileSync(path.join(venv, '.installed'), `${new Date().toISOString()}\n`);
  return bin;
}
