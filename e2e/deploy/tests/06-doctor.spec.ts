import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { DoctorReport } from '@haos/stack/deploy';
import { control, deployment, PASSWORD } from '../deployment';
import { registerWithToken } from '../matrix-api';
import { unique } from '../ui';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
let user = '';

/**
 * Runs `./haos doctor https://haos.test --json` as an outside machine would: in a private mount
 * namespace whose /etc/hosts maps the test names to the deployment (so every client library
 * resolves them, the WebRTC one included), trusting the test CA unless `untrusted`, and
 * optionally from inside the UDP-hostile network namespace.
 */
async function doctor(
  options: { account?: boolean; media?: boolean; untrusted?: boolean; netns?: boolean } = {},
): Promise<DoctorReport> {
  const info = deployment();
  const hosts = path.join(info.dir, 'doctor-hosts');
  writeFileSync(hosts, `127.0.0.1 localhost\n${info.address} ${info.domain} turn.${info.domain}\n`);
  const bundle = path.join(info.dir, 'doctor-ca-bundle.pem');
  writeFileSync(
    bundle,
    readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8') + readFileSync(info.caFile, 'utf8'),
  );
  const args = ['doctor', info.origin, '--json'];
  if (options.account) args.push('--user', user);
  if (!options.media) args.push('--no-media');
  const env = { ...process.env, HAOS_DOCTOR_PASSWORD: PASSWORD } as Record<string, string>;
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.SSL_CERT_FILE;
  if (!options.untrusted)
    Object.assign(env, { NODE_EXTRA_CA_CERTS: info.caFile, SSL_CERT_FILE: bundle });
  const inner = `mount --bind ${hosts} /etc/hosts && exec ${process.execPath} --import tsx stack/src/cli.ts ${args.join(' ')}`;
  const command = options.netns
    ? ['ip', 'netns', 'exec', info.netns, 'unshare', '-m', 'sh', '-c', inner]
    : ['unshare', '-m', 'sh', '-c', inner];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: repo, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('close', () =>
      stdout.includes('"checks"') ? resolve(stdout) : reject(new Error(stderr || stdout)),
    );
  });
  return JSON.parse(out.slice(out.indexOf('{\n'))) as DoctorReport;
}

const problem = (report: DoctorReport) => report.checks.find((c) => !c.ok)?.problem;

/** Rewrites the deployment's nginx.conf, reloads nginx, runs `check`, and puts it back. */
async function withNginx(
  edit: (conf: string) => string,
  check: () => Promise<void>,
): Promise<void> {
  const file = path.join(deployment().dir, 'nginx', 'nginx.conf');
  const original = readFileSync(file, 'utf8');
  const changed = edit(original);
  expect(changed).not.toBe(original);
  writeFileSync(file, changed);
  await control('nginx/0/reload');
  try {
    await check();
  } finally {
    writeFileSync(file, original);
    await control('nginx/0/reload');
  }
}

test('a healthy deployment: every check passes, signalling and a real ICE connection included', async () => {
  user = (await registerWithToken(unique('doctor'))).userId.replace(/^@/, '').replace(/:.*$/, '');
  const report = await doctor({ account: true });
  expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  expect(report.checks.map((c) => c.step)).toEqual(
    expect.arrayContaining([
      'TLS certificate',
      '.well-known and rtc_foci',
      'token service',
      'LiveKit signalling',
      'TURN over UDP (3478)',
      'TURN over TLS (443)',
    ]),
  );
  const media = await doctor({ account: true, media: true });
  expect(media.checks.find((c) => c.step === 'ICE (media connection)')).toMatchObject({ ok: true });
});

test('an untrusted certificate: TLS_UNTRUSTED', async () => {
  expect(problem(await doctor({ untrusted: true }))).toMatchObject({
    code: 'TLS_UNTRUSTED',
    fix: expect.stringContaining('public CA'),
  });
});

test('no rtc_foci in .well-known: MISSING_MATRIX_RTC_FOCUS', async () => {
  await withNginx(
    (conf) =>
      conf.replace(
        '    # Synapse: the calls that fail',
        `    location = /.well-known/matrix/client {\n      add_header Access-Control-Allow-Origin * always;\n      return 200 '{"m.homeserver": {"base_url": "https://haos.test/"}}';\n    }\n    # Synapse: the calls that fail`,
      ),
    async () => {
      await expect
        .poll(async () => problem(await doctor())?.code, { timeout: 60_000 })
        .toBe('MISSING_MATRIX_RTC_FOCUS');
      expect(problem(await doctor())?.fix).toContain('rtc_foci');
    },
  );
});

test('the token service down, or without CORS: TOKEN_SERVICE_DOWN, TOKEN_SERVICE_CORS', async () => {
  const jwt = /(location \^~ \/livekit\/jwt\/ \{[^}]*?)proxy_pass http:\/\/haos_server\/;/;
  await withNginx(
    (conf) => conf.replace(jwt, '$1return 502;'),
    async () => {
      await expect
        .poll(async () => problem(await doctor())?.code, { timeout: 60_000 })
        .toBe('TOKEN_SERVICE_DOWN');
    },
  );
  await withNginx(
    (conf) =>
      conf.replace(
        jwt,
        '$1proxy_hide_header Access-Control-Allow-Origin;\n      proxy_pass http://haos_server/;',
      ),
    async () => {
      await expect
        .poll(async () => problem(await doctor())?.code, { timeout: 60_000 })
        .toBe('TOKEN_SERVICE_CORS');
    },
  );
});

test('LiveKit signalling not routed: SIGNALLING_UNREACHABLE', async () => {
  await withNginx(
    (conf) =>
      conf.replace(
        /(location \^~ \/livekit\/sfu\/ \{[^}]*?)proxy_pass http:\/\/livekit_nodes\/;/,
        '$1return 404;',
      ),
    async () => {
      await expect
        .poll(async () => problem(await doctor({ account: true }))?.code, { timeout: 60_000 })
        .toBe('SIGNALLING_UNREACHABLE');
    },
  );
});

test('TURN/TLS not routed on 443: TURN_TLS_UNREACHABLE', async () => {
  await withNginx(
    (conf) => conf.replace(/(turn\.haos\.test) 127\.0\.0\.1:\d+;/, '$1 127.0.0.1:9;'),
    async () => {
      await expect
        .poll(async () => problem(await doctor({ account: true }))?.code, { timeout: 60_000 })
        .toBe('TURN_TLS_UNREACHABLE');
    },
  );
});

test('from a network that blocks UDP: TURN_UDP_UNREACHABLE, and TURN over TLS still answers', async () => {
  const report = await doctor({ account: true, netns: true });
  expect(problem(report)).toMatchObject({
    code: 'TURN_UDP_UNREACHABLE',
    fix: expect.stringContaining('UDP'),
  });
  expect(report.checks.find((c) => c.step === 'TURN over TLS (443)')).toMatchObject({ ok: true });
});
