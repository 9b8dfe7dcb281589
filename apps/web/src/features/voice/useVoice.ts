import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useController } from '../../app/ControllerContext';
import { useAuth } from '../../app/useSession';
import type { VoiceMember, VoiceStore } from '../../stores/voice-store';
import type { QualityLevel } from '../../core/call/connection-quality';
import { deviceNumbers } from './devices';

/** Reads a slice of the voice store; re-renders only when that slice changes. */
export function useVoice<T>(select: (state: VoiceStore) => T): T {
  return useStore(useController().voice.store, select);
}

const NOBODY: VoiceMember[] = [];

/** One device in a call, as the sidebar and the tiles show it. */
export interface Participant {
  member: VoiceMember;
  /** Which of this person's devices it is, when they joined from several. */
  device: number | undefined;
  /** This device is you. */
  self: boolean;
}

/** Who is in a voice channel (from call membership state), one entry per device. */
export function useParticipants(roomId: string): Participant[] {
  const members = useVoice((s) => s.roster[roomId] ?? NOBODY);
  const auth = useAuth();
  const ownUser = auth.status === 'signed-in' ? auth.userId : '';
  const ownDevice = auth.status === 'signed-in' ? auth.deviceId : '';
  return useMemo(() => {
    const devices = deviceNumbers(members);
    return members.map((member) => ({
      member,
      device: devices.get(member.identity),
      self: member.userId === ownUser && member.deviceId === ownDevice,
    }));
  }, [members, ownUser, ownDevice]);
}

/** A voice channel: who is in it, whether you are, and joining it. */
export function useVoiceChannel(roomId: string) {
  const controller = useController();
  const participants = useParticipants(roomId);
  const joined = useVoice((s) => s.call?.roomId === roomId && s.call.phase !== 'failed');
  return { participants, joined, join: () => void controller.voice.join(roomId) };
}

/** Your microphone and speakers: state and toggles. */
export function useLocalMedia() {
  const controller = useController();
  const micMuted = useVoice((s) => s.micMuted);
  const deafened = useVoice((s) => s.deafened);
  const mic = useVoice((s) => s.call?.mic);
  return {
    micMuted,
    deafened,
    mic,
    toggleMute: () => void controller.voice.toggleMute(),
    toggleDeafen: () => void controller.voice.toggleDeafen(),
  };
}

/** Whether one participant is speaking; only the component showing them re-renders. */
export function useSpeaking(identity: string): boolean {
  return useVoice((s) => s.speaking[identity] === true);
}

/** One participant's connection quality; only the indicator showing it re-renders. */
export function useConnectionQuality(identity: string): QualityLevel | undefined {
  return useVoice((s) => s.quality[identity]);
}
