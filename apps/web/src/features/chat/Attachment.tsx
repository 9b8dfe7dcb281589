import { useState } from 'react';
import { Download, FileText } from 'lucide-react';
import { useController } from '../../app/ControllerContext';
import type { MediaView } from '../../core/matrix/room-timeline';
import { useMediaUrl } from './useMediaUrl';

function ImageAttachment({ media }: { media: MediaView }) {
  const state = useMediaUrl(media);
  // Bytes that are not the image they claim to be (or no image at all) are offered as a file.
  const [broken, setBroken] = useState(false);
  const width = Math.min(media.width ?? 320, 400);
  const height =
    media.width && media.height ? Math.round((media.height / media.width) * width) : undefined;
  if (broken) return <FileAttachment media={media} note="This image can't be shown." />;
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
      onError={() => setBroken(true)}
    />
  );
}

const size = (bytes: number | undefined) =>
  bytes === undefined
    ? ''
    : bytes < 1024 * 1024
      ? `${Math.ceil(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A file offered as a download. Its bytes come as a blob of a neutral type unless the type is
 * on HAOS's safe list (core/matrix/media-types.ts), so the browser saves it and never opens it
 * as a page of HAOS.
 */
function FileAttachment({ media, note }: { media: MediaView; note?: string }) {
  const controller = useController();
  const [error, setError] = useState<string | undefined>();
  const download = async () => {
    setError(undefined);
    try {
      const url = URL.createObjectURL(await controller.messages.downloadMedia(media));
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
      <FileText aria-hidden="true" className="h-7 w-7 shrink-0 text-muted" />
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm text-strong">{media.name}</p>
        <p className="text-xs text-muted">{note ?? size(media.size)}</p>
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
        <Download aria-hidden="true" className="h-5 w-5" />
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
