import type { MatrixClient } from 'matrix-js-sdk';
import type { EncryptedFile } from 'matrix-js-sdk/lib/@types/media';
import { MsgType } from 'matrix-js-sdk/lib/@types/event';
import {
  decryptAttachment,
  encryptAttachment,
  type IEncryptedFile,
} from 'matrix-encrypt-attachment';
import { isInlineImage, safeBlobType } from './media-types';

/** The encrypted file's SHA-256, which every client checks before decrypting. */
function hashOf(info: IEncryptedFile): string {
  const sha256 = info.hashes?.sha256;
  if (!sha256) throw new Error('The file could not be encrypted (no hash came out). Try again.');
  return sha256;
}

export type MediaClient = Pick<
  MatrixClient,
  | 'getMediaConfig'
  | 'uploadContent'
  | 'sendMessage'
  | 'getRoom'
  | 'getHomeserverUrl'
  | 'getAccessToken'
>;

export class MediaError extends Error {
  constructor(
    readonly code: 'TOO_LARGE' | 'DOWNLOAD_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'MediaError';
  }
}

const mb = (bytes: number) =>
  `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

async function imageSize(file: File): Promise<{ w: number; h: number } | undefined> {
  if (!isInlineImage(file.type) || typeof createImageBitmap !== 'function') return undefined;
  try {
    const bitmap = await createImageBitmap(file);
    const size = { w: bitmap.width, h: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return undefined;
  }
}

/**
 * Uploads a file and posts it to the room: m.image for images, m.file otherwise. In encrypted
 * rooms the file is encrypted first (AES-CTR, key in the event, as every Matrix client does).
 */
export async function sendFile(
  client: MediaClient,
  roomId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const config: { 'm.upload.size'?: number } = await client.getMediaConfig(true).catch(() => ({}));
  const limit = config['m.upload.size'];
  if (limit !== undefined && file.size > limit) {
    throw new MediaError(
      'TOO_LARGE',
      `${file.name} is ${mb(file.size)}; this homeserver accepts files up to ${mb(limit)}.`,
    );
  }
  const encrypted = client.getRoom(roomId)?.hasEncryptionStateEvent() ?? false;
  const size = await imageSize(file);
  const progressHandler = ({ loaded, total }: { loaded: number; total: number }) =>
    onProgress(total > 0 ? loaded / total : 0);
  const info = {
    mimetype: file.type || 'application/octet-stream',
    size: file.size,
    ...(size ?? {}),
  };
  // Where the bytes are: an encrypted file (its key and hash) or a plain mxc URL.
  let source: { file: EncryptedFile } | { url: string };
  if (encrypted) {
    const { data, info: keyInfo } = await encryptAttachment(await file.arrayBuffer());
    const upload = await client.uploadContent(new Blob([data]), {
      type: 'application/octet-stream',
      name: 'encrypted',
      progressHandler,
    });
    source = {
      file: {
        url: upload.content_uri,
        key: keyInfo.key,
        iv: keyInfo.iv,
        hashes: { sha256: hashOf(keyInfo) },
        v: keyInfo.v ?? 'v2',
      },
    };
  } else {
    const upload = await client.uploadContent(file, {
      type: info.mimetype,
      name: file.name,
      progressHandler,
    });
    source = { url: upload.content_uri };
  }
  const body = file.name;
  await client.sendMessage(
    roomId,
    size
      ? { msgtype: MsgType.Image, body, info, ...source }
      : { msgtype: MsgType.File, body, info, ...source },
  );
}

/**
 * Downloads media through the authenticated media API (the access token in a header, never
 * in a URL), decrypting it when it came from an encrypted room. Returns a blob whose type is
 * the claimed one (the event's `info.mimetype`, else the homeserver's Content-Type) only when
 * it is safe to render at HAOS's origin, and `application/octet-stream` otherwise (see
 * media-types.ts): the blob's type is what the browser goes by when its URL is opened.
 */
export async function downloadMedia(
  client: Pick<MatrixClient, 'getHomeserverUrl' | 'getAccessToken'>,
  mxc: string,
  encrypted: IEncryptedFile | undefined,
  mimetype: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<Blob> {
  const match = /^mxc:\/\/([^/]+)\/([^/?#]+)$/.exec(mxc);
  if (!match) throw new MediaError('DOWNLOAD_FAILED', 'This attachment has no valid address.');
  const url = `${client.getHomeserverUrl()}/_matrix/client/v1/media/download/${encodeURIComponent(match[1] ?? '')}/${encodeURIComponent(match[2] ?? '')}`;
  const response = await fetchImpl(url, {
    headers: { Authorization: `Bearer ${client.getAccessToken() ?? ''}` },
  });
  if (!response.ok)
    throw new MediaError(
      'DOWNLOAD_FAILED',
      `The attachment could not be loaded (HTTP ${response.status}).`,
    );
  const data = await response.arrayBuffer();
  const plain = encrypted ? await decryptAttachment(data, encrypted) : data;
  const claimed = mimetype ?? response.headers.get('Content-Type');
  return new Blob([plain], { type: safeBlobType(claimed) });
}
