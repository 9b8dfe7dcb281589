/**
 * Which attachment types HAOS lets the browser treat as what they claim to be.
 *
 * An attachment is shown from a `blob:` URL at HAOS's own origin. Whoever opens that URL at its
 * own address (open image in new tab, drag to the tab strip, paste it) gets a document of the
 * blob's type, without the app's Content-Security-Policy: an SVG or HTML blob would run the
 * sender's script with the signed-in person's session. So a blob only ever gets a type from this
 * allow-list (raster images, audio and video the browser plays without scripting, as Element
 * does); everything else, SVG and HTML included, becomes `application/octet-stream`, which the
 * browser downloads and never renders.
 */

/** Images shown inline in a message. */
const INLINE_IMAGES = new Set([
  'image/jpeg',
  'image/png',
  'image/apng',
  'image/gif',
  'image/webp',
  'image/avif',
]);

/** Audio and video the browser plays without any scripting of its own. */
const PLAYABLE = new Set([
  'video/mp4',
  'video/webm',
  'video/ogg',
  'video/quicktime',
  'audio/mp4',
  'audio/mpeg',
  'audio/aac',
  'audio/ogg',
  'audio/opus',
  'audio/webm',
  'audio/wav',
  'audio/wave',
  'audio/x-wav',
  'audio/flac',
  'audio/x-flac',
]);

export const NEUTRAL_TYPE = 'application/octet-stream';

/** `Image/PNG; charset=x` → `image/png`; undefined for anything that is not a type. */
export function baseMimetype(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const base = raw.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(base) ? base : undefined;
}

/** True for image types HAOS shows inline (never SVG). */
export function isInlineImage(mimetype: unknown): boolean {
  const base = baseMimetype(mimetype);
  return base !== undefined && INLINE_IMAGES.has(base);
}

/** The type a blob of this attachment may carry: an allow-listed type, else a neutral one. */
export function safeBlobType(mimetype: unknown): string {
  const base = baseMimetype(mimetype);
  return base !== undefined && (INLINE_IMAGES.has(base) || PLAYABLE.has(base))
    ? base
    : NEUTRAL_TYPE;
}
