import { Ear } from 'lucide-react';
import type { UnjoinedListener } from '../../stores/voice-store';
import { useVoice } from './useVoice';

const NOBODY: UnjoinedListener[] = [];

/** People connected to your call's media without joining it (no call membership), in `roomId`. */
export function useUnjoined(roomId: string): UnjoinedListener[] {
  return useVoice((s) => (s.call?.roomId === roomId ? s.unjoined : NOBODY));
}

/**
 * Who is connected to the call's voice server without having joined the call: they got in as
 * members of the room but sent no call membership. HAOS does not play their sound (nor show
 * their video); they are listed so that nobody listens unseen. Shown only to those in the call,
 * the ones who can see the voice server's participants.
 */
export function UnjoinedListeners({ roomId, compact }: { roomId: string; compact?: boolean }) {
  const unjoined = useUnjoined(roomId);
  if (unjoined.length === 0) return null;
  return (
    <ul
      aria-label="Listening without joining"
      className={compact ? 'mb-1 ml-6' : 'flex flex-wrap gap-2 text-sm'}
    >
      {unjoined.map((l) => (
        <li
          key={l.identity}
          aria-label={`${l.name}, listening without joining, not heard`}
          title="Connected to the call's voice server without joining the call. You do not hear them."
          className={`flex items-center gap-2 rounded px-2 py-0.5 text-muted ${compact ? 'text-sm' : 'bg-rail'}`}
        >
          <Ear size={14} aria-hidden="true" className="shrink-0 text-yellow-500" />
          <span className="truncate">{l.name}</span>
          <span className="shrink-0 text-xs italic">listening without joining</span>
        </li>
      ))}
    </ul>
  );
}
