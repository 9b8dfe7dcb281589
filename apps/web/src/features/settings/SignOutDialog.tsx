import { Modal } from '../../app/Modal';
import { useController } from '../../app/ControllerContext';
import type { RecoveryRisk } from '../security/recovery-risk';

const WORDS: Record<Exclude<RecoveryRisk, 'none'>, { text: string; action: string }> = {
  'no-recovery': {
    text: "Your encrypted messages (direct messages and private channels) can only be read on devices that hold their keys. Recovery isn't set up, so if you sign out now, you won't be able to read them again on any new sign-in.",
    action: 'Set up recovery',
  },
  unverified: {
    text: "This device isn't verified, so keys to messages it received may not be in your backup. If you sign out now, you may not be able to read them again.",
    action: 'Verify this device',
  },
};

/** "Before you sign out": offered when signing out would lose encrypted history. */
export function SignOutDialog({
  risk,
  busy,
  onSignOut,
  onClose,
}: {
  risk: Exclude<RecoveryRisk, 'none'>;
  busy: boolean;
  onSignOut: () => void;
  onClose: () => void;
}) {
  const controller = useController();
  const words = WORDS[risk];
  return (
    <Modal
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title="Before you sign out"
    >
      <div className="space-y-3 text-sm">
        <p>{words.text}</p>
        {risk === 'no-recovery' && (
          <p>
            Setting up recovery takes a minute: HAOS gives you a recovery key to keep somewhere
            safe, and keeps an encrypted copy of your message keys on your homeserver.
          </p>
        )}
        <button
          type="button"
          className="w-full rounded bg-blurple p-2.5 font-medium text-white"
          onClick={() => {
            onClose();
            controller.encryption.openDialog();
          }}
        >
          {words.action}
        </button>
        <div className="flex gap-2">
          <button
            type="button"
            className="flex-1 rounded bg-input p-2 text-strong"
            onClick={onClose}
          >
            Cancel
          </button>
          <button
            type="button"
            disabled={busy}
            className="flex-1 rounded bg-danger p-2 font-medium text-white disabled:opacity-50"
            onClick={onSignOut}
          >
            Sign out anyway
          </button>
        </div>
      </div>
    </Modal>
  );
}
