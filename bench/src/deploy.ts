import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import {
  AudioSource,
  LocalAudioTrack,
  Room,
  TrackPublishOptions,
  TrackSource,
  AudioFrame,
  dispose,
} from '@livekit/rtc-node';
import { startTopology } from '@haos/stack/deploy-testing';
import { HAOS_IMAGE, podmanEnv } from '@haos/stack/deploy';

/** CPU seconds and RSS of a process and all its descendants, from /proc. */
function usage(root: number): { cpuSeconds: number; rssMiB: number } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const tick = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  let cpu = 0;
  let rss = 0;
  const walk = (pid: number) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').slice(0).split(') ')[1]!.split(' ');
      cpu += (Number(f[11]) + Number(f[12])) / tick;
      rss +=
        Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      return;
    }
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return { cpuSeconds: cpu, rssMiB: rss };
}

async function sample(pids: Record<string, number>, seconds: number) {
  const before = Object.fromEntries(Object.entries(pids).map(([n, p]) => [n, usage(p)]));
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => {
      const after = usage(pid);
      return [
        name,
        {
          cpuPercent: (100 * (after.cpuSeconds - (before[name]?.cpuSeconds ?? 0))) / seconds,
          rssMiB: Math.round(after.rssMiB),
        },
      ];
    }),
  );
}

export interface DeployBench {
  imageSizeMiB: number;
  imageBuildSeconds: number;
  bringUpSeconds: number;
  idle: Record<string, { cpuPercent: number; rssMiB: number }>;
  load: {
    publishers: number;
    subscribers: number;
    seconds: number;
    services: Record<string, { cpuPercent: number; rssMiB: number }>;
  };
}

/**
 * The deployment under load: the production topology on this machine, each service's CPU and
 * RSS idle for 10 s, then with K rtc-node publishers (a 440 Hz tone each) and M subscribers in
 * one room for 60 s; the haos image's size and the bring-up time.
 */
export async function measureDeploy(options: {
  publishers?: number;
  subscribers?: number;
  log: (l: string) => void;
}): Promise<DeployBench> {
  const K = options.publishers ?? 4;
  const M = options.subscribers ?? 8;
  const topology = await startTopology(options.log);
  const rooms: Room[] = [];
  try {
    const size = spawnSync('podman', ['image', 'inspect', HAOS_IMAGE, '--format', '{{.Size}}'], {
      encoding: 'utf8',
      env: podmanEnv(),
    }).stdout.trim();
    const idle = await sample(topology.pids(), 10);
    const node = topology.plan.ports.livekit[0]!;
    const url = `ws://127.0.0.1:${node.http}`;
    const { apiKey, apiSecret } = topology.livekit;
    const room = `bench-${Date.now().toString(36)}`;
    await new RoomServiceClient(`http://127.0.0.1:${node.http}`, apiKey, apiSecret).createRoom({
      name: room,
    });
    const token = async (identity: string, publish: boolean) => {
      const t = new AccessToken(apiKey, apiSecret, { identity });
      t.addGrant({ room, roomJoin: true, canSubscribe: true, canPublish: publish });
      return t.toJwt();
    };
    const timers: NodeJS.Timeout[] = [];
    for (let i = 0; i < K + M; i++) {
      const r = new Room();
      await r.connect(url, await token(`p${i}`, i < K), { autoSubscribe: i >= K, dynacast: true });
      rooms.push(r);
      if (i < K) {
        const source = new AudioSource(48000, 1);
        const track = LocalAudioTrack.createAudioTrack(`tone${i}`, source);
        const options = new TrackPublishOptions();
        options.source = TrackSource.SOURCE_MICROPHONE;
        await r.localParticipant!.publishTrack(track, options);
        let phase = 0;
        const samples = new Int16Array(480);
        timers.push(setInterval(() => {
          for (let s = 0; s < 480; s++) samples[s] = Math.round(8000 * Math.sin((phase++ * 2 * Math.PI * 440) / 48000));
          void source.captureFrame(new AudioFrame(samples, 48000, 1, 480)).catch(() => undefined);
        }, 10)); // prettier-ignore
      }
    }
    const services = await sample(topology.pids(), 60);
    timers.forEach(clearInterval);
    return {
      imageSizeMiB: Math.round(Number(size) / 1024 / 1024),
      imageBuildSeconds: topology.figures.imageBuildSeconds,
      bringUpSeconds: topology.figures.bringUpSeconds,
      idle,
      load: { publishers: K, subscribers: M, seconds: 60, services },
    };
  } finally {
    await Promise.all(rooms.map((r) => r.disconnect().catch(() => undefined)));
    await dispose();
    await topology.stop();
  }
}
