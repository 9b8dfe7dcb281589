import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Room, RoomEvent } from '@livekit/rtc-node';
import {
  createRoom,
  matrixRequest,
  registerUser,
  requestOpenIdToken,
  type RunningStack,
  type TestUser,
} from '@haos/stack';

export interface TrustFigures {
  /** Ban sent → the banned participant disconnected by LiveKit (ms), per sample. */
  banToRemovedMs: number[];
  /** A delegating client killed: → LiveKit's participant_left webhook, → the leave sent (ms). */
  killToWebhookMs: number;
  webhookToLeaveMs: number;
}

const callMember = (stack: RunningStack, user: TestUser, roomId: string) =>
  matrixRequest(
    stack.urls.synapse,
    user,
    'PUT',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/org.matrix.msc3401.call.member/${encodeURIComponent(`_${user.userId}_${user.deviceId}_m.call`)}`,
    {
      application: 'm.call',
      call_id: '',
      scope: 'm.room',
      device_id: user.deviceId,
      expires: 3600_000,
      focus_active: { type: 'livekit', focus_selection: 'multi_sfu' },
      foci_preferred: [
        { type: 'livekit', livekit_service_url: stack.urls.server, livekit_alias: roomId },
      ],
    },
  );

async function roomFor(stack: RunningStack) {
  const hs = stack.urls.synapse;
  const tag = Math.random().toString(36).slice(2, 8);
  const owner = await registerUser(hs, `trust-owner-${tag}`);
  const member = await registerUser(hs, `trust-member-${tag}`);
  const roomId = await createRoom(hs, owner, {
    preset: 'public_chat',
    power_level_content_override: { events: { 'org.matrix.msc3401.call.member': 0 } },
  });
  await matrixRequest(
    hs,
    member,
    'POST',
    `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`,
    {},
  );
  return { owner, member, roomId };
}

async function banToRemoved(stack: RunningStack): Promise<number> {
  const { owner, member, roomId } = await roomFor(stack);
  await callMember(stack, member, roomId);
  const openid = await requestOpenIdToken(stack.urls.synapse, member);
  const response = await fetch(`${stack.urls.server}/sfu/get`, {
    method: 'POST',
    body: JSON.stringify({ room: roomId, openid_token: openid, device_id: member.deviceId }),
  });
  const sfu = (await response.json()) as { url: string; jwt: string };
  const room = new Room();
  const gone = new Promise<number>((resolve) =>
    room.once(RoomEvent.Disconnected, () => resolve(Date.now())),
  );
  await room.connect(sfu.url, sfu.jwt, { autoSubscribe: false, dynacast: false });
  const banned = Date.now();
  await matrixRequest(
    stack.urls.synapse,
    owner,
    'POST',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/ban`,
    {
      user_id: member.userId,
    },
  );
  const removed = await Promise.race([
    gone,
    new Promise<number>((r) => setTimeout(() => r(NaN), 30_000)),
  ]);
  await room.disconnect();
  return removed - banned;
}

async function killedDelegatingClient(stack: RunningStack, repoRoot: string) {
  const { member, roomId } = await roomFor(stack);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'apps', 'server', 'test', 'fixtures', 'delegating-client.ts'),
    ],
    {
      env: {
        ...process.env,
        HAOS_TEST_CLIENT: JSON.stringify({
          homeserver: stack.urls.synapse,
          service: stack.urls.server,
          userId: member.userId,
          accessToken: member.accessToken,
          deviceId: member.deviceId,
          roomId,
          delayMs: 60_000,
        }),
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.startsWith('{"connected"')) resolve();
      });
      child.once('exit', () => reject(new Error('delegating client exited')));
    });
    const killed = Date.now();
    child.kill('SIGKILL');
    const log = () =>
      readFileSync(path.join(stack.dir, 'logs', 'haos-server.log'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => Number(l.time) >= killed);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const lines = log();
      const webhook = lines.find(
        (l) => l.path === '/sfu_webhook' && l.event === 'participant_left',
      );
      const sent = lines.find((l) => l.msg === 'delegation: leave sent');
      if (webhook && sent) {
        return {
          killToWebhookMs: Number(webhook.time) - killed,
          webhookToLeaveMs: Number(sent.time) - Number(webhook.time),
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { killToWebhookMs: NaN, webhookToLeaveMs: NaN };
  } finally {
    child.kill('SIGKILL');
  }
}

export async function measureTrust(
  stack: RunningStack,
  repoRoot: string,
  log: (line: string) => void,
): Promise<TrustFigures> {
  const banToRemovedMs: number[] = [];
  for (let i = 0; i < 3; i++) banToRemovedMs.push(await banToRemoved(stack));
  log(`ban → removed: ${banToRemovedMs.join(', ')} ms; now a killed delegating client (~20 s)`);
  return { banToRemovedMs, ...(await killedDelegatingClient(stack, repoRoot)) };
}
