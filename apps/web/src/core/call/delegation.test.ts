import { EventEmitter } from 'node:events';
import { MembershipManagerEvent } from 'matrix-js-sdk/lib/matrixrtc';
import { describe, expect, it, vi } from 'vitest';
import { CallFailure } from './call-error';
import { LeaveDelegator, tokenWithDelegation, type DelayIdSource } from './delegation';
import type { LeaveDelegation, TokenClient } from './sfu-token';

const HS = 'https://hs.example.org';

function source(initial?: string) {
  const emitter = new EventEmitter();
  const rtc = Object.assign(emitter, { delayId: initial }) as unknown as DelayIdSource &
    EventEmitter & { delayId: string | undefined };
  const change = (id: string | undefined) => {
    rtc.delayId = id;
    emitter.emit(MembershipManagerEvent.DelayIdChanged, id);
  };
  return { rtc, change };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LeaveDelegator', () => {
  it('hands each new delay ID of our delayed leave to the token service, once', async () => {
    const { rtc, change } = source();
    const request = vi.fn((_: LeaveDelegation) => Promise.resolve());
    const delegator = new LeaveDelegator(rtc, request, 15_000, HS);
    change('syd_1');
    change('syd_1');
    await settle();
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({
      delayId: 'syd_1',
      delayTimeoutMs: 15_000,
      csApiUrl: HS,
    });
    expect(delegator.current).toEqual({ status: 'delegated', delayId: 'syd_1' });
    // The SDK scheduled a new delayed leave (the old one was sent or lost): hand it over too.
    change('syd_2');
    await settle();
    expect(request).toHaveBeenLastCalledWith(expect.objectContaining({ delayId: 'syd_2' }));
    // No delay ID (left, or delayed events unavailable): nothing to hand over.
    change(undefined);
    await settle();
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('stops asking a service that refuses delegation; our own heartbeats carry on', async () => {
    const { rtc, change } = source();
    const request = vi.fn(() =>
      Promise.reject(new CallFailure('DELEGATION_REFUSED', 'not supported')),
    );
    const delegator = new LeaveDelegator(rtc, request, 15_000, HS);
    change('a');
    await settle();
    change('b');
    await settle();
    expect(request).toHaveBeenCalledTimes(1);
    expect(delegator.current).toEqual({
      status: 'unsupported',
      reason: 'not supported',
    });
    expect(delegator.pending()).toBeUndefined();
  });

  it('tries again with the next delay ID after a passing failure', async () => {
    const { rtc, change } = source();
    const request = vi
      .fn<(d: LeaveDelegation) => Promise<void>>()
      .mockRejectedValueOnce(new CallFailure('TOKEN_SERVICE_UNREACHABLE', 'down'))
      .mockResolvedValue(undefined);
    const delegator = new LeaveDelegator(rtc, request, 15_000, HS);
    change('a');
    await settle();
    expect(delegator.current).toEqual({ status: 'failed', delayId: 'a', reason: 'down' });
    change('b');
    await settle();
    expect(delegator.current).toEqual({ status: 'delegated', delayId: 'b' });
  });

  it('listens no more once closed', async () => {
    const { rtc, change } = source();
    const request = vi.fn(() => Promise.resolve());
    new LeaveDelegator(rtc, request, 15_000, HS).close();
    change('a');
    await settle();
    expect(request).not.toHaveBeenCalled();
  });
});

describe('tokenWithDelegation', () => {
  const client = {
    getOpenIdToken: () =>
      Promise.resolve({ access_token: 't', token_type: 'Bearer', matrix_server_name: 'hs' }),
    getDeviceId: () => 'DEV',
  } as unknown as TokenClient;
  const jwt = `e30.${Buffer.from(JSON.stringify({ sub: '@me:hs:DEV', video: { room: 'alias' } })).toString('base64url')}.`;
  const ok = () => new Response(JSON.stringify({ url: 'ws://sfu', jwt }), { status: 200 });
  const bodies = (fetchImpl: ReturnType<typeof vi.fn>) =>
    fetchImpl.mock.calls.map(
      ([, init]) => JSON.parse((init as RequestInit).body as string) as Record<string, unknown>,
    );

  it('on a reconnect, asks for the token with the known delayed leave (lk-jwt-service fields)', async () => {
    const { rtc } = source('syd_7');
    const delegator = new LeaveDelegator(rtc, () => Promise.resolve(), 15_000, HS);
    const fetchImpl = vi.fn(() => Promise.resolve(ok()));
    await tokenWithDelegation(client, 'https://rtc', '!r:hs', delegator, fetchImpl);
    expect(bodies(fetchImpl)).toEqual([
      expect.objectContaining({
        room: '!r:hs',
        device_id: 'DEV',
        delay_id: 'syd_7',
        delay_timeout: 15_000,
        delay_cs_api_url: HS,
      }),
    ]);
    expect(delegator.current).toEqual({ status: 'delegated', delayId: 'syd_7' });
  });

  it('asks again without delegation when the service answers 400 (an older service)', async () => {
    const { rtc } = source('syd_7');
    const delegator = new LeaveDelegator(rtc, () => Promise.resolve(), 15_000, HS);
    const refused = new Response(JSON.stringify({ errcode: 'M_BAD_JSON', error: 'no' }), {
      status: 400,
    });
    const fetchImpl = vi.fn().mockResolvedValueOnce(refused).mockResolvedValueOnce(ok());
    const sfu = await tokenWithDelegation(client, 'https://rtc', '!r:hs', delegator, fetchImpl);
    expect(sfu.jwt).toBe(jwt);
    const [first, second] = bodies(fetchImpl);
    expect(first).toHaveProperty('delay_id', 'syd_7');
    expect(second).not.toHaveProperty('delay_id');
    expect(delegator.current.status).toBe('unsupported');
  });

  it('the first token of a call carries no delegation: the delayed leave does not exist yet', async () => {
    const { rtc } = source();
    const delegator = new LeaveDelegator(rtc, () => Promise.resolve(), 15_000, HS);
    const fetchImpl = vi.fn(() => Promise.resolve(ok()));
    await tokenWithDelegation(client, 'https://rtc', '!r:hs', delegator, fetchImpl);
    expect(bodies(fetchImpl)[0]).not.toHaveProperty('delay_id');
  });
});
