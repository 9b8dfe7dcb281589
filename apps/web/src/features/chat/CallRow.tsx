import type { CallView } from '../../core/matrix/room-timeline';

const ICON: Record<CallView['kind'], { glyph: string; className: string }> = {
  ended: { glyph: '📞', className: 'text-muted' },
  ongoing: { glyph: '📞', className: 'text-ok' },
  missed: { glyph: '📵', className: 'text-danger' },
  declined: { glyph: '📵', className: 'text-danger' },
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
  const icon = ICON[call.kind];
  return (
    <li
      ref={measure}
      data-index={index}
      aria-label={`Call: ${call.text}`}
      data-call={call.kind}
      className="flex items-baseline gap-2 px-4 pt-3 pb-1 text-sm text-muted"
    >
      <span aria-hidden className={icon.className}>
        {icon.glyph}
      </span>
      <span className={call.kind === 'missed' || call.kind === 'declined' ? 'text-normal' : ''}>
        {call.text}
      </span>
      <time dateTime={time.toISOString()} className="text-xs">
        {time.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
      </time>
    </li>
  );
}
