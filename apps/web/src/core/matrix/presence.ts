import {
  ClientEvent,
  SetPresence,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
} from 'matrix-js-sdk';
import { EventTypes } from './event-types';
import { voiceSharingOf, type VoiceSharing } from './voice-sharing';
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
  'setSyncPresence' | 'setPresence' | 'getUserId' | 'getUser' | 'on' | 'off' | 'getAccountData'
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

/**
 * What your presence says of your call. Presence reaches everyone who shares any room with you,
 * so it names the channel only when you share that with everyone (and the channel is not
 * private); by default it says just "In voice", and the people of the server see where from
 * your call membership; with "nobody" it says nothing.
 */
export function callActivity(
  call: ActiveCall | undefined,
  rooms: RoomsStore,
  sharing: VoiceSharing,
): string | undefined {
  if (!call || (call.phase !== 'connected' && call.phase !== 'reconnecting')) return undefined;
  if (sharing === 'nobody') return undefined;
  for (const server of rooms.servers) {
    const channel = server.channels.find((c) => c.id === call.roomId);
    if (channel)
      return voiceActivity({
        kind: 'channel',
        name: channel.name,
        private: channel.encrypted || sharing !== 'everyone',
      });
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
    const activity = callActivity(voice.getState().call, rooms.getState(), voiceSharingOf(client));
    if (activity !== published) publish(activity);
  };
  const onAccountData = (event: MatrixEvent) => {
    if (event.getType() === EventTypes.HaosVoiceSharing) update();
  };
  const onSync = (state: SyncState) => {
    if (state !== SyncState.Prepared) return;
    client.off(ClientEvent.Sync, onSync);
    const own = client.getUser(client.getUserId() ?? '')?.events.presence;
    const left = parseStatusMessage(own?.getContent<{ status_msg?: string }>().status_msg);
    const me = client.getUserId();
    const current = callActivity(voice.getState().call, rooms.getState(), voiceSharingOf(client));
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
  client.on(ClientEvent.AccountData, onAccountData);
  const unsubscribeVoice = voice.subscribe((s, prev) => s.call !== prev.call && update());
  const unsubscribeRooms = rooms.subscribe(update);
  return () => {
    client.off(ClientEvent.Sync, onSync);
    client.off(ClientEvent.AccountData, onAccountData);
    unsubscribeVoice();
    unsubscribeRooms();
  };
}
