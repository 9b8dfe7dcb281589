import { EventStatus, type MatrixEvent, type Room } from 'matrix-js-sdk';
import type { IEncryptedFile } from 'matrix-encrypt-attachment';
import { DecryptionFailureCode } from 'matrix-js-sdk/lib/crypto-api';
import { EventTypes } from './event-types';
import { isInlineImage } from './media-types';

/** Why a message can't be read, for people. */
export function undecryptableText(reason: DecryptionFailureCode | null): string {
  switch (reason) {
    case DecryptionFailureCode.HISTORICAL_MESSAGE_NO_KEY_BACKUP:
    case DecryptionFailureCode.HISTORICAL_MESSAGE_BACKUP_UNCONFIGURED:
    case DecryptionFailureCode.HISTORICAL_MESSAGE_WORKING_BACKUP:
      return 'Unable to decrypt this message: it was sent before this device signed in. Verify this device to read it.';
    case DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED:
      return 'Unable to decrypt this message: it was sent before you joined.';
    default:
      return 'Unable to decrypt this message.';
  }
}

/** One message as the channel view shows it. */
export interface MessageView {
  id: string;
  sender: string;
  senderName: string;
  ts: number;
  body: string;
  /** Sanitized before display; may be absent. */
  formattedBody: string | undefined;
  msgtype: string;
  status: 'sent' | 'sending' | 'failed';
  edited: boolean;
  redacted: boolean;
  /** Sent by the signed-in user (may edit and delete it). */
  own: boolean;
  replyTo: { id: string; senderName: string; body: string } | undefined;
  reactions: ReactionView[];
  /** An image or file attached to the message. */
  media: MediaView | undefined;
}

export interface MediaView {
  /** 'image' only for the raster types HAOS shows inline (media-types.ts); SVG is a 'file'. */
  kind: 'image' | 'file';
  mxc: string;
  /** Key and hashes when the file is end-to-end encrypted. */
  encrypted: IEncryptedFile | undefined;
  name: string;
  /** What the sender claims (`info.mimetype`); undefined when the event says nothing. */
  mimetype: string | undefined;
  size: number | undefined;
  width: number | undefined;
  height: number | undefined;
}

export function mediaOf(content: Record<string, unknown>): MediaView | undefined {
  const msgtype = content.msgtype;
  if (
    msgtype !== 'm.image' &&
    msgtype !== 'm.file' &&
    msgtype !== 'm.video' &&
    msgtype !== 'm.audio'
  )
    return undefined;
  const file = content.file as (IEncryptedFile & { url?: unknown }) | undefined;
  const mxc =
    typeof content.url === 'string'
      ? content.url
      : typeof file?.url === 'string'
        ? file.url
        : undefined;
  if (!mxc) return undefined;
  const info = (
    typeof content.info === 'object' && content.info !== null ? content.info : {}
  ) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const mimetype = typeof info.mimetype === 'string' ? info.mimetype : undefined;
  const inline = msgtype === 'm.image' && (mimetype === undefined || isInlineImage(mimetype));
  return {
    kind: inline ? 'image' : 'file',
    mxc,
    encrypted: file && typeof file.url === 'string' ? file : undefined,
    name: typeof content.body === 'string' ? content.body : 'attachment',
    mimetype,
    size: num(info.size),
    width: num(info.w),
    height: num(info.h),
  };
}

export interface ReactionView {
  key: string;
  count: number;
  /** The signed-in user's own reaction event, if they reacted with this key. */
  myEventId: string | undefined;
}

const DISPLAYED = new Set<string>([EventTypes.Message]);

function statusOf(event: MatrixEvent): MessageView['status'] {
  const status = event.getAssociatedStatus();
  if (status === EventStatus.NOT_SENT) return 'failed';
  if (status === null || status === EventStatus.SENT) return 'sent';
  return 'sending';
}

export function toMessageView(event: MatrixEvent, room: Room): MessageView | undefined {
  if (
    event.isEncrypted() &&
    (event.isBeingDecrypted() ||
      event.isDecryptionFailure() ||
      event.getType() === EventTypes.Encrypted)
  ) {
    const sender = event.getSender() ?? '';
    return {
      id: event.getId() ?? '',
      sender,
      senderName: room.getMember(sender)?.name ?? sender,
      ts: event.getTs(),
      body: event.isDecryptionFailure()
        ? undecryptableText(event.decryptionFailureReason)
        : 'Decrypting…',
      formattedBody: undefined,
      msgtype: 'm.notice',
      status: statusOf(event),
      edited: false,
      redacted: false,
      own: sender === room.myUserId,
      replyTo: undefined,
      reactions: [],
      media: undefined,
    };
  }
  if (!DISPLAYED.has(event.getType()) || event.isRelation('m.replace')) return undefined;
  const content: Record<string, unknown> = event.getContent();
  const redacted = event.isRedacted();
  const sender = event.getSender() ?? '';
  return {
    id: event.getId() ?? event.getTxnId() ?? '',
    sender,
    senderName: room.getMember(sender)?.name ?? sender,
    ts: event.getTs(),
    body: typeof content.body === 'string' ? stripReplyFallback(content.body) : '',
    formattedBody:
      content.format === 'org.matrix.custom.html' && typeof content.formatted_body === 'string'
        ? content.formatted_body
        : undefined,
    msgtype: typeof content.msgtype === 'string' ? content.msgtype : 'm.text',
    status: statusOf(event),
    edited: event.replacingEventId() !== undefined,
    redacted,
    own: sender === room.myUserId,
    replyTo: redacted ? undefined : replyOf(event, room),
    reactions: redacted ? [] : reactionsOf(event, room),
    media: redacted ? undefined : mediaOf(content),
  };
}

/** Reply fallbacks (quoted lines before the reply) are dropped: the quote is shown from the event. */
export function stripReplyFallback(body: string): string {
  if (!body.startsWith('> ')) return body;
  const lines = body.split('\n');
  const firstNonQuote = lines.findIndex((l) => !l.startsWith('> ') && l !== '>');
  if (firstNonQuote < 0) return body;
  return lines.slice(lines[firstNonQuote] === '' ? firstNonQuote + 1 : firstNonQuote).join('\n');
}

function replyOf(event: MatrixEvent, room: Room): MessageView['replyTo'] {
  const relates = event.getWireContent()['m.relates_to'] as
    { 'm.in_reply_to'?: { event_id?: unknown } } | undefined;
  const parentId = relates?.['m.in_reply_to']?.event_id;
  if (typeof parentId !== 'string') return undefined;
  const parent = room.findEventById(parentId);
  const sender = parent?.getSender() ?? '';
  const parentBody = parent?.getContent<{ body?: unknown }>().body;
  return {
    id: parentId,
    senderName: parent ? (room.getMember(sender)?.name ?? sender) : '',
    body: parent?.isRedacted()
      ? 'Message deleted'
      : typeof parentBody === 'string'
        ? stripReplyFallback(parentBody)
        : 'Original message not loaded',
  };
}

function reactionsOf(event: MatrixEvent, room: Room): ReactionView[] {
  const id = event.getId();
  if (!id) return [];
  const relations = room.relations.getChildEventsForEvent(id, 'm.annotation', EventTypes.Reaction);
  const sorted = relations?.getSortedAnnotationsByKey() ?? [];
  return sorted
    .map(([key, events]) => {
      const mine = [...events].find((e) => e.getSender() === room.myUserId && !e.isRedacted());
      return {
        key,
        count: [...events].filter((e) => !e.isRedacted()).length,
        myEventId: mine?.getId(),
      };
    })
    .filter((r) => r.count > 0);
}
