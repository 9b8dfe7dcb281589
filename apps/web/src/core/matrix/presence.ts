import { ClientEvent, SetPresence, SyncState, type MatrixClient } from 'matrix-js-sdk';
import type { OwnStatus, SessionStoreApi } from '../../stores/session-store';
import type { RoomsStore, RoomsStoreApi } from '../../stores/rooms-store';
import type { ActiveCall, VoiceStoreApi } from '../../stores/voice-store';
import {
  composeStatusMessage,
  isCallActivity,
  parseStatusMessage,
  voiceActivity,
} from './status-message';

export type PresenceClient = Pick<
  MatrixClient,
  'setSyncPresence' | 'setPresence' | 'getUserId' | 'getUser' | 'on' | 'off'
>;

const PRESENCE = {
  online: SetPresence.Online,
  idle: SetPresence.Unavailable,
  dnd: SetPresence.Online,
  invisible: SetPresence.Offline,
} as const;

/**
 * Publishes your status as Matrix presence others see, with what you are doing as the status
 * message. The sync loop is told too: every /sync carries a presence, and would otherwise reset
 * it. Invisible tells nothing, not even a call.
 */
export async function publishPresence(
  client: PresenceClient,
  status: OwnStatus,
  activity: string | undefined,
): Promise<void> {
  await client.setSyncPresence(PRESENCE[status]);
  await client.setPresence({
    presence: PRESENCE[status],
    status_msg: composeStatusMessage({
      dnd: status === 'dnd',
      activity: status === 'invisible' ? undefined : activity,
    }),
  });
}

/** What your presence says of your call: the channel's name unless it is private. */
export function callActivity(call: ActiveCall | undefined, rooms: RoomsStore): string | undefined {
  if (!call || (call.phase !== 'connected' && call.phase !== 'reconnecting')) return undefined;
  for (const server of rooms.servers) {
    const channel = server.channels.find((c) => c.id === call.roomId);
    if (channel)
      return voiceActivity({ kind: 'channel', name: channel.name, private: channel.encrypted });
  }
  return voiceActivity({
    kind: rooms.directs.some((d) => d.id === call.roomId) ? 'direct' : 'other',
  });
}

/**
 * Keeps your presence's activity in step with your call: "In voice: General" once connected,
 * cleared when you leave. After the first sync, a call activity left over from a session that
 * ended without clearing it (a closed tab) is cleared too, unless another device of yours is in
 * a call.
 */
export function bindVoicePresence(
  client: PresenceClient,
  session: SessionStoreApi,
  voice: VoiceStoreApi,
  rooms: RoomsStoreApi,
): () => void {
  let published: string | undefined;
  const publish = (activity: string | undefined, status = session.getState().status) => {
    published = activity;
    void publishPresence(client, status, activity).catch(() => {
      // Try again on the next change: presence is best effort.
      published = undefined;
    });
  };
  const update = () => {
    const activity = callActivity(voice.getState().call, rooms.getState());
    if (activity !== published) publish(activity);
  };
  const onSync = (state: SyncState) => {
    if (state !== SyncState.Prepared) return;
    client.off(ClientEvent.Sync, onSync);
    const own = client.getUser(client.getUserId() ?? '')?.events.presence;
    const left = parseStatusMessage(own?.getContent<{ status_msg?: string }>().status_msg);
    const me = client.getUserId();
    const current = callActivity(voice.getState().call, rooms.getState());
    // Presence is per person: another device of yours still in a call keeps it.
    const inCallElsewhere = Object.values(voice.getState().roster).some((members) =>
      members.some((m) => m.userId === me),
    );
    if (!isCallActivity(left.activity) || current !== undefined || inCallElsewhere) return;
    // Do Not Disturb chosen in that session stays, here too.
    if (left.dnd) session.setState({ status: 'dnd' });
    publish(undefined);
  };
  client.on(ClientEvent.Sync, onSync);
  const unsubscribeVoice = voice.subscribe((s, prev) => s.call !== prev.call && update());
  const unsubscribeRooms = rooms.subscribe(update);
  return () => {
    client.off(ClientEvent.Sync, onSync);
    unsubscribeVoice();
    unsubscribeRooms();
  };
}
