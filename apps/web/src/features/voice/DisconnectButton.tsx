import { PhoneOff } from 'lucide-react';
import { useController } from '../../app/ControllerContext';

/** Leaves the call you are in. */
export function DisconnectButton({ prominent = false }: { prominent?: boolean }) {
  const controller = useController();
  return (
    <button
      type="button"
      aria-label="Disconnect"
      title="Disconnect"
      className={
        prominent
          ? 'rounded-full bg-danger p-2 text-white'
          : 'rounded p-1.5 text-muted hover:bg-chat hover:text-danger'
      }
      onClick={() => void controller.voice.leave()}
    >
      <PhoneOff size={18} aria-hidden="true" />
    </button>
  );
}
