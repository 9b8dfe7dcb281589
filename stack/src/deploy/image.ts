import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StackError } from '../errors.js';
import { installsDir, repoRoot, stateRoot } from '../paths.js';

/** The Debian suite of the local base image: trixie has Node.js 20. */
export const BASE_SUITE = 'trixie';
export const LOCAL_BASE_IMAGE = `localhost/haos-base-${BASE_SUITE}:latest`;
export const HAOS_IMAGE = 'localhost/haos:latest';
export const LIVEKIT_IMAGE = 'localhost/haos-livekit:latest';

/**
 * podman settings that work on a machine like this one without touching global config:
 * runc (crun cannot set rlimits here), explicit ulimits, no registry lookups (short names
 * refused), so every image is `localhost/…` and `--pull=never`.
 */
export function podmanEnv(): NodeJS.ProcessEnv {
  const dir = path.join(stateRoot(), 'podman');
  mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'containers.conf');
  const registries = path.join(dir, 'registries.conf');
  writeFileSync(
    conf,
    '[containers]\ndefault_ulimits = ["nofile=16384:16384", "nproc=16384:16384"]\n\n[engine]\nruntime = "runc"\n',
  );
  writeFileSync(registries, 'unqualified-search-registries = []\nshort-name-mode = "enforcing"\n');
  return { ...process.env, CONTAINERS_CONF: conf, CONTAINERS_REGISTRIES_CONF: registries };
}

/** Runs a command to completion; rejects with its output's tail when it fails. */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: 'ignore' } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let tail = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      tail = (tail + c.toString()).slice(-6000);
    });
    child.stderr.on('data', (c: Buffer) => (tail = (tail + c.toString()).slice(-6000)));
    child.once('error', (error) =>
      reject(
        new StackError(
          'COMMAND_MISSING',
          `Could not run ${command}: ${error.message}`,
          `Install ${command} (Debian: apt-get install ${command}).`,
        ),
      ),
    );
    child.once('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${command} ${args.join(' ')} exited ${String(code)}:\n${tail}`)),
    );
  });
}

export function imageExists(image: string, env = podmanEnv()): boolean {
  return spawnSync('podman', ['image', 'exists', image], { env }).status === 0;
}

/** The Debian mirror apt on this machine uses (debootstrap fetches from the same one). */
function debianMirror(): string {
  const sources = spawnSync(
    'sh',
    ['-c', 'cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null'],
    {
      encoding: 'utf8',
    },
  ).stdout;
  const match =
    /URIs:\s*(\S+\/debian)\s*$/m.exec(sources) ?? /^deb\s+(\S+\/debian)\s/m.exec(sources);
  return match?.[1] ?? 'http://deb.debian.org/debian';
}

/**
 * Makes the local base image from Debian packages (debootstrap minbase → podman import), once:
 * the root file system tarball is cached in the installs folder and the image in podman's store.
 */
export async function ensureLocalBaseImage(log: (line: string) => void): Promise<string> {
  const env = podmanEnv();
  if (imageExists(LOCAL_BASE_IMAGE, env)) return LOCAL_BASE_IMAGE;
  const tarball = path.join(installsDir(), `debian-${BASE_SUITE}-minbase.tar`);
  if (!existsSync(tarball)) {
    const rootfs = path.join(installsDir(), `debian-${BASE_SUITE}-minbase.partial`);
    rmSync(rootfs, { recursive: true, force: true });
    mkdirSync(installsDir(), { recursive: true });
    log(`Making the local base image: debootstrap ${BASE_SUITE} (once, under a minute)…`);
    await run('debootstrap', ['--variant=minbase', BASE_SUITE, rootfs, debianMirror()]);
    await run('tar', ['-C', rootfs, '-cf', `${tarball}.partial`, '.']);
    renameSync(`${tarball}.partial`, tarball);
    rmSync(rootfs, { recursive: true, force: true });
  }
  await run('podman', ['import', tarball, LOCAL_BASE_IMAGE], { env });
  return LOCAL_BASE_IMAGE;
}

export interface ImageBuild {
  image: string;
  seconds: number;
}

/**
 * Builds the haos image with podman from deploy/Containerfile. `prebuilt` uses artefacts already
 * built in the repository (the web app's dist, bundled by scripts/bundle-server.mjs) instead of
 * building them again inside the image: same runtime stage, same files.
 */
export async function buildHaosImage(options: {
  base: string;
  prebuilt: boolean;
  log: (line: string) => void;
}): Promise<ImageBuild> {
  const env = podmanEnv();
  const started = Date.now();
  let context = repoRoot;
  const args = ['build', '--format', 'docker', '--pull=never', '--network=host'];
  if (options.prebuilt) {
    context = path.join(stateRoot(), 'image-context');
    rmSync(context, { recursive: true, force: true });
    mkdirSync(path.join(context, 'deploy', 'image'), { recursive: true });
    await run(process.execPath, [
      path.join(repoRoot, 'scripts', 'bundle-server.mjs'),
      path.join(context, 'prebuilt'),
    ]);
    cpSync(
      path.join(repoRoot, 'deploy', 'image', 'healthcheck.mjs'),
      path.join(context, 'deploy', 'image', 'healthcheck.mjs'),
    );
    args.push('--target', 'prebuilt');
  }
  options.log(`Building ${HAOS_IMAGE} from deploy/Containerfile (base ${options.base})…`);
  await run(
    'podman',
    [
      ...args,
      '--build-arg',
      `BASE=${options.base}`,
      '-f',
      path.join(repoRoot, 'deploy', 'Containerfile'),
      '-t',
      HAOS_IMAGE,
      context,
    ],
    { env },
  );
  return { image: HAOS_IMAGE, seconds: (Date.now() - started) / 1000 };
}

/** Builds the LiveKit image from the binary the stack built (deploy/livekit.Containerfile). */
export async function buildLiveKitImage(binary: string, base: string): Promise<string> {
  const env = podmanEnv();
  const context = path.join(stateRoot(), 'livekit-image-context');
  rmSync(context, { recursive: true, force: true });
  mkdirSync(context, { recursive: true });
  cpSync(binary, path.join(context, 'livekit-server'));
  await run(
    'podman',
    [
      'build',
      '--format',
      'docker',
      '--pull=never',
      '--build-arg',
      `BASE=${base}`,
      '-f',
      path.join(repoRoot, 'deploy', 'livekit.Containerfile'),
      '-t',
      LIVEKIT_IMAGE,
      context,
    ],
    { env },
  );
  return LIVEKIT_IMAGE;
}
