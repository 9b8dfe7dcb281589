import { Headphones, HeadphoneOff, Mic, MicOff } from 'lucide-react';
import { useLocalMedia } from './useVoice';

const button = (on: boolean) =>
  `rounded p-1.5 hover:bg-chat ${on ? 'text-danger' : 'text-muted hover:text-strong'}`;

/** Mute and deafen, in the user panel as in Discord; they also apply before you join a call. */
export function VoiceControls() {
  const { micMuted, deafened, toggleMute, toggleDeafen } = useLocalMedia();
  const muted = micMuted || deafened;
  const muteLabel = muted ? 'Unmute' : 'Mute';
  const deafenLabel = deafened ? 'Undeafen' : 'Deafen';
  return (
    <>
      <button
        type="button"
        aria-label={muteLabel}
        aria-pressed={muted}
        aria-keyshortcuts="Control+Shift+M"
        title={`${muteLabel} (Ctrl+Shift+M)`}
        className={button(muted)}
        onClick={toggleMute}
      >
        {muted ? <MicOff size={18} aria-hidden="true" /> : <Mic size={18} aria-hidden="true" />}
      </button>
      <button
        type="button"
        aria-label={deafenLabel}
        aria-pressed={deafened}
        aria-keyshortcuts="Control+Shift+D"
        title={`${deafenLabel} (Ctrl+Shift+D)`}
        className={button(deafened)}
        onClick={toggleDeafen}
      >
        {deafened ? (
          <HeadphoneOff size={18} aria-hidden="true" />
        ) : (
          <Headphones size={18} aria-hidden="true" />
        )}
      </button>
    </>
  );
}
