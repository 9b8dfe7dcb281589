import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  LocalVideoTrack,
  Room,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
} from '@livekit/rtc-node';
import {
  matrixRequest,
  registerUser,
  requestOpenIdToken,
  startStack,
  type RunningStack,
  type TestUser,
} from '@haos/stack';
import { CHROMIUM, CHROMIUM_ARGS } from '@haos/stack/testing/chromium';
import { connected, createServer, general, register } from './voice-page.js';

/**
 * The web client's cost as remote video grows: one real HAOS client in Chromium sits in a voice
 * channel while 1, 4, 9, 16, 25 publishers join it, each a LiveKit participant (rtc-node) with a
 * real call membership, sending a synthetic moving picture. Adaptive stream is on in the client,
 * so each tile receives a layer sized to it. Prints CPU and memory figures; asserts nothing.
 */

export const VIDEO_STEPS = [1, 4, 9, 16, 25] as const;

export interface VideoStep {
  publishers: number;
  /** Tiles playing video at the receiver, and their total decoded frames per second. */
  playing: number;
  framesPerSecond: number;
  /** Average tile width (CSS px) and the average decoded picture width (px). */
  tileWidth: number;
  decodedWidth: number;
  /** CPU of all the receiving browser's processes, in % of one core (100 = one core busy). */
  cpuPercent: number;
  /** Resident memory of those processes, and the page's JS heap, in MB. */
  rssMB: number;
  jsHeapMB: number;
}

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 15;
const SETTLE_MS = 8000;
const MEASURE_MS = 10_000;

/** Resident memory of a set of processes, from /proc (bytes). */
function residentBytes(pids: readonly number[]): number {
  let rss = 0;
  for (const pid of pids) {
    try {
      rss += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
    } catch {
      // gone meanwhile
    }
  }
  return rss;
}

/** One simulated publisher: a Matrix user with a call membership and a LiveKit video track. */
interface Publisher {
  room: Room;
  source: VideoSource;
  timer: NodeJS.Timeout;
  user: TestUser;
}

async function startPublisher(
  stack: RunningStack,
  spaceId: string,
  roomId: string,
  index: number,
): Promise<Publisher> {
  const hs = stack.urls.synapse;
  const user = await registerUser(hs, `pub${index}x${Date.now().toString(36)}`);
  const join = (id: string) =>
    matrixRequest(hs, user, 'POST', `/_matrix/client/v3/join/${encodeURIComponent(id)}`, {});
  await join(spaceId);
  await join(roomId);
  // The membership Element Call (and HAOS) sends, so the client shows a tile for it.
  await matrixRequest(
    hs,
    user,
    'PUT',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/org.matrix.msc3401.call.member/${encodeURIComponent(`_${user.userId}_${user.deviceId}_m.call`)}`,
    {
      application: 'm.call',
      call_id: '',
      scope: 'm.room',
      device_id: user.deviceId,
      expires: 4 * 3600 * 1000,
      'm.call.intent': 'video',
      focus_active: { type: 'livekit', focus_selection: 'multi_sfu' },
      foci_preferred: [
        { type: 'livekit', livekit_service_url: stack.urls.server, livekit_alias: roomId },
      ],
    },
  );
  const openid = await requestOpenIdToken(hs, user);
  const response = await fetch(`${stack.urls.server}/sfu/get`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room: roomId, openid_token: openid, device_id: user.deviceId }),
  });
  const sfu = (await response.json()) as { url: string; jwt: string };
  if (!response.ok) throw new Error(`publisher ${index}: /sfu/get HTTP ${response.status}`);
  const room = new Room();
  await room.connect(sfu.url, sfu.jwt, { autoSubscribe: false, dynacast: true });
  const source = new VideoSource(WIDTH, HEIGHT);
  const track = LocalVideoTrack.createVideoTrack('camera', source);
  await room.localParticipant!.publishTrack(
    track,
    new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA, simulcast: true }),
  );
  // A moving picture: a bright bar sweeping across a grey I420 frame.
  const data = new Uint8Array((WIDTH * HEIGHT * 3) / 2);
  let n = 0;
  const timer = setInterval(() => {
    data.fill(90, 0, WIDTH * HEIGHT);
    data.fill(128, WIDTH * HEIGHT);
    const x = (n++ * 8) % WIDTH;
    for (let y = 0; y < HEIGHT; y++)
      data.fill(235, y * WIDTH + x, y * WIDTH + Math.min(WIDTH, x + 40));
    source.captureFrame(new VideoFrame(data, WIDTH, HEIGHT, VideoBufferType.I420));
  }, 1000 / FPS);
  return { room, source, timer, user };
}

/** What the receiving page shows now: playing videos, their decoded frames and sizes. */
function readVideos(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLVideoElement>('video[data-source="camera"]')].map((v) => ({
      frames: v.getVideoPlaybackQuality().totalVideoFrames,
      width: v.videoWidth,
      tileWidth: v.getBoundingClientRect().width,
    })),
  );
}

export async function measureVideo(
  options: { steps?: readonly number[]; log?: (line: string) => void } = {},
): Promise<VideoStep[]> {
  const steps = options.steps ?? VIDEO_STEPS;
  const log = options.log ?? (() => {});
  const publishers: Publisher[] = [];
  let browser: Browser | undefined;
  let stack: RunningStack | undefined;
  try {
    stack = await startStack({
      name: `bench-video-${process.pid}-${Date.now().toString(36)}`,
      ports: 'free',
      web: 'dist',
      log: (line) => log(`[stack] ${line}`),
      serverEnv: { HAOS_RATE_LIMIT_PER_USER: '100000', HAOS_RATE_LIMIT_PER_IP: '100000' },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page = await (
      await browser.newContext({ viewport: { width: 1600, height: 900 } })
    ).newPage();
    await page.goto(stack.urls.web);
    await register(page, `viewer${Date.now().toString(36)}`);
    const link = await createServer(page, 'Video Bench');
    const spaceId = decodeURIComponent(new URL(link).pathname.split('/').pop() ?? '');
    await general(page).click();
    await connected(page);
    const roomId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // CPU time of every process of the browser (browser, renderer, GPU, network, audio…).
    const system = await browser.newBrowserCDPSession();
    const processes = async () => {
      const { processInfo } = (await system.send('SystemInfo.getProcessInfo')) as {
        processInfo: { id: number; cpuTime: number }[];
      };
      return {
        cpu: processInfo.reduce((sum, p) => sum + p.cpuTime, 0),
        pids: processInfo.map((p) => p.id),
      };
    };

    const results: VideoStep[] = [];
    for (const count of steps) {
      while (publishers.length < count)
        publishers.push(await startPublisher(stack, spaceId, roomId, publishers.length + 1));
      log(`${count} publishers: settling`);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const before = await processes();
      const videosBefore = await readVideos(page);
      const started = Date.now();
      await new Promise((r) => setTimeout(r, MEASURE_MS));
      const after = await processes();
      const videosAfter = await readVideos(page);
      const seconds = (Date.now() - started) / 1000;
      const framesBefore = videosBefore.reduce((s, v) => s + v.frames, 0);
      const framesAfter = videosAfter.reduce((s, v) => s + v.frames, 0);
      const playing = videosAfter.filter(
        (v, i) => v.width > 0 && v.frames > (videosBefore[i]?.frames ?? 0),
      ).length;
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
      const step: VideoStep = {
        publishers: count,
        playing,
        framesPerSecond: Math.round(((framesAfter - framesBefore) / seconds) * 10) / 10,
        tileWidth: Math.round(avg(videosAfter.map((v) => v.tileWidth))),
        decodedWidth: Math.round(avg(videosAfter.map((v) => v.width))),
        cpuPercent: Math.round(((after.cpu - before.cpu) / seconds) * 1000) / 10,
        rssMB: Math.round(residentBytes(after.pids) / 1e6),
        jsHeapMB: Math.round(heap / 1e5) / 10,
      };
      log(JSON.stringify(step));
      results.push(step);
    }
    return results;
  } finally {
    for (const p of publishers) {
      clearInterval(p.timer);
      await p.room.disconnect().catch(() => undefined);
    }
    await browser?.close().catch(() => undefined);
    await stack?.stop().catch(() => undefined);
    await stack?.remove().catch(() => undefined);
  }
}
