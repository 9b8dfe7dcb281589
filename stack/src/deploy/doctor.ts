import { connect as tlsConnect } from 'node:tls';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { joinResponseIceServers } from '../testing/ice-servers.js';
import { checkMedia } from './doctor-media.js';
import { Failed, fail, type Problem } from './doctor-problem.js';

export type { Problem };

export interface Check {
  step: string;
  ok: boolean;
  detail?: string;
  problem?: Problem;
}

export interface DoctorReport {
  url: string;
  ok: boolean;
  checks: Check[];
}

export interface DoctorOptions {
  /** A test account to run the token service, signalling, ICE and TURN checks end to end. */
  user?: string;
  password?: string;
  /** Skip the media (WebRTC) checks. */
  noMedia?: boolean;
  fetch?: typeof fetch;
}

const timeout = (ms: number) => AbortSignal.timeout(ms);

/** TLS: the certificate is trusted, names this host, and is not about to expire. */
function checkTls(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host, port, servername: host, timeout: 10_000 }, () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      const days = Math.floor((new Date(cert.valid_to).getTime() - Date.now()) / 86_400_000);
      if (days < 7)
        reject(
          new Failed({
            code: 'TLS_EXPIRING',
            message: `The certificate for ${host} expires in ${days} day(s).`,
            fix: 'Renew it (Caddy renews by itself when ports 80/443 reach it; with nginx, run certbot renew).',
          }),
        );
      else resolve(`certificate valid for ${days} more days`);
    });
    socket.once('timeout', () => socket.destroy(new Error('timed out')));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT_ALTNAME/.test(code))
        reject(
          new Failed({
            code: code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'TLS_NAME_MISMATCH' : 'TLS_UNTRUSTED',
            message: `The HTTPS certificate of ${host} is not accepted: ${error.message}.`,
            fix: 'Serve a certificate from a public CA that names this host (Caddy gets one by itself; with nginx use certbot). Browsers and Element Call refuse any other.',
          }),
        );
      else
        reject(
          new Failed({
            code: 'TLS_UNREACHABLE',
            message: `Nothing answers HTTPS at ${host}:${port} (${error.message}).`,
            fix: `Check that DNS for ${host} points at the server and that TCP ${port} is open in its firewall.`,
          }),
        );
    });
  });
}

interface Focus {
  homeserver: string;
  serviceUrl: string;
}

async function checkWellKnown(origin: string, f: typeof fetch): Promise<Focus> {
  let response: Response;
  try {
    response = await f(`${origin}/.well-known/matrix/client`, { signal: timeout(10_000) });
  } catch (error) {
    return fail('WELL_KNOWN_UNREACHABLE', `Could not fetch /.well-known/matrix/client: ${(error as Error).message}.`, 'Serve it over HTTPS on this origin (Synapse does with serve_server_wellknown; the proxy sends /.well-known/matrix/ to Synapse main).'); // prettier-ignore
  }
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return fail('WELL_KNOWN_MISSING', `/.well-known/matrix/client answered HTTP ${response.status} without JSON.`, 'Route /.well-known/matrix/ to Synapse main (public_baseurl set) in the proxy.'); // prettier-ignore
  }
  if (response.headers.get('access-control-allow-origin') === null)
    fail('WELL_KNOWN_CORS', '/.well-known/matrix/client has no Access-Control-Allow-Origin header, so web clients on other origins cannot read it.', "Let Synapse answer it (it sends 'Access-Control-Allow-Origin: *'), or add the header in the proxy."); // prettier-ignore
  const homeserver = (body['m.homeserver'] as { base_url?: string } | undefined)?.base_url;
  if (!homeserver)
    fail('WELL_KNOWN_NO_HOMESERVER', '.well-known/matrix/client names no m.homeserver base_url.', 'Set public_baseurl in homeserver.yaml.'); // prettier-ignore
  const foci = body['org.matrix.msc4143.rtc_foci'];
  const focus = Array.isArray(foci)
    ? (foci as { type?: string; livekit_service_url?: string }[]).find(
        (x) => x.type === 'livekit' && x.livekit_service_url,
      )
    : undefined;
  if (!focus?.livekit_service_url)
    fail('MISSING_MATRIX_RTC_FOCUS', '.well-known/matrix/client has no org.matrix.msc4143.rtc_foci entry of type livekit: Element Call and HAOS cannot find the call service and say MISSING_MATRIX_RTC_FOCUS.', 'Add extra_well_known_client_content: {org.matrix.msc4143.rtc_foci: [{type: livekit, livekit_service_url: https://<domain>/livekit/jwt}]} to homeserver.yaml (deploy init does), restart Synapse, and clear any cache in front of it.'); // prettier-ignore
  const serviceUrl = String(focus?.livekit_service_url).replace(/\/+$/, '');
  if (!serviceUrl.startsWith('https://'))
    fail('RTC_FOCUS_NOT_HTTPS', `The rtc_foci service URL ${serviceUrl} is not HTTPS; browsers block it from an HTTPS page.`, 'Publish the token service over HTTPS on the same origin (/livekit/jwt).'); // prettier-ignore
  return { homeserver: String(homeserver).replace(/\/+$/, ''), serviceUrl };
}

async function checkHomeserver(homeserver: string, f: typeof fetch): Promise<string> {
  try {
    const response = await f(`${homeserver}/_matrix/client/versions`, { signal: timeout(10_000) });
    const body = (await response.json()) as { versions?: string[] };
    if (!response.ok || !Array.isArray(body.versions)) throw new Error(`HTTP ${response.status}`);
    return `${body.versions.length} client API versions`;
  } catch (error) {
    return fail('HOMESERVER_UNREACHABLE', `The homeserver at ${homeserver} does not answer /_matrix/client/versions (${(error as Error).message}).`, 'Check that Synapse (main and workers) runs and that the proxy routes /_matrix/ to it.'); // prettier-ignore
  }
}

async function checkTokenService(
  serviceUrl: string,
  origin: string,
  f: typeof fetch,
): Promise<string> {
  let preflight: Response;
  try {
    preflight = await f(`${serviceUrl}/get_token`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      signal: timeout(10_000),
    }); // prettier-ignore
  } catch (error) {
    return fail('TOKEN_SERVICE_UNREACHABLE', `The token service at ${serviceUrl} cannot be reached (${(error as Error).message}).`, 'Check that haos-server runs and that the proxy sends /livekit/jwt/ to it.'); // prettier-ignore
  }
  if (preflight.status >= 500)
    fail('TOKEN_SERVICE_DOWN', `The token service at ${serviceUrl} answers HTTP ${preflight.status}.`, 'haos-server is down or failing: check its container (docker compose ps haos; docker compose logs haos).'); // prettier-ignore
  if (preflight.headers.get('access-control-allow-origin') !== origin && preflight.headers.get('access-control-allow-origin') !== '*')
    fail('TOKEN_SERVICE_CORS', `The token service does not allow the web origin ${origin} (CORS): browsers will refuse its answers.`, `Leave HAOS_CORS_ORIGINS unset for haos-server (every origin, as deploy init does) or include ${origin} in it, and make sure the proxy passes its CORS headers through.`); // prettier-ignore
  const probe = await f(`${serviceUrl}/get_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: '{}',
    signal: timeout(10_000),
  });
  const body = (await probe.json().catch(() => ({}))) as { errcode?: string };
  if (probe.status >= 500)
    fail('TOKEN_SERVICE_DOWN', `The token service answers HTTP ${probe.status}.`, 'Check haos-server: docker compose logs haos.'); // prettier-ignore
  if (probe.status !== 400 || body.errcode !== 'M_BAD_JSON')
    fail('TOKEN_SERVICE_MISSING', `${serviceUrl} does not answer as a MatrixRTC token service (HTTP ${probe.status}, ${body.errcode ?? 'no errcode'}).`, 'Point rtc_foci at the token service (https://<domain>/livekit/jwt) and route that prefix to haos-server.'); // prettier-ignore
  return 'answers with CORS for the web origin';
}

/** Logs in a test account and gets a LiveKit URL and JWT for a room of its own. */
async function tokenFlow(
  homeserver: string,
  serviceUrl: string,
  user: string,
  password: string,
  f: typeof fetch,
): Promise<{ url: string; jwt: string; cleanup: () => Promise<void> }> {
  const call = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const response = await f(`${homeserver}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: timeout(15_000),
    }); // prettier-ignore
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> }; // prettier-ignore
  };
  const login = await call('POST', '/_matrix/client/v3/login', undefined, {
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user },
    password,
    initial_device_display_name: 'haos doctor',
  });
  if (login.status !== 200)
    fail('DOCTOR_LOGIN_FAILED', `The test account could not sign in (HTTP ${login.status} ${String(login.body.errcode)}).`, 'Pass an existing account with --user and --password.'); // prettier-ignore
  const token = String(login.body.access_token);
  const userId = String(login.body.user_id);
  const room = await call('POST', '/_matrix/client/v3/createRoom', token, { preset: 'private_chat', name: 'haos doctor' }); // prettier-ignore
  const roomId = String(room.body.room_id);
  const cleanup = async () => {
    await call('POST', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/leave`, token, {});
    await call('POST', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/forget`, token, {});
    await call('POST', '/_matrix/client/v3/logout', token, {});
  };
  const openid = await call('POST', `/_matrix/client/v3/user/${encodeURIComponent(userId)}/openid/request_token`, token, {}); // prettier-ignore
  if (openid.status !== 200) {
    await cleanup();
    fail('OPENID_UNAVAILABLE', `The homeserver refused an OpenID token (HTTP ${openid.status}).`, 'Route POST /_matrix/client/*/user/*/openid/request_token to Synapse main: generic workers answer 404.'); // prettier-ignore
  }
  const sfu = await f(`${serviceUrl}/sfu/get`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room: roomId, openid_token: openid.body, device_id: String(login.body.device_id) }),
    signal: timeout(15_000),
  }); // prettier-ignore
  const answer = (await sfu.json().catch(() => ({}))) as {
    url?: string;
    jwt?: string;
    errcode?: string;
  };
  if (!sfu.ok || !answer.url || !answer.jwt) {
    await cleanup();
    const why =
      sfu.status === 401
        ? 'it could not verify the OpenID token with the homeserver: haos-server must reach Synapse main (HAOS_HOMESERVER_URLS), and /_matrix/federation/v1/openid/userinfo must go to main'
        : sfu.status === 403
          ? 'it could not confirm room membership: the admin token in secrets/haos/trusted_homeservers.json is missing or wrong (run ./haos deploy bootstrap)'
          : `HTTP ${sfu.status} ${answer.errcode ?? ''}`;
    fail('TOKEN_SERVICE_REFUSED', `The token service refused a member of a room: ${why}.`, 'Fix as said, then restart haos.'); // prettier-ignore
  }
  return { url: String(answer.url), jwt: String(answer.jwt), cleanup };
}

/** A STUN Binding request to a TURN/UDP server (TURN servers answer STUN without credentials). */
export function stunBinding(host: string, port: number, ms = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const id = randomBytes(12);
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), id]);
    const timer = setTimeout(() => done(false), ms);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    socket.on('message', (msg) => done(msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(id)));
    socket.on('error', () => done(false));
    socket.send(request, port, host);
  }); // prettier-ignore
}

function turnTlsHandshake(host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host, port: 443, servername: host, timeout: 8000 }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('timeout', () => socket.destroy());
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

/**
 * `./haos doctor https://chat.example.org`: checks a deployment from outside, step by step.
 * Stops at the first step that fails (later ones depend on it) and says what is wrong and how
 * to fix it.
 */
export async function runDoctor(url: string, options: DoctorOptions = {}): Promise<DoctorReport> {
  const f = options.fetch ?? fetch;
  const checks: Check[] = [];
  const parsed = new URL(url);
  const origin = parsed.origin;
  const step = async (name: string, work: () => Promise<string | undefined>): Promise<boolean> => {
    try {
      const detail = await work();
      checks.push({ step: name, ok: true, ...(detail ? { detail } : {}) });
      return true;
    } catch (error) {
      const problem =
        error instanceof Failed
          ? error.problem
          : { code: 'UNEXPECTED', message: (error as Error).message, fix: 'See the message.' };
      checks.push({ step: name, ok: false, problem });
      return false;
    }
  };
  const report = () => ({ url, ok: checks.every((c) => c.ok), checks });
  if (parsed.protocol !== 'https:') {
    checks.push({ step: 'HTTPS', ok: false, problem: { code: 'NOT_HTTPS', message: `${url} is not an https:// URL; MatrixRTC clients need HTTPS.`, fix: 'Serve HAOS over HTTPS (deploy init sets up Caddy or nginx) and pass https://…' } }); // prettier-ignore
    return report();
  }
  const port = Number(parsed.port || 443);
  if (!(await step('TLS certificate', () => checkTls(parsed.hostname, port)))) return report();
  let focus: Focus | undefined;
  if (!(await step('.well-known and rtc_foci', async () => {
    focus = await checkWellKnown(origin, f);
    return `focus ${focus.serviceUrl}`;
  }))) return report(); // prettier-ignore
  const { homeserver, serviceUrl } = focus!;
  if (!(await step('homeserver', () => checkHomeserver(homeserver, f)))) return report();
  if (!(await step('token service', () => checkTokenService(serviceUrl, origin, f))))
    return report();
  if (!options.user || !options.password) {
    checks.push({ step: 'signalling, ICE and TURN', ok: true, detail: 'skipped: pass --user and --password of a test account to run them' }); // prettier-ignore
    return report();
  }
  let grant: Awaited<ReturnType<typeof tokenFlow>> | undefined;
  if (!(await step('token service grants a call', async () => {
    grant = await tokenFlow(homeserver, serviceUrl, options.user!, options.password!, f);
    return grant.url;
  }))) return report(); // prettier-ignore
  try {
    const { url: sfuUrl, jwt } = grant!;
    let iceHosts: { turnUdp?: { host: string; port: number }; turnTls?: string } = {};
    const signalled = await step('LiveKit signalling', async () => {
      const http = await f(`${sfuUrl.replace(/^ws/, 'http').replace(/\/+$/, '')}/`, { signal: timeout(10_000) }).catch((e: Error) => e); // prettier-ignore
      if (http instanceof Error || !http.ok)
        fail('SIGNALLING_UNREACHABLE', `LiveKit does not answer at ${sfuUrl} (${http instanceof Error ? http.message : `HTTP ${http.status}`}).`, 'Route /livekit/sfu/ (WebSocket upgrade, long timeouts) to the LiveKit nodes, and check they run.'); // prettier-ignore
      const servers = await joinResponseIceServers(sfuUrl, jwt).catch(
        (e: Error) =>
        fail('SIGNALLING_FAILED', `LiveKit's WebSocket signalling failed: ${e.message}.`, 'The proxy must pass WebSocket upgrades (Upgrade/Connection headers) to LiveKit; LiveKit needs Redis in multi-node mode.'), // prettier-ignore
      );
      const urls = servers.flatMap((s) => s.urls);
      const outside = urls.filter((u) => /google\.com|twilio\.com/.test(u));
      if (outside.length > 0)
        fail('THIRD_PARTY_STUN', `LiveKit hands clients outside STUN servers (${outside.join(', ')}): every call contacts them.`, 'Enable LiveKit TURN/UDP (turn.enabled, turn.udp_port), which answers STUN, or set rtc.stun_servers to your own.'); // prettier-ignore
      const udp = urls.find((u) => u.startsWith('turn:') && u.includes('transport=udp'));
      const tls = urls.find((u) => u.startsWith('turns:'));
      const hp = udp ? /^turn:([^?]+):(\d+)/.exec(udp) : null;
      iceHosts = {
        ...(hp ? { turnUdp: { host: hp[1]!.replace(/^\[|\]$/g, ''), port: Number(hp[2]) } } : {}),
        ...(tls ? { turnTls: /^turns:([^:?]+)/.exec(tls)?.[1] } : {}),
      };
      if (!udp && !tls)
        fail('NO_TURN', 'LiveKit offers no TURN server: people behind UDP-blocking networks cannot join calls.', 'Enable turn in livekit.yaml (udp_port, tls_port with the proxy terminating TLS on 443).'); // prettier-ignore
      return urls.join(' ');
    });
    if (!signalled) return report();
    await step('TURN over UDP (3478)', async () => {
      const t = iceHosts.turnUdp;
      if (!t) return 'not offered';
      if (!(await stunBinding(t.host, t.port)))
        fail('TURN_UDP_UNREACHABLE', `No STUN/TURN answer over UDP from ${t.host}:${t.port}: UDP is blocked on the way (this network, or the server's firewall), or the node IP is wrong.`, `Open UDP ${t.port} (and the ICE UDP port, 7882 by default) in the server's firewall, and check HAOS_NODE_IP / rtc.node_ip is the public address. Clients on networks that block UDP fall back to TURN over TLS on 443.`); // prettier-ignore
      return `${t.host}:${t.port} answers`;
    });
    await step('TURN over TLS (443)', async () => {
      const host = iceHosts.turnTls;
      if (!host) return 'not offered';
      if (!(await turnTlsHandshake(host)))
        fail('TURN_TLS_UNREACHABLE', `No TLS answer from ${host}:443: clients on networks that allow only HTTPS cannot relay their calls.`, `Point DNS for ${host} at the proxy and route that SNI name to LiveKit's TURN TLS port (the nginx config's stream block does; Caddy cannot).`); // prettier-ignore
      return `${host}:443 answers`;
    });
    if (!options.noMedia) {
      await step('ICE (media connection)', () => checkMedia(sfuUrl, jwt, 'any'));
      await step('ICE through TURN only', () => checkMedia(sfuUrl, jwt, 'relay'));
    }
  } finally {
    await grant?.cleanup().catch(() => undefined);
  }
  return report();
}

/** The report as lines for people. */
export function formatReport(report: DoctorReport): string[] {
  const lines = [`Checking ${report.url}`];
  for (const c of report.checks) {
    lines.push(`${c.ok ? '  ok  ' : '  FAIL'} ${c.step}${c.detail ? `: ${c.detail}` : ''}`);
    if (c.problem) {
      lines.push(`        ${c.problem.message} [${c.problem.code}]`);
      lines.push(`        Fix: ${c.problem.fix}`);
    }
  }
  lines.push(report.ok ? 'All checks passed.' : 'Problems found (see above).');
  return lines;
}
