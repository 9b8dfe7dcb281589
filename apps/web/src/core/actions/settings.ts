import { callActivity, publishPresence } from '../matrix/presence';
import { ringsAllowed, setRingsAllowed } from '../matrix/ring-policy';
import {
  DEFAULT_VOICE_SHARING,
  setVoiceSharing,
  voiceSharingOf,
  type VoiceSharing,
} from '../matrix/voice-sharing';
import type { RoomsStoreApi } from '../../stores/rooms-store';
import type { OwnStatus, SessionStoreApi } from '../../stores/session-store';
import type { VoiceStoreApi } from '../../stores/voice-store';
import { requireClient, type ClientSource } from './client-source';

/** Your own settings that live in Matrix: status (presence), voice sharing, rings per room. */
export class SettingsActions {
  constructor(
    private readonly source: ClientSource,
    private readonly stores: {
      session: SessionStoreApi;
      rooms: RoomsStoreApi;
      voice: VoiceStoreApi;
    },
  ) {}

  private get client() {
    return requireClient(this.source);
  }

  /** Sets your status, as Matrix presence others see (with your call, if you are in one). */
  async setStatus(status: OwnStatus): Promise<void> {
    const client = this.client;
    const activity = callActivity(
      this.stores.voice.getState().call,
      this.stores.rooms.getState(),
      voiceSharingOf(client),
    );
    await publishPresence(client, status, activity);
    this.stores.session.setState({ status });
  }

  /** Who may learn which voice channel you are in (your account data; "server" by default). */
  voiceSharing(): VoiceSharing {
    const client = this.source();
    return client ? voiceSharingOf(client) : DEFAULT_VOICE_SHARING;
  }

  /** Changes who may learn which voice channel you are in; your status follows at once. */
  setVoiceSharing(sharing: VoiceSharing): Promise<void> {
    return setVoiceSharing(this.client, sharing);
  }

  /** Calls started in this room may ring you (always in a DM; elsewhere if you allowed it). */
  ringsAllowed(roomId: string): boolean {
    const room = this.source()?.getRoom(roomId);
    const direct = this.stores.rooms.getState().directs.some((d) => d.id === roomId);
    return room ? ringsAllowed(room, direct) : direct;
  }

  /** Lets calls in a room ring you, or stops them (your room account data). */
  setRingsAllowed(roomId: string, allowed: boolean): Promise<void> {
    return setRingsAllowed(this.client, roomId, allowed);
  }
}
