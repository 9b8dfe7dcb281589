import { networkInterfaces } from 'node:os';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { StackError } from '../errors.js';
import { generateDeployment, HAOS_UID, type GeneratedFile } from './generate.js';
import {
  defaultPorts,
  validateDomain,
  validateNodeIp,
  type Certificates,
  type DeployPlan,
} from './plan.js';
import { generateDeploySecrets, type DeploySecrets } from './secrets.js';
import type { Registration } from './synapse-config.js';

export interface InitOptions {
  domain: string | undefined;
  /** The folder to create; it must not exist. */
  dir: string;
  nodeIp?: string;
  registration?: Registration;
  acmeEmail?: string;
  /** acme (Caddy gets certificates itself, the default) or files (certs/ holds them). */
  certificates?: Certificates;
  livekitNodes?: number;
  synapseWorkers?: number;
  /** Overrides for the deployment test (ports, paths); production uses the defaults. */
  plan?: Partial<DeployPlan>;
  secrets?: DeploySecrets;
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > 16) {
    throw new StackError(
      'DEPLOY_BAD_COUNT',
      `${name} must be a whole number from ${min} to 16, not ${String(value)}.`,
      `Pass e.g. --${name} ${fallback}`,
    );
  }
  return n;
}

/** Whether an IP is one of this host's interface addresses. */
function isHostAddress(ip: string): boolean {
  return Object.values(networkInterfaces()).some((addresses) =>
    (addresses ?? []).some((a) => a.address === ip),
  );
}

/** Validates everything first; returns the plan and files, having written nothing. */
export function planDeployment(options: InitOptions): {
  plan: DeployPlan;
  files: GeneratedFile[];
} {
  const domain = validateDomain(options.domain);
  const nodeIp = validateNodeIp(options.nodeIp);
  if (options.registration && !['token', 'closed', 'open'].includes(options.registration)) {
    throw new StackError(
      'DEPLOY_BAD_REGISTRATION',
      `--registration must be token, closed or open, not "${String(options.registration)}".`,
      'Leave it out for the default: registration only with a registration token.',
    );
  }
  if (options.certificates && !['acme', 'files'].includes(options.certificates)) {
    throw new StackError(
      'DEPLOY_BAD_CERTIFICATES',
      `--certificates must be acme or files, not "${String(options.certificates)}".`,
      'Leave it out for automatic ACME certificates, or pass --certificates files and put certs/fullchain.pem and certs/privkey.pem in the folder.',
    );
  }
  const nodes = count('livekit-nodes', options.livekitNodes, 2, 1);
  const workers = count('synapse-workers', options.synapseWorkers, 2, 1);
  const plan: DeployPlan = {
    domain,
    nodeIp,
    nodeIpOnHost: nodeIp !== undefined && isHostAddress(nodeIp),
    ports: defaultPorts(nodes, workers),
    publicAddress: undefined,
    root: '/deploy',
    data: '/data',
    turnAllowedPeers: [],
    loopbackCandidates: false,
    certificates: options.certificates ?? 'acme',
    ...options.plan,
  };
  const files = generateDeployment({
    plan,
    secrets: options.secrets ?? generateDeploySecrets(),
    registration: options.registration ?? 'token',
    acmeEmail: options.acmeEmail,
  });
  return { plan, files };
}

/**
 * `./haos deploy init`: generates a deployment folder with fresh secrets. Refuses bad input and
 * an existing folder before writing anything; writes into a temporary sibling and renames it
 * into place, so a failure half-way leaves nothing behind.
 */
export function initDeployment(options: InitOptions): { plan: DeployPlan; dir: string } {
  const dir = path.resolve(options.dir);
  if (existsSync(dir)) {
    throw new StackError(
      'DEPLOY_DIR_EXISTS',
      `${dir} already exists; deploy init never overwrites a deployment (its secrets and data).`,
      'Choose a new folder with --dir, or move the old one away first.',
    );
  }
  if (!existsSync(path.dirname(dir))) {
    throw new StackError(
      'DEPLOY_PARENT_MISSING',
      `${path.dirname(dir)} does not exist.`,
      'Create the parent folder first, or choose another --dir.',
    );
  }
  const { plan, files } = planDeployment(options);
  const staging = `${dir}.partial-${process.pid}`;
  const asRoot = process.getuid?.() === 0;
  try {
    mkdirSync(staging, { mode: 0o755 });
    for (const file of files) {
      const target = path.join(staging, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.content, { mode: file.secret ? 0o600 : 0o644 });
      if (file.owner !== undefined && asRoot) chownSync(target, file.owner, file.owner);
      else if (file.owner !== undefined) chmodSync(target, 0o644);
    }
    chmodSync(path.join(staging, 'secrets'), 0o711);
    chmodSync(path.join(staging, 'secrets', 'haos'), asRoot ? 0o700 : 0o755);
    if (asRoot) chownSync(path.join(staging, 'secrets', 'haos'), HAOS_UID, HAOS_UID);
    mkdirSync(path.join(staging, 'certs'), { mode: 0o700 });
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { plan, dir };
}
