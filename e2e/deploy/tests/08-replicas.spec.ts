import { expect, test } from '@playwright/test';
import { control, deployment, https } from '../deployment';
import { createRoom, openIdToken, registerWithToken, type ApiUser } from '../matrix-api';
import { unique } from '../ui';

/** haos-server's own default: ten joins per person per minute (HAOS_RATE_LIMIT_JOINS_PER_USER). */
const JOINS_PER_MINUTE = 10;

test.describe.configure({ mode: 'serial' });

/** A token request straight to one haos-server replica (loopback, as the proxy sends it). */
async function askReplica(replica: string, user: ApiUser, room: string, deviceId: string) {
  const response = await fetch(`${replica}/sfu/get`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      room,
      openid_token: await openIdToken(user),
      device_id: deviceId,
    }),
  });
  const body = (await response.json()) as { errcode?: string };
  return { status: response.status, errcode: body.errcode };
}

test('haos-server runs as two replicas sharing Redis: a join budget spent on one counts on the other', async () => {
  const { haosReplicas } = deployment();
  expect(haosReplicas).toHaveLength(2);
  const ada = await registerWithToken(unique('ada'));
  const room = await createRoom(ada);
  // A join is one person's device joining one call: ten devices join, taking turns between the
  // two replicas, and all are granted…
  const device = (i: number) => `${ada.deviceId}-${i}`;
  for (let i = 0; i < JOINS_PER_MINUTE; i++) {
    const answer = await askReplica(haosReplicas[i % 2]!, ada, room, device(i));
    expect({ join: i, ...answer }).toEqual({ join: i, status: 200, errcode: undefined });
  }
  // …and the eleventh is refused on either, though each replica saw only five: one budget.
  for (const replica of haosReplicas) {
    const answer = await askReplica(replica, ada, room, device(JOINS_PER_MINUTE));
    expect(answer).toEqual({ status: 429, errcode: 'M_LIMIT_EXCEEDED' });
  }
});

test('one replica stopped: the web app, the token service and the deployment’s own callers still reach haos-server', async () => {
  const { origin, haosPool } = deployment();
  const ada = await registerWithToken(unique('ada'));
  const room = await createRoom(ada);
  await control('haos/0/stop');
  try {
    // Several requests each, so round-robin would have sent some to the stopped replica.
    for (let i = 0; i < 4; i++) {
      const page = await https(`${origin}/`, {});
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="root">');
      const token = await https(`${origin}/livekit/jwt/sfu/get`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          room,
          openid_token: await openIdToken(ada),
          device_id: ada.deviceId,
        }),
      });
      expect(token.status).toBe(200);
      // LiveKit's webhooks go through the loopback pool: a live replica answers (an unsigned
      // webhook is refused by haos-server itself, not a 502 from the proxy).
      const webhook = await fetch(`${haosPool}/sfu_webhook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/webhook+json' },
        body: '{}',
      });
      expect(webhook.status).toBe(401);
    }
  } finally {
    await control('haos/0/start');
  }
});
