import { Track, type Room } from 'livekit-client';
import type { VoiceStore } from '../../stores/voice-store';
import { userOfIdentity } from './media-state';

type VolumeState = Pick<
  VoiceStore,
  'volumes' | 'localMutes' | 'deafened' | 'roster' | 'shareVolumes'
>;

/** Per-person volume (0..2), "mute for me" and deafen, applied to every remote participant. */
export function applyVolumes(room: Room, roomId: string, state: VolumeState): void {
  const { volumes, localMutes, deafened, roster, shareVolumes } = state;
  const members = roster[roomId] ?? [];
  for (const participant of room.remoteParticipants.values()) {
    const userId = userOfIdentity(participant.identity, members);
    const volume = deafened || localMutes[userId] ? 0 : (volumes[userId] ?? 1);
    participant.setVolume(volume, Track.Source.Microphone);
    const share = shareVolumes[participant.identity] ?? 1;
    participant.setVolume(deafened ? 0 : share, Track.Source.ScreenShareAudio);
  }
}
