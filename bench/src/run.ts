import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBundle } from './bundle-size.js';
import { measureChat } from './chat.js';
import { measureVoice, VOICE_PHASES } from './voice.js';
import { measureVideo } from './video.js';
import { measureNoiseSuppressor } from './noise.js';
import { measureToken } from './token.js';
import { measureDeploy } from './deploy.js';

/**
 * Runs the benchmarks and prints their figures: JSON first, then a short table. With names
 * (`tsx src/run.ts voice`), runs only those: bundle, chat, voice, video, noise, token.
 * HAOS_BENCH_MESSAGES sets the chat benchmark's channel size (default 10,000);
 * HAOS_BENCH_ROOM_MEMBERS the token benchmark's big room (default 10,000).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const out = (text: string) => process.stdout.write(text);

const known = ['bundle', 'chat', 'voice', 'video', 'noise', 'token', 'deploy'];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !known.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown benchmark: ${unknown.join(', ')} (known: ${known.join(', ')})\n`);
  process.exit(2);
}
const wanted = (name: string) => asked.length === 0 || asked.includes(name);

// The deployment bench needs root (podman, network namespaces): only when asked for by name.
if (asked.includes('deploy')) {
  const deploy = await measureDeploy({ log: (line) => process.stderr.write(`[deploy] ${line}\n`) });
  out(`${JSON.stringify({ deploy }, null, 2)}\n\n`);
  out(
    `Deployment: image ${deploy.imageSizeMiB} MiB, bring-up ${deploy.bringUpSeconds.toFixed(0)} s\n`,
  );
  out(
    `  service            idle CPU  idle RSS   load CPU  load RSS  (${deploy.load.publishers} publishers, ${deploy.load.subscribers} subscribers, ${deploy.load.seconds} s)\n`,
  );
  for (const [name, idle] of Object.entries(deploy.idle)) {
    const load = deploy.load.services[name];
    out(
      `  ${name.padEnd(18)} ${idle.cpuPercent.toFixed(1).padStart(7)}% ${String(idle.rssMiB).padStart(6)} MiB ${(load?.cpuPercent ?? 0).toFixed(1).padStart(7)}% ${String(load?.rssMiB ?? 0).padStart(6)} MiB\n`,
    );
  }
}

if (wanted('bundle')) {
  const bundle = await measureBundle(path.join(repoRoot, 'apps', 'web'));
  out(`${JSON.stringify({ bundle }, null, 2)}\n\n`);
  out('Web bundle (first screen = initial)\n');
  for (const c of bundle.chunks) {
    out(
      `  ${c.initial ? 'initial' : 'lazy   '}  ${kb(c.gzipBytes).padStart(10)} gz  ${kb(c.bytes).padStart(10)} raw  ${c.file}\n`,
    );
  }
  out(`  first screen, gzipped: ${kb(bundle.initialGzipBytes)} (aim: under 400 KB)\n`);
}

if (wanted('voice')) {
  if (wanted('bundle')) out('\n');
  const voice = await measureVoice({ log: (line) => process.stderr.write(`[voice] ${line}\n`) });
  const aims: Partial<Record<(typeof VOICE_PHASES)[number][0], string>> = {
    clickToConnected: 'aim: median under 400 ms',
    clickToHeard: 'aim: median under 700 ms',
  };
  out(`${JSON.stringify({ voice }, null, 2)}\n\n`);
  out(`Voice on loopback (${voice.joins} joins; median, p95)\n`);
  for (const [key, label] of VOICE_PHASES) {
    const { median, p95 } = voice.phases[key];
    const aim = aims[key] ? `  (${aims[key]})` : '';
    out(`  ${label.padEnd(28)} ${ms(median).padStart(10)} ${ms(p95).padStart(10)}${aim}\n`);
  }
  const m2e = voice.mouthToEar;
  out(
    `  ${`mouth → ear (${m2e.samples} beeps)`.padEnd(28)} ${ms(m2e.median).padStart(10)} ${ms(m2e.p95).padStart(10)}  (aim: median under 100 ms)\n`,
  );
  out(
    `  first join (cold): connected in ${ms(voice.firstJoin.clickToConnected)}, heard in ${ms(voice.firstJoin.clickToHeard)}\n`,
  );
}

if (wanted('chat')) {
  out('\n');
  const messages = Number(process.env.HAOS_BENCH_MESSAGES ?? 10_000);
  const chat = await measureChat({
    messages,
    log: (line) => process.stderr.write(`[chat] ${line}\n`),
  });
  out(`${JSON.stringify({ chat }, null, 2)}\n\n`);
  const spread = (s: { median: number; p95: number }) =>
    `${ms(s.median).padStart(10)} ${ms(s.p95).padStart(10)}`;
  out(`Chat, a channel of ${chat.messages} messages (median, p95)\n`);
  out(`  ${'open app → channel list'.padEnd(34)} ${spread(chat.openToChannelList)}\n`);
  out(`  ${'open app → newest message'.padEnd(34)} ${spread(chat.openToNewestMessage)}\n`);
  out(
    `  ${'first click on channel → shown'.padEnd(34)} ${ms(chat.firstChannelClick).padStart(10)}\n`,
  );
  out(`  ${'click on channel → shown'.padEnd(34)} ${spread(chat.channelClick)}\n`);
  const s = chat.scrollBack;
  out(
    `  scrolling back through all: ${s.seconds} s; frames ${ms(s.frameMedianMs)} median, ${ms(s.frameP95Ms)} p95, longest ${ms(s.longestFrameMs)}, ${s.framesOver50Ms} over 50 ms\n`,
  );
  const m = chat.memory;
  out(
    `  JS heap: ${m.heapAfterOpenMB} MB after opening, ${m.heapAfterScrollMB} MB after scrolling back; DOM nodes ${m.domNodesAfterOpen} → ${m.domNodesAfterScroll} (${m.rowsAfterScroll} message rows)\n`,
  );
}

if (wanted('video')) {
  out('\n');
  const video = await measureVideo({ log: (line) => process.stderr.write(`[video] ${line}\n`) });
  out(`${JSON.stringify({ video }, null, 2)}\n\n`);
  out('Receiving client vs remote camera publishers (640x360 15 fps simulcast; adaptive stream)\n');
  out('  publishers  playing  frames/s  tile px  decoded px   CPU %core   RSS MB  JS heap MB\n');
  for (const s of video) {
    out(
      `  ${String(s.publishers).padStart(10)}  ${String(s.playing).padStart(7)}  ${String(s.framesPerSecond).padStart(8)}  ${String(s.tileWidth).padStart(7)}  ${String(s.decodedWidth).padStart(10)}  ${String(s.cpuPercent).padStart(10)}  ${String(s.rssMB).padStart(7)}  ${String(s.jsHeapMB).padStart(10)}\n`,
    );
  }
}

if (wanted('noise')) {
  out('\n');
  const noise = await measureNoiseSuppressor();
  out(`${JSON.stringify({ noise }, null, 2)}\n\n`);
  out(`Enhanced noise suppression (RNNoise AudioWorklet), ${noise.seconds} s of 48 kHz mono\n`);
  out(`  rendered plain ${ms(noise.plainMs)}, through RNNoise ${ms(noise.rnnoiseMs)}\n`);
  out(`  CPU while in a call: ${noise.cpuPercentOfCore} % of one core\n`);
  out(
    `  white noise: ${noise.plainDb} dBFS plain, ${noise.rnnoiseDb} dBFS through RNNoise (it ran)\n`,
  );
}

if (wanted('token')) {
  out('\n');
  const token = await measureToken({ log: (line) => process.stderr.write(`[token] ${line}\n`) });
  out(`${JSON.stringify({ token }, null, 2)}\n\n`);
  const row = (
    label: string,
    f: { requestsPerSecond: number; p50Ms: number; p99Ms: number; cpuPerRequestUs: number },
  ) =>
    `  ${label.padEnd(46)} ${String(f.requestsPerSecond).padStart(7)} ${ms(f.p50Ms).padStart(10)} ${ms(f.p99Ms).padStart(10)} ${String(f.cpuPerRequestUs).padStart(9)}\n`;
  out(
    `Token service (/sfu/get; ${token.bigRoomMembers}-member room seeded in ${token.seeding.reused ? 'an earlier run' : `${token.seeding.seconds} s`})\n`,
  );
  out(
    `  ${'scenario'.padEnd(46)} ${'req/s'.padStart(7)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'CPU µs/req'.padStart(9)}\n`,
  );
  for (const s of token.issue) {
    out(
      row(
        `${s.room === 'big' ? `${token.bigRoomMembers}-member` : '2-member'} room, cache ${s.cache}, ${s.connections} conn`,
        s,
      ),
    );
  }
  for (const r of token.ratios) {
    out(`  big ÷ small room, cache off, ${r.connections} conn: p50 ×${r.p50}, CPU ×${r.cpu}\n`);
  }
  out('Rejection path (10 connections)\n');
  for (const r of token.rejection)
    out(row(`${r.server === 'baseline' ? '[baseline] ' : ''}${r.path}`, r));
  const t = token.trust;
  out(
    `Trust: ban → removed from LiveKit ${t.banToRemovedMs.map((n) => ms(n)).join(', ')}; killed delegating client → LiveKit's participant_left ${ms(t.killToWebhookMs)}, webhook → leave sent ${ms(t.webhookToLeaveMs)}\n`,
  );
}
