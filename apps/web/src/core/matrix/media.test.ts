import { describe, expect, it } from 'vitest';
import { downloadMedia } from './media';
import { baseMimetype, isInlineImage, safeBlobType } from './media-types';
import { mediaOf } from './message-view';

describe('safeBlobType', () => {
  it.each([
    ['image/png', 'image/png'],
    ['IMAGE/JPEG; charset=binary', 'image/jpeg'],
    ['image/gif', 'image/gif'],
    ['image/webp', 'image/webp'],
    ['image/avif', 'image/avif'],
    ['image/apng', 'image/apng'],
    ['video/mp4', 'video/mp4'],
    ['audio/ogg; codecs=opus', 'audio/ogg'],
    // Types a browser renders as a document at HAOS's origin, or sniffs into one.
    ['image/svg+xml', 'application/octet-stream'],
    ['text/html', 'application/octet-stream'],
    ['application/xhtml+xml', 'application/octet-stream'],
    ['text/xml', 'application/octet-stream'],
    ['application/pdf', 'application/octet-stream'],
    ['text/plain', 'application/octet-stream'],
    ['image/*', 'application/octet-stream'],
    ['', 'application/octet-stream'],
    ['image/png\ntext/html', 'application/octet-stream'],
    [undefined, 'application/octet-stream'],
    [42, 'application/octet-stream'],
  ])('%j → %s', (claimed, expected) => {
    expect(safeBlobType(claimed)).toBe(expected);
  });

  it('shows only raster images inline', () => {
    expect(isInlineImage('image/png')).toBe(true);
    expect(isInlineImage('image/svg+xml')).toBe(false);
    expect(isInlineImage('video/mp4')).toBe(false);
    expect(baseMimetype(' Image/PNG ;x=y')).toBe('image/png');
  });
});

describe('mediaOf', () => {
  const base = { body: 'evil.svg', url: 'mxc://hs/abc' };
  it('offers an SVG sent as m.image as a file, never an inline image', () => {
    expect(
      mediaOf({ ...base, msgtype: 'm.image', info: { mimetype: 'image/svg+xml' } })?.kind,
    ).toBe('file');
    expect(mediaOf({ ...base, msgtype: 'm.image', info: { mimetype: 'text/html' } })?.kind).toBe(
      'file',
    );
    expect(mediaOf({ ...base, msgtype: 'm.image', info: { mimetype: 'image/png' } })?.kind).toBe(
      'image',
    );
    expect(mediaOf({ ...base, msgtype: 'm.file', info: { mimetype: 'image/png' } })?.kind).toBe(
      'file',
    );
  });
});

describe('downloadMedia', () => {
  const client = { getHomeserverUrl: () => 'https://hs.example', getAccessToken: () => 'tok' };
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
  const fetchWith =
    (contentType: string): typeof fetch =>
    () =>
      Promise.resolve(new Response(svg, { headers: { 'Content-Type': contentType } }));

  it('never gives a blob a type that renders as a document', async () => {
    for (const claimed of ['image/svg+xml', 'text/html', 'application/xhtml+xml']) {
      const blob = await downloadMedia(
        client,
        'mxc://hs/abc',
        undefined,
        claimed,
        fetchWith(claimed),
      );
      expect(blob.type).toBe('application/octet-stream');
    }
  });

  it('keeps an allow-listed claim, and falls back to the homeserver type when none is given', async () => {
    const png = await downloadMedia(
      client,
      'mxc://hs/abc',
      undefined,
      'image/png',
      fetchWith('text/html'),
    );
    expect(png.type).toBe('image/png');
    const avatar = await downloadMedia(
      client,
      'mxc://hs/abc',
      undefined,
      undefined,
      fetchWith('image/webp'),
    );
    expect(avatar.type).toBe('image/webp');
    const svgAvatar = await downloadMedia(
      client,
      'mxc://hs/abc',
      undefined,
      undefined,
      fetchWith('image/svg+xml'),
    );
    expect(svgAvatar.type).toBe('application/octet-stream');
  });
});
