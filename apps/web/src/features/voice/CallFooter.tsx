import { VideoControls } from '../video/VideoControls';
import { DisconnectButton } from './DisconnectButton';
import { VoiceControls } from './VoiceControls';

/** Below a call stage: the call controls while you are in it, else a button to join it. */
export function CallFooter({
  joined,
  join,
  joinLabel,
}: {
  joined: boolean;
  join: () => void;
  joinLabel: string;
}) {
  return (
    <footer className="flex items-center justify-center gap-2 p-3">
      {joined ? (
        <>
          <VoiceControls />
          <VideoControls />
          <DisconnectButton prominent />
        </>
      ) : (
        <button
          type="button"
          className="rounded bg-ok px-4 py-2 font-semibold text-white"
          onClick={join}
        >
          {joinLabel}
        </button>
      )}
    </footer>
  );
}
