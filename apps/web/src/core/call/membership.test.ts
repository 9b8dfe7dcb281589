import { describe, expect, it } from 'vitest';
import { membershipArgs } from './membership';

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
});
