import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { matrixRequest, type TestUser } from '@haos/stack';
import { callMembershipContent, roomWithMember } from './trust-helpers.js';

const stack = inject('stack');
const here = path.dirname(fileURLToPath(import.meta.url));

interface DelayedEvent {
  delay_id: string;
  running_since: number;
}

/** The user's scheduled delayed events, as Synapse lists them (MSC4140). */
async function delayedEvents(user: TestUser): Promise<DelayedEvent[]> {
  const body = await matrixRequest<{ delayed_events: DelayedEvent[] }>(
    stack.urls.synapse,
    user,
    'GET',
    '/_matrix/client/unstable/org.matrix.msc4140/delayed_events',
  );
  return body.delayed_events;
}

/** Lines haos-server logged (JSON, one per line) since the stack started. */
function serverLog(): Record<string, unknown>[] {
  return readFileSync(path.join(stack.dir, 'logs', 'haos-server.log'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('delegated delayed leave', () => {
  it('keeps a killed client in the call while LiveKit has it, and ends its membership when LiveKit reports it gone', async () => {
    const { member, roomId } = await roomWithMember(stack);
    // Long enough that the homeserver's own timer cannot be what ends the membership below.
    const delayMs = 60_000;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'fixtures', 'delegating-client.ts')],
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
            delayMs,
          }),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const lines = createInterface({ input: child.stdout });
      const { delayId, scheduledAt } = await new Promise<{ delayId: string; scheduledAt: number }>(
        (resolve, reject) => {
          lines.on('line', (line) => {
            if (line.startsWith('{"connected"'))
              resolve(JSON.parse(line) as { delayId: string; scheduledAt: number });
          });
          child.once('exit', (code) => reject(new Error(`client exited (${String(code)})`)));
        },
      );
      const first = (await delayedEvents(member)).find((e) => e.delay_id === delayId);
      expect(first).toBeDefined();
      expect(await callMembershipContent(stack.urls.synapse, member, roomId)).toMatchObject({
        device_id: member.deviceId,
      });

      // The client never restarts its delayed event: the service does, once LiveKit has it
      // (which may already have happened when `first` was read: compare with the scheduling).
      await expect
        .poll(
          async () =>
            (await delayedEvents(member)).find((e) => e.delay_id === delayId)?.running_since ?? 0,
          { timeout: 30_000, interval: 250 },
        )
        .toBeGreaterThan(scheduledAt);

      const killedAt = Date.now();
      child.kill('SIGKILL');
      await exited;
      // LiveKit notices the dead connection and posts participant_left; the service sends the
      // delayed leave at once, long before the homeserver's own 60 s timer would.
      await expect
        .poll(() => callMembershipContent(stack.urls.synapse, member, roomId), {
          timeout: 50_000,
          interval: 250,
        })
        .toEqual({});
      const leftAt = Date.now();
      expect(leftAt - killedAt).toBeLessThan(delayMs);
      expect((await delayedEvents(member)).some((e) => e.delay_id === delayId)).toBe(false);

      const log = serverLog();
      const webhook = log.find(
        (l) =>
          l.path === '/sfu_webhook' && l.event === 'participant_left' && Number(l.time) >= killedAt,
      );
      const sent = log.find(
        (l) => l.msg === 'delegation: leave sent' && Number(l.time) >= killedAt,
      );
      expect(webhook).toBeDefined();
      expect(sent).toMatchObject({ outcome: 'sent' });
      process.stdout.write(
        `[figure] kill → participant_left webhook ${Number(webhook!.time) - killedAt} ms; webhook → leave sent ${Number(sent!.time) - Number(webhook!.time)} ms; kill → membership gone (seen by polling) ${leftAt - killedAt} ms\n`,
      );
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
