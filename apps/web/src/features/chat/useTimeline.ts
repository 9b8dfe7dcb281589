import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useController } from '../../app/ControllerContext';
import type { RoomTimeline, TimelineState } from '../../core/matrix/room-timeline';

const empty = createStore<TimelineState>()(() => ({
  messages: [],
  calls: [],
  typing: [],
  readers: {},
  canPaginate: false,
  paginating: false,
}));

/** The timeline of a room: its state, and the timeline object for back-pagination. */
export function useTimeline(roomId: string): {
  state: TimelineState;
  timeline: RoomTimeline | undefined;
} {
  const controller = useController();
  const timeline = useMemo(() => controller.messages.timelineFor(roomId), [controller, roomId]);
  const state = useStore(timeline?.store ?? empty);
  return { state, timeline };
}
