import { useId, type ReactNode } from 'react';
import { Phone, PhoneOff } from 'lucide-react';
import { useController } from '../../app/ControllerContext';
import type { CallIntent } from '../../core/call/ringing';
import { useRinging } from './useRinging';

const kindOf = (intent: CallIntent) => (intent === 'video' ? 'video' : 'voice');

function Notice({
  text,
  onDismiss,
  alert = false,
}: {
  text: string;
  onDismiss: () => void;
  /** A failure (announced at once), not news. */
  alert?: boolean;
}) {
  return (
    <div
      role={alert ? 'alert' : 'status'}
      className="flex items-center gap-2 rounded-lg bg-rail p-3 shadow-xl"
    >
      <p className={`flex-1 text-sm ${alert ? 'text-danger' : 'text-strong'}`}>{text}</p>
      <button
        type="button"
        className="rounded px-2 py-1 text-sm text-muted hover:text-strong"
        onClick={onDismiss}
      >
        Dismiss
      </button>
    </div>
  );
}

function AnswerButton({
  label,
  colour,
  onClick,
  children,
}: {
  label: string;
  colour: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`flex flex-1 items-center justify-center gap-1 rounded px-3 py-2 font-semibold text-white ${colour}`}
      onClick={onClick}
    >
      {children} {label}
    </button>
  );
}

/** A call ringing for you: who calls, Accept and Decline. */
function IncomingCall() {
  const controller = useController();
  const ring = useRinging((s) => s.incoming[0]);
  const titleId = useId();
  if (!ring) return null;
  const { notificationId } = ring;
  return (
    <div
      role="alertdialog"
      aria-labelledby={titleId}
      className="flex flex-col gap-3 rounded-lg bg-rail p-4 shadow-2xl"
    >
      <h2 id={titleId} className="font-semibold text-strong">
        Incoming {kindOf(ring.intent)} call from {ring.callerName}
      </h2>
      <div className="flex gap-2">
        <AnswerButton
          label="Accept"
          colour="bg-ok"
          onClick={() => void controller.ringing.accept(notificationId)}
        >
          <Phone size={16} aria-hidden="true" />
        </AnswerButton>
        <AnswerButton
          label="Decline"
          colour="bg-danger"
          onClick={() => void controller.ringing.decline(notificationId)}
        >
          <PhoneOff size={16} aria-hidden="true" />
        </AnswerButton>
      </div>
    </div>
  );
}

/**
 * Calls ringing for you and what became of calls that rang, wherever you are in the app: the
 * incoming call prompt, "declined" and "no answer" for your call, missed calls, failures.
 */
export default function RingAlerts() {
  const controller = useController();
  const outgoing = useRinging((s) => s.outgoing);
  const missed = useRinging((s) => s.missed);
  const error = useRinging((s) => s.error);
  const dismiss = (roomId: string) => void controller.ringing.dismiss(roomId);
  return (
    <div className="fixed right-4 top-4 z-50 flex w-80 max-w-[92vw] flex-col gap-2">
      <IncomingCall />
      {outgoing && outgoing.status !== 'ringing' && (
        <Notice
          text={
            outgoing.status === 'declined'
              ? `${outgoing.calleeName} declined the call`
              : `No answer from ${outgoing.calleeName}`
          }
          onDismiss={() => dismiss(outgoing.roomId)}
        />
      )}
      {missed.map((call) => (
        <Notice
          key={call.notificationId}
          text={`Missed ${kindOf(call.intent)} call from ${call.callerName}`}
          onDismiss={() => dismiss(call.roomId)}
        />
      ))}
      {error && (
        <Notice alert text={error.message} onDismiss={() => controller.ringing.dismissError()} />
      )}
    </div>
  );
}
