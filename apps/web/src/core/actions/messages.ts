import type { Mention } from '../matrix/message-content';
import { downloadMedia, sendFile } from '../matrix/media';
import {
  discardSend,
  editText,
  retrySend,
  sendText,
  toggleReaction,
} from '../matrix/message-actions';
import { RoomTimeline, type MediaView } from '../matrix/room-timeline';
import type { RoomsStoreApi } from '../../stores/rooms-store';
import { requireClient, type ClientSource } from './client-source';

/** Timelines kept alive for the most recent rooms (switching back is instant). */
const KEPT_TIMELINES = 8;

/**
 * Messages: sending, editing, deleting, reacting, files, typing, read receipts, mentions, and
 * the room timelines it owns (disposed with `dispose()` when the session ends).
 */
export class MessageActions {
  private readonly timelines = new Map<string, RoomTimeline>();

  constructor(
    private readonly source: ClientSource,
    private readonly rooms: RoomsStoreApi,
    /** Servers to name in channel links (ServerActions.inviteVia). */
    private readonly via: () => string[],
  ) {}

  private get client() {
    return requireClient(this.source);
  }

  /** Sends what was typed in the composer, optionally as a reply. */
  sendMessage(
    roomId: string,
    text: string,
    replyToId?: string,
    mentions: readonly Mention[] = [],
  ): Promise<void> {
    return sendText(this.client, roomId, text, replyToId, mentions);
  }

  /** Replaces the text of one of your messages (m.replace). */
  editMessage(
    roomId: string,
    eventId: string,
    text: string,
    mentions: readonly Mention[] = [],
  ): Promise<void> {
    return editText(this.client, roomId, eventId, text, mentions);
  }

  /** Deletes (redacts) a message. */
  async deleteMessage(roomId: string, eventId: string): Promise<void> {
    await this.client.redactEvent(roomId, eventId);
  }

  /** Adds your reaction, or takes it back if you already reacted with that key. */
  toggleReaction(
    roomId: string,
    eventId: string,
    key: string,
    myReactionId: string | undefined,
  ): Promise<void> {
    return toggleReaction(this.client, roomId, eventId, key, myReactionId);
  }

  /** Sends a failed message again. */
  retrySend(roomId: string, eventId: string): Promise<void> {
    return retrySend(this.client, roomId, eventId);
  }

  /** Drops a message that failed to send. */
  discardSend(roomId: string, eventId: string): void {
    discardSend(this.client, roomId, eventId);
  }

  /** Uploads a file to a room (encrypted in encrypted rooms), reporting progress 0..1. */
  sendFile(roomId: string, file: File, onProgress: (fraction: number) => void): Promise<void> {
    return sendFile(this.client, roomId, file, onProgress);
  }

  /** An attachment's bytes, fetched with authentication and decrypted when needed. */
  downloadMedia(media: MediaView): Promise<Blob> {
    return downloadMedia(this.client, media.mxc, media.encrypted, media.mimetype);
  }

  /** Tells the room you are typing (or stopped). */
  setTyping(roomId: string, typing: boolean): void {
    void this.source()
      ?.sendTyping(roomId, typing, 6000)
      .catch(() => undefined);
  }

  /** The event your read receipt points at in a room (where "new messages" start after). */
  readUpTo(roomId: string): string | undefined {
    const client = this.source();
    return client?.getRoom(roomId)?.getEventReadUpTo(client.getUserId() ?? '') ?? undefined;
  }

  /** Marks everything up to the newest event of a room as read (read receipt). */
  markRead(roomId: string): void {
    const client = this.source();
    const room = client?.getRoom(roomId);
    const last = room?.getLiveTimeline().getEvents().at(-1);
    if (
      !client ||
      !room ||
      !last ||
      room.getEventReadUpTo(client.getUserId() ?? '') === last.getId()
    )
      return;
    void client.sendReadReceipt(last).catch(() => undefined);
  }

  /** Who and what can be mentioned from a room: its members, and the channels of its server. */
  mentionCandidates(roomId: string): Mention[] {
    const client = this.source();
    const room = client?.getRoom(roomId);
    if (!client || !room) return [];
    const users: Mention[] = room
      .getJoinedMembers()
      .filter((m) => m.userId !== client.getUserId())
      .map((m) => ({ text: `@${m.name}`, kind: 'user', id: m.userId }));
    const server = this.rooms
      .getState()
      .servers.find((s) => s.channels.some((c) => c.id === roomId));
    const channels: Mention[] = (server?.channels ?? []).map((c) => ({
      text: `#${c.name}`,
      kind: 'room',
      id: c.id,
      via: this.via(),
    }));
    return [...users, ...channels];
  }

  /**
   * The timeline of a room, created on first use and kept for the few most recent rooms
   * (switching back is instant); older ones are disposed.
   */
  timelineFor(roomId: string): RoomTimeline | undefined {
    const client = this.source();
    const room = client?.getRoom(roomId);
    if (!client || !room) return undefined;
    let timeline = this.timelines.get(roomId);
    if (timeline) {
      this.timelines.delete(roomId);
    } else {
      timeline = new RoomTimeline(client, room);
    }
    this.timelines.set(roomId, timeline);
    while (this.timelines.size > KEPT_TIMELINES) {
      const [oldestId, oldest] = this.timelines.entries().next().value as [string, RoomTimeline];
      oldest.dispose();
      this.timelines.delete(oldestId);
    }
    return timeline;
  }

  /** Disposes every timeline (the session is ending). */
  dispose(): void {
    for (const timeline of this.timelines.values()) timeline.dispose();
    this.timelines.clear();
  }
}
