import { useState } from 'react';
import { useController } from '../../app/ControllerContext';
import type { MediaView } from '../../core/matrix/room-timeline';
import { useMediaUrl } from './useMediaUrl';

function ImageAttachment({ media }: { media: MediaView }) {
  const state = useMediaUrl(media);
  const width = Math.min(media.width ?? 320, 400);
  const height =
    media.width && media.height ? Math.round((media.height / media.width) * width) : undefined;
  if (state.status === 'failed')
    return (
      <p role="alert" className="text-sm text-danger">
        {state.error}
      </p>
    );
  if (state.status === 'loading') {
    return (
      <div
        role="status"
        aria-label={`Loading ${media.name}`}
        className="animate-pulse rounded bg-sidebar"
        style={{ width, height: height ?? 120 }}
      />
    );
  }
  return (
    <img
      src={state.url}
      alt={media.name}
      width={width}
      height={height}
      className="max-w-full rounded"
    />
  );
}

const size = (bytes: number | undefined) =>
  bytes === undefined
    ? ''
    : bytes < 1024 * 1024
      ? `${Math.ceil(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function FileAttachment({ media }: { media: MediaView }) {
  const controller = useController();
  const [error, setError] = useState<string | undefined>();
  const download = async () => {
    setError(undefined);
    try {
      const url = URL.createObjectURL(await controller.downloadMedia(media));
      const a = document.createElement('a');
      a.href = url;
      a.download = media.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <div className="flex max-w-sm items-center gap-3 rounded border border-rail bg-sidebar p-3">
      <span aria-hidden="true" className="text-2xl">
        📄
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm text-strong">{media.name}</p>
        <p className="text-xs text-muted">{size(media.size)}</p>
        {error && (
          <p role="alert" className="text-xs text-danger">
            {error}
          </p>
        )}
      </div>
      <button
        type="button"
        aria-label={`Download ${media.name}`}
        className="rounded p-1 text-muted hover:text-strong"
        onClick={() => void download()}
      >
        ⬇
      </button>
    </div>
  );
}

/** An image or file in a message. */
export function Attachment({ media }: { media: MediaView }) {
  return media.kind === 'image' ? (
    <ImageAttachment media={media} />
  ) : (
    <FileAttachment media={media} />
  );
}
