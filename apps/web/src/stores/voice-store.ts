import { createStore } from 'zustand/vanilla';
import { DEFAULT_SETTINGS, type VoiceSettings } from '../core/devices/voice-settings';
import type { DeviceLists } from '../core/devices/media-devices';
import type { MicWarning } from '../core/devices/mic-warnings';
import type { QualityLevel } from '../core/call/connection-quality';

/** One device of one person in a call, as its call membership (and LiveKit) describes it. */
export interface VoiceMember {
  /** The LiveKit participant identity of this device (the membership's RTC backend identity). */
  identity: string;
  userId: string;
  deviceId: string;
  name: string;
  avatarMxc: string | undefined;
}

/**
 * Someone connected to your call's LiveKit room without a call membership: they hold a token
 * (they are in the Matrix room) but never joined the call. Not subscribed to, so never heard.
 */
export interface UnjoinedListener {
  /** Their LiveKit participant identity. */
  identity: string;
  /** The Matrix user the token service vouched for, when it says. */
  userId: string | undefined;
  name: string;
}

export type CallPhase = 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** Whether your microphone could be opened: when it cannot, you still join and listen. */
export type MicState = 'pending' | 'ok' | 'denied' | 'missing' | 'failed';

/** Getting a lost call back: which fresh-token try this is, and when the next one starts. */
export interface RetryState {
  attempt: number;
  attempts: number;
  /** When the next try starts (epoch ms); undefined while this one is under way. */
  nextAt: number | undefined;
}

export interface CallError {
  code: string;
  message: string;
}

/** Your camera or your screen share in the current call. */
export type LocalVideoState =
  | { status: 'off' }
  | { status: 'starting' }
  | { status: 'on' }
  | { status: 'failed'; error: CallError };

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
  quality: QualityLevel;
  /** While HAOS itself tries to get a lost call back (after LiveKit's own reconnect gave up). */
  retry?: RetryState;
  mic: MicState;
  camera: LocalVideoState;
  share: LocalVideoState;
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
  /** The track ID of this participant's camera video when it can be shown (on, and received). */
  camera: string | undefined;
  /** The track ID of their screen share when it can be shown. */
  screen: string | undefined;
  /** Their screen share carries sound (a tab's or the system's). */
  screenAudio: boolean;
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
  /** In your call's LiveKit room without a call membership: listed, never heard. */
  unjoined: UnjoinedListener[];
  /** LiveKit's connection quality of each participant of your call (you too), by identity. */
  quality: Record<string, QualityLevel>;
  /** Your volume for each person (user ID → 0..2, 1 = 100%). */
  volumes: Record<string, number>;
  /** People you muted for yourself (user ID → true). */
  localMutes: Record<string, boolean>;
  /** Your volume for each screen share's sound (LiveKit identity → 0..1). */
  shareVolumes: Record<string, number>;
  /** Volume of join, leave, mute and deafen sounds, 0..1. */
  soundVolume: number;
  /** Voice & video settings: devices, processing, input mode. */
  settings: VoiceSettings;
  /** The microphones, speakers and cameras the browser offers. */
  devices: DeviceLists;
  /** Something changed about your devices that you should know (a chosen one was removed). */
  deviceNotice: string | undefined;
  /** In a call, your microphone is being sent right now (unmuted, and the input gate open). */
  transmitting: boolean;
  /** In a call: you talk while muted, or your microphone sends only silence. */
  micWarning: MicWarning;
  /** In a call: the name of the microphone actually in use. */
  inputInUse: string | undefined;
}

/** A call just starting to connect. */
export const connectingCall = (id: string, roomId: string, encrypted: boolean): ActiveCall => ({
  id,
  roomId,
  phase: 'connecting',
  error: undefined,
  encrypted,
  e2eeActive: false,
  pingMs: undefined,
  quality: 'unknown',
  retry: undefined,
  mic: 'pending',
  camera: { status: 'off' },
  share: { status: 'off' },
});

/** The per-participant state of a call, empty (no Room, or a new one). */
export const NO_MEDIA = {
  media: {},
  unjoined: [],
  speaking: {},
  quality: {},
} satisfies Partial<VoiceStore>;

export const createVoiceStore = () =>
  createStore<VoiceStore>()(() => ({
    roster: {},
    call: undefined,
    micMuted: false,
    deafened: false,
    speaking: {},
    media: {},
    unjoined: [],
    quality: {},
    volumes: {},
    localMutes: {},
    shareVolumes: {},
    soundVolume: 0.5,
    settings: DEFAULT_SETTINGS,
    devices: { audioinput: [], audiooutput: [], videoinput: [] },
    deviceNotice: undefined,
    transmitting: false,
    micWarning: undefined,
    inputInUse: undefined,
  }));

export type VoiceStoreApi = ReturnType<typeof createVoiceStore>;
