import { useEffect, useMemo, useState } from 'react';
import { useController } from '../../app/ControllerContext';
import type { MediaView } from '../../core/matrix/room-timeline';

export type MediaUrlState =
  { status: 'loading' } | { status: 'ready'; url: string } | { status: 'failed'; error: string };

/** A blob: URL for an attachment, fetched with authentication; revoked when no longer shown. */
export function useMediaUrl(media: MediaView): MediaUrlState {
  return useMxcUrl(media.mxc, media);
}

/** A blob: URL for any mxc:// content (e.g. a server icon). */
export function useMxcUrl(mxc: string, media?: MediaView): MediaUrlState {
  const descriptor = useMemo<MediaView>(
    () =>
      media ?? {
        kind: 'image',
        mxc,
        encrypted: undefined,
        name: '',
        mimetype: undefined,
        size: undefined,
        width: undefined,
        height: undefined,
      },
    [media, mxc],
  );
  return useBlobUrl(descriptor);
}

function useBlobUrl(media: MediaView): MediaUrlState {
  const controller = useController();
  const [state, setState] = useState<{ mxc: string; value: MediaUrlState } | undefined>();
  useEffect(() => {
    let url: string | undefined;
    let cancelled = false;
    controller.messages.downloadMedia(media).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        if (cancelled) URL.revokeObjectURL(url);
        else setState({ mxc: media.mxc, value: { status: 'ready', url } });
      },
      (error: unknown) => {
        if (!cancelled)
          setState({
            mxc: media.mxc,
            value: {
              status: 'failed',
              error: error instanceof Error ? error.message : String(error),
            },
          });
      },
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [controller, media]);
  return state?.mxc === media.mxc ? state.value : { status: 'loading' };
}
