import {
  MatrixEventEvent,
  RoomEvent,
  type IRoomTimelineData,
  type MatrixClient,
  type MatrixEvent,
  type Room,
} from 'matrix-js-sdk';
import { EventTypes } from './event-types';

/**
 * Calls `handle` for each new event arriving live in a room's timeline (not back-paginated
 * history) that `wanted` lets through; an encrypted one once it is decrypted (never if it
 * cannot be), with `wasEncrypted` set. Returns the unbind, after which nothing is handled.
 */
export function onLiveEvents(
  client: Pick<MatrixClient, 'on' | 'off'>,
  handle: (event: MatrixEvent, room: Room, wasEncrypted: boolean) => void,
  wanted: (event: MatrixEvent) => boolean = () => true,
): () => void {
  let unbound = false;
  const onTimeline = (
    event: MatrixEvent,
    room: Room | undefined,
    toStart: boolean | undefined,
    _removed: boolean,
    data: IRoomTimelineData,
  ) => {
    if (toStart || !data.liveEvent || !room || !wanted(event)) return;
    // An encrypted event (every DM's) is known only once decrypted, a moment later.
    if (event.isEncrypted() && event.getType() === EventTypes.Encrypted) {
      event.once(MatrixEventEvent.Decrypted, () => {
        if (!event.isDecryptionFailure() && !unbound) handle(event, room, true);
      });
      return;
    }
    handle(event, room, false);
  };
  client.on(RoomEvent.Timeline, onTimeline);
  return () => {
    unbound = true;
    client.off(RoomEvent.Timeline, onTimeline);
  };
}
