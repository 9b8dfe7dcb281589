import {
  ConnectionState,
  Track,
  VideoPresets,
  type LocalTrackPublication,
  type Participant,
  type Room,
} from 'livekit-client';
import type { ActiveCall } from '../../stores/voice-store';
import { cameraFailureOf, shareFailureOf } from './media-failure';

/** Which picture of a participant: their camera or their screen share. */
export type VideoSource = 'camera' | 'screen';

const SOURCE: Record<VideoSource, Track.Source> = {
  camera: Track.Source.Camera,
  screen: Track.Source.ScreenShare,
};

/** The local or remote participant of a Room with this identity. */
function participantOf(room: Room, identity: string): Participant | undefined {
  return identity === room.localParticipant.identity
    ? room.localParticipant
    : room.remoteParticipants.get(identity);
}

/**
 * Shows a participant's camera or screen in a video element (LiveKit then sizes the layer it
 * receives to the element, and receives nothing while the element is hidden). Returns the undo.
 */
export function attachVideo(
  room: Room | undefined,
  identity: string,
  source: VideoSource,
  element: HTMLVideoElement,
): () => void {
  const track = room && participantOf(room, identity)?.getTrackPublication(SOURCE[source])?.track;
  if (!track || track.kind !== Track.Kind.Video) return () => undefined;
  track.attach(element);
  return () => void track.detach(element);
}

/**
 * Your camera and screen share in one call: what you asked for, applied to the call's current
 * LiveKit Room (again after a reconnect), with failures turned into messages. Your voice is
 * never affected by what happens here.
 */
export class LocalVideo {
  private cameraWanted = false;
  private cameraDevice: string | undefined;

  constructor(
    private readonly patch: (changes: Partial<ActiveCall>) => void,
    private readonly refresh: (room: Room) => void,
  ) {}

  /** Turns the camera on (optionally a given one) or off. Before the call connects, remembers. */
  async setCamera(room: Room | undefined, on: boolean, deviceId?: string): Promise<void> {
    this.cameraWanted = on;
    if (deviceId) this.cameraDevice = deviceId;
    if (!room || room.state !== ConnectionState.Connected) {
      this.patch({ camera: { status: on ? 'starting' : 'off' } });
      return;
    }
    await this.applyCamera(room);
  }

  /** The camera chosen in the settings ('' = default): used now if the camera is on. */
  async switchCamera(room: Room, deviceId: string): Promise<void> {
    this.cameraDevice = deviceId || undefined;
    if (this.cameraWanted && room.state === ConnectionState.Connected)
      await room.switchActiveDevice('videoinput', deviceId || 'default', !!deviceId);
  }

  /** After (re)connecting: the camera comes back on if it was on. */
  async restore(room: Room): Promise<void> {
    if (this.cameraWanted) await this.applyCamera(room);
  }

  private async applyCamera(room: Room): Promise<void> {
    const on = this.cameraWanted;
    const local = room.localParticipant;
    if (on) this.patch({ camera: { status: 'starting' } });
    try {
      const current = local.getTrackPublication(Track.Source.Camera);
      const deviceId = this.cameraDevice;
      if (on && current?.track && deviceId && room.getActiveDevice('videoinput') !== deviceId)
        await room.switchActiveDevice('videoinput', deviceId);
      await local.setCameraEnabled(on, {
        resolution: VideoPresets.h720.resolution,
        ...(deviceId ? { deviceId } : {}),
      });
      if (on !== this.cameraWanted) return;
      this.patch({ camera: { status: on ? 'on' : 'off' } });
    } catch (error) {
      this.cameraWanted = false;
      this.patch({ camera: { status: 'failed', error: cameraFailureOf(error) } });
    }
    this.refresh(room);
  }

  /** Asks the browser for a screen, window or tab (with its sound when offered) and shares it. */
  async startShare(room: Room | undefined): Promise<void> {
    if (!room || room.state !== ConnectionState.Connected) return;
    this.patch({ share: { status: 'starting' } });
    try {
      const publication = await room.localParticipant.setScreenShareEnabled(
        true,
        {
          audio: true,
          systemAudio: 'include',
          selfBrowserSurface: 'exclude',
          surfaceSwitching: 'include',
        },
        { simulcast: true },
      );
      this.patch({ share: { status: publication ? 'on' : 'off' } });
    } catch (error) {
      const failure = shareFailureOf(error);
      this.patch({ share: failure ? { status: 'failed', error: failure } : { status: 'off' } });
    }
    this.refresh(room);
  }

  async stopShare(room: Room | undefined): Promise<void> {
    this.patch({ share: { status: 'off' } });
    if (!room) return;
    await room.localParticipant.setScreenShareEnabled(false).catch(() => undefined);
    this.refresh(room);
  }

  /**
   * LiveKit unpublished one of your tracks. When the browser ended your share (its own "Stop
   * sharing" bar, or the shared tab closed), end the share's sound too and say it is over.
   */
  async unpublished(room: Room, publication: LocalTrackPublication): Promise<void> {
    if (publication.source !== Track.Source.ScreenShare) return;
    this.patch({ share: { status: 'off' } });
    const audio = room.localParticipant.getTrackPublication(Track.Source.ScreenShareAudio);
    if (audio?.track)
      await room.localParticipant.unpublishTrack(audio.track).catch(() => undefined);
    this.refresh(room);
  }
}
