import { createStore } from 'zustand/vanilla';

/** One device of one person in a call, as its call membership (and LiveKit) describes it. */
export interface VoiceMember {
  /** The LiveKit participant identity of this device (the membership's RTC backend identity). */
  identity: string;
  userId: string;
  deviceId: string;
  name: string;
  avatarMxc: string | undefined;
}

export type CallPhase = 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** Whether your microphone could be opened: when it cannot, you still join and listen. */
export type MicState = 'pending' | 'ok' | 'denied' | 'missing' | 'failed';

export interface CallError {
  code: string;
  message: string;
}

/** The call you are in (at most one). */
export interface ActiveCall {
  /** Which CallSession this is (a new one per join). */
  id: string;
  roomId: string;
  phase: CallPhase;
  error: CallError | undefined;
  /** The room is encrypted, so media is too (per-participant keys over to-device messages). */
  encrypted: boolean;
  /** LiveKit reports E2EE active on your side. */
  e2eeActive: boolean;
  /** Round-trip time to the SFU in ms, when known. */
  pingMs: number | undefined;
  /** LiveKit's view of your connection: excellent, good, poor, lost or unknown. */
  quality: string;
  mic: MicState;
}

/** Live media state of one LiveKit participant of your call, keyed by identity. */
export interface MediaState {
  micMuted: boolean;
  /** Announced by HAOS clients: this person hears nothing. */
  deafened: boolean;
  /** LiveKit reports E2EE active for this participant's media. */
  encrypted: boolean;
  /** Connected to the SFU (a membership may appear before its media does). */
  connected: boolean;
}

export interface VoiceStore {
  /** Who is in each voice channel, from the call membership state (room ID → devices). */
  roster: Record<string, VoiceMember[]>;
  call: ActiveCall | undefined;
  micMuted: boolean;
  deafened: boolean;
  /** Speaking right now, by identity. Read one entry per tile so that only that tile re-renders. */
  speaking: Record<string, boolean>;
  media: Record<string, MediaState>;
  /** Your volume for each person (user ID → 0..2, 1 = 100%). */
  volumes: Record<string, number>;
  /** People you muted for yourself (user ID → true). */
  localMutes: Record<string, boolean>;
  /** Volume of join, leave, mute and deafen sounds, 0..1. */
  soundVolume: number;
}

export const createVoiceStore = () =>
  createStore<VoiceStore>()(() => ({
    roster: {},
    call: undefined,
    micMuted: false,
    deafened: false,
    speaking: {},
    media: {},
    volumes: {},
    localMutes: {},
    soundVolume: 0.5,
  }));

export type VoiceStoreApi = ReturnType<typeof createVoiceStore>;
