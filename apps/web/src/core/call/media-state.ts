import { Track, type Participant } from 'livekit-client';
import type { MediaState, VoiceMember } from '../../stores/voice-store';

/** Participant attribute other HAOS clients read to show that someone is deafened. */
export const DEAFENED_ATTRIBUTE = 'haos.deafened';

/** What the tiles and sidebar show about one LiveKit participant's media. */
export function mediaStateOf(participant: Participant): MediaState {
  const mic = participant.getTrackPublication(Track.Source.Microphone);
  const screenAudio = participant.getTrackPublication(Track.Source.ScreenShareAudio);
  return {
    micMuted: !mic || mic.isMuted,
    deafened: participant.attributes[DEAFENED_ATTRIBUTE] === 'true',
    encrypted: participant.isEncrypted,
    connected: true,
    camera: shownVideo(participant, Track.Source.Camera),
    screen: shownVideo(participant, Track.Source.ScreenShare),
    screenAudio: !!screenAudio && !screenAudio.isMuted,
  };
}

/** The track ID of a participant's video of one source when there is a picture to show. */
function shownVideo(participant: Participant, source: Track.Source): string | undefined {
  const publication = participant.getTrackPublication(source);
  if (!publication || publication.isMuted || !publication.track) return undefined;
  return publication.trackSid;
}

export function sameMedia(a: MediaState | undefined, b: MediaState): boolean {
  return (
    !!a &&
    a.micMuted === b.micMuted &&
    a.deafened === b.deafened &&
    a.encrypted === b.encrypted &&
    a.connected === b.connected &&
    a.camera === b.camera &&
    a.screen === b.screen &&
    a.screenAudio === b.screenAudio
  );
}

/**
 * The Matrix user behind a LiveKit identity: from the call's memberships when known, else from
 * the legacy identity form `@user:server:DEVICE` that /sfu/get issues.
 */
export function userOfIdentity(identity: string, roster: readonly VoiceMember[]): string {
  const member = roster.find((m) => m.identity === identity);
  if (member) return member.userId;
  const cut = identity.lastIndexOf(':');
  return identity.startsWith('@') && cut > identity.indexOf(':')
    ? identity.slice(0, cut)
    : identity;
}
