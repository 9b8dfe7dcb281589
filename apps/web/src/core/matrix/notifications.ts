import { SyncState, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { EventTypes } from './event-types';
import { onLiveEvents } from './live-events';

export interface NotificationSink {
  /** True while the person is not looking at HAOS (tab hidden). */
  hidden(): boolean;
  /** Whether the person allowed desktop notifications. */
  permitted(): boolean;
  /** Shows a notification (`silent`: without the system's sound); returns what takes it away. */
  show(
    title: string,
    body: string,
    tag: string,
    options?: { silent?: boolean },
  ): (() => void) | void;
}

/** The browser's Notification API and page visibility, as a sink. */
export const browserSink: NotificationSink = {
  hidden: () => document.visibilityState === 'hidden',
  permitted: () => typeof Notification !== 'undefined' && Notification.permission === 'granted',
  show: (title, body, tag, options) => {
    const note = new Notification(title, { body, tag, silent: options?.silent ?? false });
    return () => note.close();
  },
};

export interface NotifyRules {
  /** The person set Do Not Disturb. */
  doNotDisturb(): boolean;
  isDirect(roomId: string): boolean;
}

export type NotifyClient = Pick<
  MatrixClient,
  'on' | 'off' | 'getSyncState' | 'getUserId' | 'getPushActionsForEvent'
>;

/**
 * Desktop notifications for new messages that mention you (push rules' highlight) or arrive in a
 * DM, while the tab is hidden and you are not on Do Not Disturb. Returns the unbind function.
 */
export function bindNotifications(
  client: NotifyClient,
  rules: NotifyRules,
  sink: NotificationSink = browserSink,
): () => void {
  const consider = (event: MatrixEvent, room: Room, wasEncrypted: boolean) => {
    if (event.getType() !== EventTypes.Message) return;
    if (!sink.hidden() || !sink.permitted() || rules.doNotDisturb()) return;
    // Push rules match on the decrypted content: work them out again once it is known.
    const highlight = client.getPushActionsForEvent(event, wasEncrypted)?.tweaks.highlight === true;
    if (!highlight && !rules.isDirect(room.roomId)) return;
    const sender = room.getMember(event.getSender() ?? '')?.name ?? event.getSender() ?? '';
    const body = event.getContent<{ body?: unknown }>().body;
    sink.show(
      rules.isDirect(room.roomId) ? sender : `${sender} in ${room.name}`,
      typeof body === 'string' ? body.slice(0, 200) : 'New message',
      event.getId() ?? '',
    );
  };
  return onLiveEvents(
    client,
    consider,
    (event) =>
      client.getSyncState() === SyncState.Syncing && event.getSender() !== client.getUserId(),
  );
}
