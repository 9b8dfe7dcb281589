import type { ReactNode } from 'react';
import { Headphones, HeadphoneOff, Mic, MicOff } from 'lucide-react';
import { useLocalMedia } from './useVoice';

/**
 * A mute-style toggle: its name says what pressing it does (so no aria-pressed, which would
 * read "Unmute, pressed"), its tooltip gives the shortcut.
 */
function Toggle({
  on,
  label,
  keys,
  shortcut,
  onClick,
  children,
}: {
  on: boolean;
  label: string;
  keys: string;
  shortcut: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-keyshortcuts={keys}
      title={`${label} (${shortcut})`}
      className={`rounded p-1.5 hover:bg-chat ${on ? 'text-danger' : 'text-muted hover:text-strong'}`}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** Mute and deafen, in the user panel as in Discord; they also apply before you join a call. */
export function VoiceControls() {
  const { micMuted, deafened, toggleMute, toggleDeafen } = useLocalMedia();
  const muted = micMuted || deafened;
  return (
    <>
      <Toggle
        on={muted}
        label={muted ? 'Unmute' : 'Mute'}
        keys="Control+Shift+M"
        shortcut="Ctrl+Shift+M"
        onClick={toggleMute}
      >
        {muted ? <MicOff size={18} aria-hidden="true" /> : <Mic size={18} aria-hidden="true" />}
      </Toggle>
      <Toggle
        on={deafened}
        label={deafened ? 'Undeafen' : 'Deafen'}
        keys="Control+Shift+D"
        shortcut="Ctrl+Shift+D"
        onClick={toggleDeafen}
      >
        {deafened ? (
          <HeadphoneOff size={18} aria-hidden="true" />
        ) : (
          <Headphones size={18} aria-hidden="true" />
        )}
      </Toggle>
    </>
  );
}
