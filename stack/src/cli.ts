import { rmSync } from 'node:fs';
import { instanceDir, stateRoot } from './paths.js';
import { StackError } from './errors.js';
import { startStack, type RunningStack } from './stack.js';
import { isAlive, readStatus, reapOrphans } from './status.js';
import { deployCommand, doctorCommand } from './deploy/command.js';

const INSTANCE = process.env.HAOS_INSTANCE ?? 'dev';
const say = (line: string) => process.stdout.write(`${line}\n`);

async function start(): Promise<void> {
  const dir = instanceDir(INSTANCE);
  const previous = readStatus(dir);
  if (previous?.state === 'running' && isAlive(previous.pid)) {
    throw new StackError(
      'ALREADY_RUNNING',
      `HAOS is already running (pid ${previous.pid}) at ${previous.urls.web}.`,
      'Use that one, or stop it with Ctrl-C in its terminal (or `./haos stop`).',
    );
  }
  const reaped = reapOrphans(dir);
  if (reaped > 0)
    say(`Stopped ${reaped} service(s) left over from a stack that did not shut down cleanly.`);
  const began = Date.now();
  say('Starting HAOS: Synapse, LiveKit, haos-server and the web app…');
  const running: { stack?: RunningStack } = {};
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping every service…`);
    await running.stack?.stop();
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('Ctrl-C'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const stack = await startStack({
    name: INSTANCE,
    ports: 'default',
    web: process.env.HAOS_WEB_MODE === 'dist' ? 'dist' : 'dev',
    log: say,
  });
  running.stack = stack;
  if (stopping) return shutdown('Stop requested during start');
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  say('');
  say(`HAOS is ready in ${seconds} s. Open ${stack.urls.web}`);
  say(`  Synapse      ${stack.urls.synapse}  (server name ${stack.serverName})`);
  say(`  LiveKit      ${stack.urls.livekit}`);
  say(`  haos-server  ${stack.urls.server}`);
  say(`  logs         ${stack.dir}/logs`);
  say('Press Ctrl-C to stop everything.');
  // If a service dies, say so and stop the rest: a half-running stack helps nobody.
  for (const service of stack.services) {
    void service.exited.then((code) => {
      if (stopping) return;
      say(`${service.name} exited unexpectedly (code ${String(code)}); see ${service.logFile}`);
      void shutdown('A service stopped').then(() => process.exit(1));
    });
  }
}

async function status(json: boolean): Promise<void> {
  const st = readStatus(instanceDir(INSTANCE));
  const running = st?.state === 'running' && isAlive(st.pid);
  const report: Record<string, unknown> = {
    state: running ? 'running' : 'stopped',
    stateDir: stateRoot(),
  };
  if (running && st.state === 'running') {
    const probes: Record<string, string> = {
      synapse: `${st.urls.synapse}/health`,
      livekit: `${st.urls.livekitApi}/`,
      server: `${st.urls.server}/healthz`,
      web: st.urls.web ?? '',
    };
    const health: Record<string, boolean> = {};
    await Promise.all(
      Object.entries(probes).map(async ([name, url]) => {
        try {
          health[name] = (await fetch(url, { signal: AbortSignal.timeout(2000) })).status < 500;
        } catch {
          health[name] = false;
        }
      }),
    );
    Object.assign(report, {
      pid: st.pid,
      startedAt: st.startedAt,
      serverName: st.serverName,
      urls: st.urls,
      ports: st.ports,
      versions: st.versions,
      logs: st.logs,
      health,
    });
  }
  if (json) {
    say(JSON.stringify(report, null, 2));
    return;
  }
  if (!running) {
    say('HAOS is not running. Start it with ./haos start');
    return;
  }
  say(
    `HAOS is running (pid ${String(report.pid)}), open ${String((report.urls as Record<string, string>).web)}`,
  );
  for (const [name, up] of Object.entries(report.health as Record<string, boolean>))
    say(`  ${name.padEnd(8)} ${up ? 'up' : 'DOWN'}`);
}

function stop(): void {
  const st = readStatus(instanceDir(INSTANCE));
  if (st?.state !== 'running' || !isAlive(st.pid)) {
    const reaped = reapOrphans(instanceDir(INSTANCE));
    say(reaped > 0 ? `Stopped ${reaped} leftover service(s).` : 'HAOS is not running.');
    return;
  }
  process.kill(st.pid, 'SIGTERM');
  say(`Asked HAOS (pid ${st.pid}) to stop.`);
}

function reset(): void {
  const dir = instanceDir(INSTANCE);
  const st = readStatus(dir);
  if (st?.state === 'running' && isAlive(st.pid)) {
    throw new StackError(
      'RUNNING',
      'HAOS is running; reset would pull its data from under it.',
      'Stop it first (Ctrl-C in its terminal, or ./haos stop), then reset.',
    );
  }
  reapOrphans(dir);
  rmSync(dir, { recursive: true, force: true });
  say(
    `Wiped the data of the "${INSTANCE}" stack (accounts, rooms, secrets, logs). Installs are kept.`,
  );
}

const USAGE = `Usage: ./haos <command>
  start            install what is missing, start the whole local stack, print the URL
  status [--json]  is the stack running; URLs, ports and health
  stop             stop a running stack
  reset            wipe the local stack's data (keeps installs)
  deploy ...       production deployment: init, image, bootstrap (./haos deploy help)
  doctor URL       check a deployment from outside: TLS, rtc_foci, token service, ICE, TURN
  test             run every test (lint, typecheck, unit, integration, e2e)`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start();
    case 'status':
      return status(rest.includes('--json'));
    case 'stop':
      return stop();
    case 'reset':
      return reset();
    case 'deploy':
      return deployCommand(rest, say);
    case 'doctor':
      process.exitCode = await doctorCommand(rest, say);
      return;
    case undefined:
    case 'help':
    case '--help':
      say(USAGE);
      return;
    default:
      throw new StackError('USAGE', `Unknown command "${command}".`, USAGE);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof StackError) {
    process.stderr.write(`\nhaos: ${error.message} [${error.code}]\nFix: ${error.fix}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `\nhaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
