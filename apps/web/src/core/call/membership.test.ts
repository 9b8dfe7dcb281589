import { describe, expect, it } from 'vitest';
import { KEY_ROTATION, MEMBERSHIP_TIMING, membershipArgs } from './membership';

const transport = { type: 'livekit', livekit_service_url: 'https://rtc.example.org' } as const;

describe('membershipArgs', () => {
  it("asks the SDK for Element Call's compatibility membership: multi-SFU focus with the legacy alias", () => {
    const [identity, preferred, focus, config] = membershipArgs(
      '@ada:example.org',
      'ADADEVICE',
      transport,
      '!room:example.org',
      false,
    );
    // memberId in the legacy form, which makes the LiveKit identity `@user:server:DEVICE`.
    expect(identity).toEqual({
      userId: '@ada:example.org',
      deviceId: 'ADADEVICE',
      memberId: '@ada:example.org:ADADEVICE',
    });
    // No preferred list and a multi-SFU focus: the SDK writes focus_selection "multi_sfu".
    expect(preferred).toEqual([]);
    expect(focus).toEqual({
      type: 'livekit',
      livekit_service_url: 'https://rtc.example.org',
      livekit_alias: '!room:example.org',
    });
    expect(config).toMatchObject({ callIntent: 'audio', manageMediaKeys: false });
  });

  it('manages media keys only in encrypted rooms', () => {
    const [, , , config] = membershipArgs('@a:hs', 'D', transport, '!r:hs', true);
    expect(config?.manageMediaKeys).toBe(true);
  });

  it('rings for a direct call: the SDK sends the notification with this intent and lifetime', () => {
    const [, , , config] = membershipArgs('@a:hs', 'D', transport, '!r:hs', true, {
      intent: 'video',
      ringLifetimeMs: 30_000,
    });
    expect(config).toMatchObject({
      callIntent: 'video',
      notificationType: 'ring',
      notificationLifetimeMs: 30_000,
    });
  });

  it('does not ring when joining without a ring', () => {
    const [, , , config] = membershipArgs('@a:hs', 'D', transport, '!r:hs', true);
    expect(config?.notificationType).toBeUndefined();
  });

  it('keeps the membership through heartbeats 11 s late, and tolerates network errors as long', () => {
    const [, , , config] = membershipArgs('@a:hs', 'D', transport, '!r:hs', false);
    expect(config).toMatchObject(MEMBERSHIP_TIMING);
    const slack = config!.delayedLeaveEventDelayMs! - config!.delayedLeaveEventRestartMs!;
    expect(slack).toBeGreaterThanOrEqual(10_000);
    // Retries span the whole delay, so a slow spell does not end the call by itself.
    expect(config!.maximumNetworkErrorRetryCount! * config!.networkErrorRetryMs!).toBeGreaterThan(
      config!.delayedLeaveEventDelayMs!,
    );
    // A restart that takes a while on a loaded machine is not abandoned after the SDK's 2 s.
    expect(config!.delayedLeaveEventRestartLocalTimeoutMs).toBeGreaterThan(2_000);
  });

  it('in encrypted rooms, gives a rotated key time to arrive, and spares a quick rejoin a second rotation', () => {
    const [, , , encrypted] = membershipArgs('@a:hs', 'D', transport, '!r:hs', true);
    expect(encrypted).toMatchObject(KEY_ROTATION);
    expect(encrypted!.useKeyDelay).toBeGreaterThan(1_000);
    expect(encrypted!.keyRotationGracePeriodMs).toBeGreaterThan(encrypted!.useKeyDelay!);
    const [, , , plain] = membershipArgs('@a:hs', 'D', transport, '!r:hs', false);
    expect(plain?.useKeyDelay).toBeUndefined();
  });
});
