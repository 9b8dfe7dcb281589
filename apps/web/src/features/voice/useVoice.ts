import { useStore } from 'zustand';
import { useController } from '../../app/ControllerContext';
import type { VoiceMember, VoiceStore } from '../../stores/voice-store';

/** Reads a slice of the voice store; re-renders only when that slice changes. */
export function useVoice<T>(select: (state: VoiceStore) => T): T {
  return useStore(useController().voice.store, select);
}

const NOBODY: VoiceMember[] = [];

/** Who is in a voice channel (from call membership state), and whether you are. */
export function useVoiceChannel(roomId: string) {
  const members = useVoice((s) => s.roster[roomId] ?? NOBODY);
  const joined = useVoice((s) => s.call?.roomId === roomId && s.call.phase !== 'failed');
  return { members, joined };
}

/** The call's people, grouped by person with their devices (a user may join from two). */
export function useParticipants(roomId: string): VoiceMember[] {
  return useVoice((s) => s.roster[roomId] ?? NOBODY);
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
