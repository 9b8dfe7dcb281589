import { Phone, PhoneMissed, type LucideIcon } from 'lucide-react';
import type { CallView } from '../../core/matrix/room-timeline';

const ICON: Record<CallView['kind'], { Icon: LucideIcon; className: string }> = {
  ended: { Icon: Phone, className: 'text-muted' },
  ongoing: { Icon: Phone, className: 'text-ok' },
  missed: { Icon: PhoneMissed, className: 'text-danger' },
  declined: { Icon: PhoneMissed, className: 'text-danger' },
};

/** A call in the timeline, one compact line: phone icon, what happened, and when it started. */
export function CallRow({
  call,
  index,
  measure,
}: {
  call: CallView;
  index: number;
  measure: (el: HTMLElement | null) => void;
}) {
  const time = new Date(call.ts);
  const { Icon, className } = ICON[call.kind];
  return (
    <li
      ref={measure}
      data-index={index}
      aria-label={`Call: ${call.text}`}
      data-call={call.kind}
      className="flex items-start gap-2 px-4 pt-3 pb-1 text-sm text-muted"
    >
      <Icon aria-hidden size={16} className={`mt-0.5 shrink-0 ${className}`} />
      <span
        className={`min-w-0 flex-1 ${call.kind === 'missed' || call.kind === 'declined' ? 'text-normal' : ''}`}
      >
        {call.text}
      </span>
      <time dateTime={time.toISOString()} className="shrink-0 whitespace-nowrap pt-0.5 text-xs">
        {time.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
      </time>
    </li>
  );
}
