import { EventTimeline, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { callHistory, type CallEventLike } from './call-history';
import { describeCall, type CallView } from './call-summary';
import { EventTypes } from './event-types';

function callEventOf(event: MatrixEvent): CallEventLike {
  return {
    id: event.getId() ?? '',
    type: event.getType(),
    sender: event.getSender() ?? '',
    stateKey: event.getStateKey(),
    ts: event.getTs(),
    content: event.getContent(),
    prevContent: event.getPrevContent(),
  };
}

/**
 * The calls of a room's loaded timeline as the timeline shows them, named from its members.
 * Loaded only for rooms that have call events (kept out of the first screen's bundle).
 *
 * @param events the call events of the live timeline, oldest first
 */
export function timelineCalls(room: Room, events: readonly MatrixEvent[]): CallView[] {
  const live = room.getLiveTimeline();
  const before = live.getState(EventTimeline.BACKWARDS)?.getStateEvents(EventTypes.CallMember);
  const nameOf = (userId: string) => room.getMember(userId)?.name ?? userId;
  const others = room
    .getJoinedMembers()
    .map((m) => m.userId)
    .filter((u) => u !== room.myUserId);
  return callHistory(events.map(callEventOf), (before ?? []).map(callEventOf), Date.now()).map(
    (call) => describeCall(call, room.myUserId, nameOf, others),
  );
}
