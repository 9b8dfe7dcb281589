import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { StackError } from '../errors.js';
import { ensureLiveKitBuilt } from '../livekit.js';
import { installsDir } from '../paths.js';
import { bootstrapDeployment } from './bootstrap.js';
import { formatReport, runDoctor } from './doctor.js';
import { buildHaosImage, buildLiveKitImage, ensureLocalBaseImage } from './image.js';
import { initDeployment } from './init.js';
import { turnDomain, type Certificates } from './plan.js';
import type { Registration } from './synapse-config.js';

export const DEPLOY_USAGE = `Usage: ./haos deploy <command>
  init --domain NAME [--dir DIR] [--node-ip IP] [--registration token|closed|open]
       [--acme-email EMAIL] [--certificates acme|files] [--livekit-nodes N]
       [--synapse-workers N]
                   generate a production deployment (configs, fresh secrets, compose file)
  image [--base IMAGE] [--livekit]
                   build localhost/haos (and localhost/haos-livekit) with podman; without --base,
                   from a base image made locally from Debian packages (cached)
  bootstrap --dir DIR [--homeserver URL]
                   once Synapse runs: create the service admin haos-server uses for membership
                   checks, and a first registration token`;

function usage(message: string): never {
  throw new StackError('USAGE', message, DEPLOY_USAGE);
}

function parse(args: string[], options: ParseArgsConfig['options']): Record<string, unknown> {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    return usage((error as Error).message);
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'string' ? Number(v) : undefined);

export async function deployCommand(argv: string[], say: (line: string) => void): Promise<void> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'init': {
      const v = parse(rest, {
        domain: { type: 'string' },
        dir: { type: 'string' },
        'node-ip': { type: 'string' },
        registration: { type: 'string' },
        'acme-email': { type: 'string' },
        certificates: { type: 'string' },
        'livekit-nodes': { type: 'string' },
        'synapse-workers': { type: 'string' },
      });
      const domain = str(v.domain);
      const { plan, dir } = initDeployment({
        domain,
        dir: str(v.dir) ?? path.resolve(`haos-${domain ?? 'deployment'}`),
        nodeIp: str(v['node-ip']),
        registration: str(v.registration) as Registration | undefined,
        acmeEmail: str(v['acme-email']),
        certificates: str(v.certificates) as Certificates | undefined,
        livekitNodes: num(v['livekit-nodes']),
        synapseWorkers: num(v['synapse-workers']),
      });
      say(`Wrote a HAOS deployment for https://${plan.domain}/ to ${dir}`);
      say(`  DNS: ${plan.domain} and ${turnDomain(plan.domain)} → this host's public IP`);
      if (!plan.nodeIp) say('  Set HAOS_NODE_IP in .env to that IP (LiveKit advertises it).');
      say('  Then: docker compose up -d (or podman-compose up -d) in that folder,');
      say(`  ./haos deploy bootstrap --dir ${dir}, and ./haos doctor https://${plan.domain}`);
      return;
    }
    case 'image': {
      const v = parse(rest, { base: { type: 'string' }, livekit: { type: 'boolean' } });
      const base = str(v.base) ?? (await ensureLocalBaseImage(say));
      const built = await buildHaosImage({ base, prebuilt: false, log: say });
      say(`Built ${built.image} in ${built.seconds.toFixed(0)} s.`);
      if (v.livekit) {
        const binary = await ensureLiveKitBuilt(installsDir(), say);
        say(`Built ${await buildLiveKitImage(binary, base)}.`);
      }
      return;
    }
    case 'bootstrap': {
      const v = parse(rest, { dir: { type: 'string' }, homeserver: { type: 'string' } });
      const dir = str(v.dir);
      if (!dir) usage('deploy bootstrap needs --dir, the folder deploy init made.');
      const result = await bootstrapDeployment(path.resolve(dir), str(v.homeserver));
      say(
        `Service admin ${result.adminUserId} created; haos-server's trusted homeserver file written.`,
      );
      say(
        `Registration token (give it to the first people who sign up): ${result.registrationToken}`,
      );
      say('Restart haos to pick up the admin token: docker compose restart haos');
      return;
    }
    case undefined:
    case 'help':
      say(DEPLOY_USAGE);
      return;
    default:
      usage(`Unknown deploy command "${sub}".`);
  }
}

export const DOCTOR_USAGE = `Usage: ./haos doctor https://chat.example.org [--user NAME --password PW] [--json] [--no-media]
  checks a deployment from outside, step by step: TLS, .well-known and rtc_foci, the homeserver,
  the token service (CORS and answers); with a test account also a call grant, LiveKit
  signalling, TURN over UDP and TLS, and real ICE connections (direct and relay-only).`;

/** `./haos doctor URL`: exit 0 when every check passes, 1 when one fails. */
export async function doctorCommand(argv: string[], say: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        user: { type: 'string' },
        password: { type: 'string' },
        json: { type: 'boolean' },
        'no-media': { type: 'boolean' },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const [url] = parsed.positionals;
  if (!url || !/^[a-z]+:\/\//i.test(url))
    throw new StackError(
      'USAGE',
      'doctor needs the deployment URL, e.g. https://chat.example.org',
      DOCTOR_USAGE,
    );
  const report = await runDoctor(url, {
    user: parsed.values.user,
    password: parsed.values.password ?? process.env.HAOS_DOCTOR_PASSWORD,
    noMedia: parsed.values['no-media'] === true,
  });
  if (parsed.values.json) say(JSON.stringify(report, null, 2));
  else for (const line of formatReport(report)) say(line);
  return report.ok ? 0 : 1;
}
