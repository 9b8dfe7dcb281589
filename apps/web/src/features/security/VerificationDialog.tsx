import type { ReactNode } from 'react';
import { useController } from '../../app/ControllerContext';
import { Modal } from '../../app/Modal';
import type { EmojiView, VerificationState } from '../../stores/security-store';
import { SecurityErrorLine } from './SecurityErrorLine';
import { useSecurity } from './useSecurity';
import { useSecurityAction } from './useSecurityAction';

const primary = 'flex-1 rounded bg-blurple p-2.5 font-medium text-white disabled:opacity-60';
const secondary = 'flex-1 rounded bg-input p-2.5 font-medium text-strong disabled:opacity-60';
const danger = 'flex-1 rounded bg-danger p-2.5 font-medium text-white disabled:opacity-60';

/** The seven emoji, each with its name as text (what screen readers and tests read). */
function EmojiList({ emoji }: { emoji: EmojiView[] }) {
  return (
    <ul aria-label="Emoji to compare" className="flex flex-wrap justify-center gap-3 py-2">
      {emoji.map((e, i) => (
        <li key={i} className="flex w-16 flex-col items-center text-center">
          <span aria-hidden="true" className="text-4xl leading-tight">
            {e.symbol}
          </span>
          <span className="text-xs text-muted">{e.name}</span>
        </li>
      ))}
    </ul>
  );
}

function Buttons({ children }: { children: ReactNode }) {
  return <div className="flex gap-2 pt-2">{children}</div>;
}

const titles: Record<VerificationState['phase'], string> = {
  idle: 'Verify this device',
  incoming: 'Verify your new sign-in?',
  requested: 'Verify this device',
  ready: 'Verify this device',
  'showing-emoji': 'Compare emoji',
  confirmed: 'Compare emoji',
  done: 'Verified',
  cancelled: 'Verification cancelled',
};

/**
 * Emoji verification between two of your devices, on either side: the incoming prompt, waiting,
 * the emoji to compare, and how it ended. Renders the store's `verification`.
 */
export default function VerificationDialog() {
  const controller = useController();
  const state = useSecurity((s) => s.verification);
  const { busy, error, run } = useSecurityAction();
  const encryption = controller.encryption;
  const close = () => void encryption.dismissVerification();

  let body: ReactNode;
  switch (state.phase) {
    case 'idle':
      return null;
    case 'incoming':
      body = (
        <>
          <p className="text-sm">
            A device signed in to your account
            {state.otherDeviceId ? (
              <>
                {' '}
                (device ID <code>{state.otherDeviceId}</code>)
              </>
            ) : null}{' '}
            asks to be verified. Accept only if you just signed in there yourself.
          </p>
          <Buttons>
            <button
              type="button"
              className={secondary}
              disabled={busy}
              onClick={() => void run(() => encryption.cancelVerification())}
            >
              Decline
            </button>
            <button
              type="button"
              className={primary}
              disabled={busy}
              onClick={() => void run(() => encryption.acceptVerification())}
            >
              Accept
            </button>
          </Buttons>
        </>
      );
      break;
    case 'requested':
      body = (
        <>
          <p role="status" className="text-sm">
            Waiting for your other device… Open HAOS (or another Matrix app) where you are already
            signed in, and accept the request there.
          </p>
          <Buttons>
            <button type="button" className={secondary} onClick={close}>
              Cancel
            </button>
          </Buttons>
        </>
      );
      break;
    case 'ready':
      body = (
        <p role="status" className="text-sm">
          Getting the emoji ready…
        </p>
      );
      break;
    case 'showing-emoji':
      body = (
        <>
          <p className="text-sm">
            Check that the other device shows the same emoji, in the same order.
          </p>
          <EmojiList emoji={state.emoji} />
          <Buttons>
            <button
              type="button"
              className={danger}
              disabled={busy}
              onClick={() => encryption.rejectEmoji()}
            >
              They don&apos;t match
            </button>
            <button
              type="button"
              className={primary}
              disabled={busy}
              onClick={() => void run(() => encryption.confirmEmoji())}
            >
              They match
            </button>
          </Buttons>
        </>
      );
      break;
    case 'confirmed':
      body = (
        <>
          <EmojiList emoji={state.emoji} />
          <p role="status" className="text-sm">
            Waiting for your other device to confirm…
          </p>
        </>
      );
      break;
    case 'done':
      body = (
        <>
          <p role="status" className="text-sm text-ok">
            Verified. Your devices trust each other, and encryption keys are shared between them.
          </p>
          <Buttons>
            <button type="button" className={primary} onClick={close}>
              Done
            </button>
          </Buttons>
        </>
      );
      break;
    case 'cancelled':
      body = (
        <>
          <p role="alert" data-code={state.reason.code} className="text-sm text-danger">
            {state.reason.message}
          </p>
          <Buttons>
            <button type="button" className={secondary} onClick={close}>
              OK
            </button>
          </Buttons>
        </>
      );
      break;
  }

  return (
    <Modal
      open
      onOpenChange={(open) => {
        if (!open) close();
      }}
      title={titles[state.phase]}
    >
      <div className="space-y-3">
        {body}
        <SecurityErrorLine error={error} />
      </div>
    </Modal>
  );
}
