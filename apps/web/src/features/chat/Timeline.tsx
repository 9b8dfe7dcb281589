import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useController } from '../../app/ControllerContext';
import { CallRow } from './CallRow';
import { MessageRow } from './MessageRow';
import { loadFormattedBody } from './MessageBody';
import type { DraftIntent } from './MessageActions';
import { firstUnreadAfter, timelineRows, type TimelineRow } from './timeline-rows';
import { useTimeline } from './useTimeline';

/** Load older messages when the view is this close to the top (px). */
const LOAD_MARGIN = 600;
/** Counts as "at the bottom" (new messages keep it there) within this distance (px). */
const STICK_MARGIN = 40;

/**
 * The messages of a channel, newest at the bottom; scrolling up loads older ones. Only the rows
 * in and near the view are in the DOM (virtualized), so a channel of any length stays light;
 * the view keeps its place when older messages load above it and follows new ones at the bottom.
 */
export function Timeline({
  roomId,
  onIntent,
}: {
  roomId: string;
  onIntent: (intent: DraftIntent) => void;
}) {
  const { state, timeline } = useTimeline(roomId);
  const controller = useController();
  // Where "new messages" start: your read position when you opened the channel.
  const [readUpTo] = useState(() => controller.messages.readUpTo(roomId));
  const rows = useMemo(
    () =>
      timelineRows(state.messages, {
        atStart: !state.canPaginate,
        firstUnreadId: firstUnreadAfter(state.messages, readUpTo),
        calls: state.calls,
      }),
    [state.messages, state.calls, state.canPaginate, readUpTo],
  );
  const scroller = useRef<HTMLDivElement>(null);

  // This component is not compiled with React Compiler; the virtualizer re-renders it itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) =>
      rows[i]?.kind === 'call' ? 32 : rows[i]?.kind === 'message' && rows[i].grouped ? 26 : 52,
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
    // A chat: older rows loading above keep what is in view in place, and new ones at the
    // bottom are followed while the view is at the bottom.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: STICK_MARGIN,
  });

  useEffect(() => {
    void loadFormattedBody().catch(() => undefined);
  }, []);

  // A channel opens at its newest message.
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (opened.current || rows.length === 0) return;
    opened.current = true;
    virtualizer.scrollToEnd();
  }, [rows.length, virtualizer]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // Reading the newest messages of a visible window marks them read.
    if (virtualizer.isAtEnd(STICK_MARGIN) && document.visibilityState === 'visible') {
      controller.messages.markRead(roomId);
    }
    // Near the top, or not enough messages to fill the view: load older ones (again, after a
    // page that brought little) until the view is full or history ends.
    const short = el.scrollHeight <= el.clientHeight + LOAD_MARGIN;
    if ((short || el.scrollTop < LOAD_MARGIN) && state.canPaginate && !state.paginating) {
      void timeline?.paginateBack();
    }
  }, [
    state.messages,
    state.canPaginate,
    state.paginating,
    timeline,
    controller,
    roomId,
    virtualizer,
  ]);

  const onScroll = () => {
    const el = scroller.current;
    if (el && el.scrollTop < LOAD_MARGIN && state.canPaginate && !state.paginating) {
      void timeline?.paginateBack();
    }
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      className="flex-1 overflow-y-auto [overflow-anchor:none]"
      aria-busy={state.paginating}
    >
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        <ol
          aria-label="Messages"
          className="absolute left-0 top-0 w-full"
          style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}
        >
          {items.map((item) => {
            const row = rows[item.index]!;
            if (row.kind === 'call') {
              return (
                <CallRow
                  key={item.key}
                  call={row.call}
                  index={item.index}
                  measure={virtualizer.measureElement}
                />
              );
            }
            return row.kind === 'message' ? (
              <MessageRow
                key={item.key}
                index={item.index}
                measure={virtualizer.measureElement}
                message={row.message}
                readBy={state.readers[row.message.id]}
                grouped={row.grouped}
                roomId={roomId}
                onIntent={onIntent}
              />
            ) : (
              <Divider
                key={item.key}
                row={row}
                index={item.index}
                measure={virtualizer.measureElement}
              />
            );
          })}
        </ol>
      </div>
      <p aria-live="polite" className="h-5 px-4 pt-1 text-xs text-muted">
        {typingText(state.typing)}
      </p>
    </div>
  );
}

function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length <= 3) return `${names.join(', ')} are typing…`;
  return 'Several people are typing…';
}

function Divider({
  row,
  index,
  measure,
}: {
  row: Exclude<TimelineRow, { kind: 'message' | 'call' }>;
  index: number;
  measure: (el: HTMLElement | null) => void;
}) {
  if (row.kind === 'start') {
    return (
      <li ref={measure} data-index={index} className="px-4 pb-2 pt-6 text-sm text-muted">
        This is the beginning of the channel.
      </li>
    );
  }
  if (row.kind === 'day') {
    return (
      <li
        ref={measure}
        data-index={index}
        role="separator"
        className="mx-4 flex items-center gap-2 pt-4 text-xs font-semibold text-muted"
      >
        <span className="h-px flex-1 bg-white/10" />
        {new Date(row.ts).toLocaleDateString(undefined, { dateStyle: 'long' })}
        <span className="h-px flex-1 bg-white/10" />
      </li>
    );
  }
  return (
    <li
      ref={measure}
      data-index={index}
      role="separator"
      aria-label="New messages"
      className="mx-4 flex items-center gap-2 pt-3 text-xs font-bold text-danger"
    >
      <span className="h-px flex-1 bg-danger" />
      NEW
    </li>
  );
}
