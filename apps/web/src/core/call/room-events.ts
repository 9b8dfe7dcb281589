import {
  RoomEvent,
  Track,
  type ConnectionQuality,
  type DisconnectReason,
  type LocalTrackPublication,
  type Participant,
  type RemoteTrack,
  type Room,
} from 'livekit-client';
import type { ActiveCall, VoiceStore, VoiceStoreApi } from '../../stores/voice-store';
import { markCallStep } from './timing';
import { qualityLevelOf, withQuality } from './connection-quality';

/** What a CallSession does when its LiveKit Room reports something. */
export interface RoomEventHandlers {
  /** A participant's media (mic, mute, encryption, attributes) may have changed. */
  participantChanged(participant: Participant): void;
  /** Someone's audio appeared or left: apply volumes again. */
  volumesChanged(): void;
  /** One of your own tracks was unpublished (you stopped it, or the browser ended a share). */
  localUnpublished(publication: LocalTrackPublication): void;
  write(changes: Partial<VoiceStore>): void;
  patch(changes: Partial<ActiveCall>): void;
  disconnected(reason?: DisconnectReason): void;
  /** This participant has a valid membership of the call (only then is their audio played). */
  admits(identity: string): boolean;
}

/**
 * Binds a LiveKit Room's events (participants, tracks, speakers, quality, encryption,
 * reconnection) to the voice store through the session's handlers. Returns the unbinding.
 */
export function bindRoomEvents(
  room: Room,
  store: VoiceStoreApi,
  on: RoomEventHandlers,
): () => void {
  const refresh = (...args: unknown[]) => {
    for (const arg of args) {
      if (arg && typeof arg === 'object' && 'identity' in arg && 'attributes' in arg)
        on.participantChanged(arg as Participant);
    }
    on.volumesChanged();
  };
  const onSpeakers = (speakers: Participant[]) => {
    const local = room.localParticipant.identity;
    const speaking: VoiceStore['speaking'] = {};
    for (const p of speakers) if (p.identity !== local) speaking[p.identity] = true;
    if (store.getState().speaking[local]) speaking[local] = true;
    on.write({ speaking });
  };
  const onGone = (participant: Participant) => {
    const { [participant.identity]: _media, ...media } = store.getState().media;
    const { [participant.identity]: _speaking, ...speaking } = store.getState().speaking;
    const { [participant.identity]: _quality, ...quality } = store.getState().quality;
    on.write({ media, speaking, quality });
  };
  // Each participant's own entry, so that only their indicators re-render.
  const onQuality = (value: ConnectionQuality, participant: Participant) => {
    const level = qualityLevelOf(value);
    if (participant === room.localParticipant) on.patch({ quality: level });
    const before = store.getState().quality;
    const quality = withQuality(before, participant.identity, level);
    if (quality !== before) on.write({ quality });
  };
  const onEncryption = (encrypted: boolean, participant?: Participant) => {
    if (!participant || participant === room.localParticipant) on.patch({ e2eeActive: encrypted });
    if (participant) on.participantChanged(participant);
  };
  // Remote audio plays through LiveKit's WebAudio mix (so volumes above 100% work); the
  // element it attaches stays out of the document. Only call members are subscribed to; should
  // a track of anyone else arrive all the same, it is never played.
  const onSubscribed = (track: RemoteTrack, _pub: unknown, participant: Participant) => {
    if (track.kind === Track.Kind.Audio && on.admits(participant.identity)) track.attach();
    refresh(participant);
  };
  const onUnsubscribed = (track: RemoteTrack, _pub: unknown, participant: Participant) => {
    track.detach();
    refresh(participant);
  };
  const onLocalUnpublished = (publication: LocalTrackPublication, participant: Participant) => {
    on.localUnpublished(publication);
    refresh(participant);
  };
  const onSignalConnected = () => markCallStep('signal');
  const onReconnecting = () => on.patch({ phase: 'reconnecting' });
  const onReconnected = () => on.patch({ phase: 'connected' });
  const onDisconnected = (reason?: DisconnectReason) => on.disconnected(reason);
  const bindings: [RoomEvent, (...args: never[]) => void][] = [
    [RoomEvent.SignalConnected, onSignalConnected],
    [RoomEvent.ParticipantConnected, refresh],
    [RoomEvent.TrackPublished, refresh],
    [RoomEvent.TrackUnpublished, refresh],
    [RoomEvent.TrackSubscribed, onSubscribed],
    [RoomEvent.TrackUnsubscribed, onUnsubscribed],
    [RoomEvent.TrackMuted, refresh],
    [RoomEvent.TrackUnmuted, refresh],
    [RoomEvent.LocalTrackPublished, refresh],
    [RoomEvent.LocalTrackUnpublished, onLocalUnpublished],
    [RoomEvent.ParticipantAttributesChanged, refresh],
    [RoomEvent.ParticipantDisconnected, onGone],
    [RoomEvent.ActiveSpeakersChanged, onSpeakers],
    [RoomEvent.ConnectionQualityChanged, onQuality],
    [RoomEvent.ParticipantEncryptionStatusChanged, onEncryption],
    [RoomEvent.Reconnecting, onReconnecting],
    [RoomEvent.SignalReconnecting, onReconnecting],
    [RoomEvent.Reconnected, onReconnected],
    [RoomEvent.Disconnected, onDisconnected],
  ];
  for (const [event, handler] of bindings) room.on(event, handler);
  // Volumes follow the store (a slider moved, someone muted for me, deafen).
  const unsubscribe = store.subscribe((s, prev) => {
    if (
      s.volumes !== prev.volumes ||
      s.localMutes !== prev.localMutes ||
      s.deafened !== prev.deafened ||
      s.shareVolumes !== prev.shareVolumes ||
      s.roster !== prev.roster
    )
      on.volumesChanged();
  });
  return () => {
    for (const [event, handler] of bindings) room.off(event, handler);
    unsubscribe();
  };
}
