import { useEffect, useRef, useState } from 'react';
import { Modal } from '../../app/Modal';
import { useCameraPreview } from './useCameraPreview';

/**
 * Before your camera goes to the call: see yourself (mirrored), pick a camera, then turn it on.
 * Problems (blocked, in use, none) are said here, and the call goes on without video.
 */
export function CameraPreview({
  open,
  onOpenChange,
  onTurnOn,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onTurnOn: (deviceId: string | undefined) => void;
}) {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const { preview, cameras } = useCameraPreview(open, chosen);
  const video = useRef<HTMLVideoElement>(null);
  const stream = preview.status === 'ready' ? preview.stream : undefined;
  useEffect(() => {
    if (video.current) video.current.srcObject = stream ?? null;
  }, [stream]);
  const current = chosen ?? (preview.status === 'ready' ? preview.deviceId : undefined);
  return (
    <Modal open={open} onOpenChange={onOpenChange} title="Camera preview">
      <div className="space-y-3">
        <div className="flex aspect-video items-center justify-center overflow-hidden rounded bg-black">
          {preview.status === 'failed' ? (
            <p role="alert" data-code={preview.error.code} className="p-4 text-sm text-yellow-500">
              {preview.error.message}
            </p>
          ) : (
            <video
              ref={video}
              aria-label="Camera preview"
              autoPlay
              playsInline
              muted
              className="h-full w-full -scale-x-100 object-cover"
            />
          )}
        </div>
        {cameras.length > 0 && (
          <label className="block text-sm">
            <span className="text-xs font-bold uppercase text-muted">Camera</span>
            <select
              aria-label="Camera"
              className="mt-1 w-full rounded bg-rail p-2 text-strong"
              value={current ?? ''}
              onChange={(e) => setChosen(e.target.value)}
            >
              {cameras.map((c) => (
                <option key={c.deviceId} value={c.deviceId}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="flex justify-end gap-2">
          <button
            type="button"
            className="rounded px-3 py-1.5 text-sm text-strong hover:underline"
            onClick={() => onOpenChange(false)}
          >
            Cancel
          </button>
          <button
            type="button"
            disabled={preview.status !== 'ready'}
            className="rounded bg-blurple px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-50"
            onClick={() => {
              onOpenChange(false);
              onTurnOn(current);
            }}
          >
            Turn on camera
          </button>
        </div>
      </div>
    </Modal>
  );
}
