import type { ChannelLayout } from './channel-layout';
import type { VoiceSharing } from './voice-sharing';

/**
 * Matrix event and room types HAOS reads and writes, in one place. HAOS's own are declared to
 * the SDK below; the SDK's typed calls take the spec's own as its EventType members.
 */
export const EventTypes = {
  SpaceChild: 'm.space.child',
  SpaceParent: 'm.space.parent',
  RoomCreate: 'm.room.create',
  RoomName: 'm.room.name',
  RoomTopic: 'm.room.topic',
  RoomAvatar: 'm.room.avatar',
  RoomMember: 'm.room.member',
  PowerLevels: 'm.room.power_levels',
  JoinRules: 'm.room.join_rules',
  HistoryVisibility: 'm.room.history_visibility',
  Encryption: 'm.room.encryption',
  CanonicalAlias: 'm.room.canonical_alias',
  Message: 'm.room.message',
  Encrypted: 'm.room.encrypted',
  Reaction: 'm.reaction',
  Direct: 'm.direct',
  /** MatrixRTC call membership, the format Element Call sends (MSC3401/MSC4143). */
  CallMember: 'org.matrix.msc3401.call.member',
  /** Newer sticky-event form of call membership (MSC4143). */
  RtcMember: 'org.matrix.msc4143.rtc.member',
  /** A call's ring or notification to the others in the room (MSC4075). */
  RtcNotification: 'org.matrix.msc4075.rtc.notification',
  /** Declining a ring; an `m.reference` to the notification (MSC4310). */
  RtcDecline: 'org.matrix.msc4310.rtc.decline',
  /** HAOS's own state: category and position of a channel inside a server. */
  HaosChannelLayout: 'chat.haos.channel_layout',
  /** HAOS's own account data: your per-person call volumes and local mutes, for every device. */
  HaosVoiceVolumes: 'chat.haos.voice_volumes',
  /** HAOS's own room account data: calls in this room may ring you (DMs always may). */
  HaosRingPolicy: 'chat.haos.ring_policy',
  /** HAOS's own account data: who your status tells which voice channel you are in. */
  HaosVoiceSharing: 'chat.haos.voice_sharing',
} as const;

export const RoomTypes = {
  Space: 'm.space',
  /** A voice/video channel (what Element, Cinny and Commet treat as a voice room). */
  Call: 'org.matrix.msc3417.call',
} as const;

/**
 * HAOS's own event types (event-types.ts), declared to matrix-js-sdk, so its typed calls
 * (sendStateEvent, setAccountData, setRoomAccountData, getAccountData) take them as they are,
 * content checked, without casts.
 */
declare module 'matrix-js-sdk/lib/@types/event' {
  interface StateEvents {
    'chat.haos.channel_layout': ChannelLayout;
  }
  interface AccountDataEvents {
    'chat.haos.voice_sharing': { share_with: VoiceSharing };
    /** Per-person call volumes and local mutes (call/volume-prefs.ts reads them defensively). */
    'chat.haos.voice_volumes': Record<string, unknown>;
  }
  interface RoomAccountDataEvents {
    'chat.haos.ring_policy': { allow_rings: boolean };
  }
}
