import type { Room } from 'matrix-js-sdk';
import { EventTypes, RoomTypes } from './event-types';
import { parseLayout, type ChannelLayout } from './channel-layout';
import type { AdminClient } from './server-admin';

/** A server's channel layout (categories), from its space's state. */
export function layoutOf(space: Room): ChannelLayout {
  return parseLayout(
    space.currentState.getStateEvents(EventTypes.HaosChannelLayout, '')?.getContent(),
  );
}

/**
 * The sidebar group a channel is listed in: its category, or "text"/"voice" for channels
 * without one (see groupChannels). Moving a channel up or down stays inside its group.
 */
export function groupKeyOf(
  client: Pick<AdminClient, 'getRoom'>,
  layout: ChannelLayout,
  id: string,
) {
  return (
    layout.channels[id] ?? (client.getRoom(id)?.getType() === RoomTypes.Call ? 'voice' : 'text')
  );
}

/** Applies a change to a server's layout and sends it (moderators and above may). */
export async function updateLayout(
  client: AdminClient,
  serverId: string,
  change: (layout: ChannelLayout) => ChannelLayout,
): Promise<void> {
  const space = client.getRoom(serverId);
  if (!space) throw new Error('That server is not loaded yet.');
  const next = change(layoutOf(space));
  await client.sendStateEvent(serverId, EventTypes.HaosChannelLayout, next, '');
}
