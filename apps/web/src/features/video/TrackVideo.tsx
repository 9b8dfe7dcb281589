import { useEffect, useRef } from 'react';
import { useController } from '../../app/ControllerContext';
import type { VideoSource } from '../../core/call/local-video';

/**
 * A participant's camera or screen in a video element. The call attaches the track (and with
 * adaptive stream sizes what it receives to this element); unmounting detaches it.
 */
export function TrackVideo({
  identity,
  source,
  trackId,
  label,
  mirrored = false,
  fit = 'cover',
}: {
  identity: string;
  source: VideoSource;
  /** The current track's ID: a new track attaches again. */
  trackId: string;
  label: string;
  /** Your own camera shows as in a mirror. */
  mirrored?: boolean;
  fit?: 'cover' | 'contain';
}) {
  const controller = useController();
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    return controller.voice.attachVideo(identity, source, element);
  }, [controller, identity, source, trackId]);
  return (
    <video
      ref={ref}
      aria-label={label}
      data-source={source}
      data-track={trackId}
      autoPlay
      playsInline
      muted
      className={`pointer-events-none h-full w-full rounded-lg bg-black ${fit === 'cover' ? 'object-cover' : 'object-contain'} ${mirrored ? '-scale-x-100' : ''}`}
    />
  );
}
