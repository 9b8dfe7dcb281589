import { useState } from 'react';
import { useController } from '../../app/ControllerContext';
import { VOICE_SHARING_CHOICES, type VoiceSharing } from '../../core/matrix/voice-sharing';
import { useRooms } from '../servers/useServers';

const CHOICE: Record<VoiceSharing, { label: string; hint: string }> = {
  everyone: {
    label: 'Everyone',
    hint: 'Your status says "In voice: General" to anyone who shares a room with you.',
  },
  server: {
    label: 'People in the same server',
    hint: 'They see you under the channel. Your status says only "In voice".',
  },
  nobody: {
    label: 'Nobody',
    hint: 'Your status never mentions calls. People in the channel still see you in it.',
  },
};

/** Who may learn which voice channel you are in (kept in your account, for every device). */
export function VoiceSharingSetting() {
  const controller = useController();
  useRooms((s) => s.version); // account data changes rebuild the rooms snapshot
  const saved = controller.settings.voiceSharing();
  // The choice shows at once; it is saved (and other devices follow) a moment later.
  const [chosen, setChosen] = useState<VoiceSharing>();
  const current = chosen ?? saved;
  const [error, setError] = useState<string>();
  return (
    <fieldset className="space-y-1">
      <legend className="mb-1 font-semibold">Who sees which voice channel you are in</legend>
      {VOICE_SHARING_CHOICES.map((choice) => (
        <div key={choice} className="flex items-start gap-2">
          <input
            id={`voice-sharing-${choice}`}
            type="radio"
            name="voice-sharing"
            value={choice}
            checked={current === choice}
            aria-describedby={`voice-sharing-${choice}-hint`}
            className="mt-1"
            onChange={() => {
              setError(undefined);
              setChosen(choice);
              controller.settings.setVoiceSharing(choice).catch((e: unknown) => {
                setChosen(undefined);
                setError(`Not saved: ${(e as Error).message}`);
              });
            }}
          />
          <span>
            <label htmlFor={`voice-sharing-${choice}`} className="cursor-pointer">
              {CHOICE[choice].label}
            </label>
            <span id={`voice-sharing-${choice}-hint`} className="block text-xs text-muted">
              {CHOICE[choice].hint}
            </span>
          </span>
        </div>
      ))}
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </fieldset>
  );
}
