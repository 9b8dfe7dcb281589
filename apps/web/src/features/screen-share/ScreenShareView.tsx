import { useRef, useState, useEffect } from 'react';
import { Maximize, Minimize } from 'lucide-react';
import { PercentSlider } from '../../app/PercentSlider';
import { labelOf } from '../voice/devices';
import type { Participant } from '../voice/useVoice';
import { TrackVideo } from '../video/TrackVideo';
import { useRemoteShare } from './useScreenShare';

const nameOf = (p: Participant) => labelOf(p.member, p.device);

/** Full screen for the share's own box, following the browser (Escape leaves it too). */
function useFullScreen(element: React.RefObject<HTMLElement | null>) {
  const [full, setFull] = useState(false);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement === element.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [element]);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void element.current?.requestFullscreen().catch(() => undefined);
  };
  return { full, toggle };
}

/**
 * A screen share in the spotlight: its picture, and for viewers a switcher between several
 * shares, full screen and the share's volume.
 */
export function ScreenShareView({
  sharer,
  sharers,
  onPick,
  onBack,
}: {
  sharer: Participant;
  sharers: readonly Participant[];
  onPick: (identity: string) => void;
  onBack: () => void;
}) {
  const identity = sharer.member.identity;
  const name = nameOf(sharer);
  const { screen, audio, volume, setVolume } = useRemoteShare(identity);
  const box = useRef<HTMLElement>(null);
  const { full, toggle } = useFullScreen(box);
  const title = sharer.self ? 'Your screen' : `${name}'s screen`;
  return (
    <section
      ref={box}
      aria-label={title}
      className="flex min-h-0 flex-1 flex-col gap-2 rounded-lg bg-black p-2"
    >
      <div className="flex min-h-0 flex-1 items-center justify-center">
        {screen && (
          <TrackVideo
            identity={identity}
            source="screen"
            trackId={screen}
            label={sharer.self ? 'Your shared screen' : `Screen of ${name}`}
            fit="contain"
          />
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm text-strong">
        <p className="font-semibold">{title}</p>
        {sharers.length > 1 && (
          <div role="group" aria-label="Shares" className="flex gap-1">
            {sharers.map((s) => (
              <button
                key={s.member.identity}
                type="button"
                aria-pressed={s.member.identity === identity}
                className="rounded bg-rail px-2 py-1 aria-pressed:bg-blurple aria-pressed:text-white"
                onClick={() => onPick(s.member.identity)}
              >
                {s.self ? 'Your screen' : `${nameOf(s)}'s screen`}
              </button>
            ))}
          </div>
        )}
        <span className="ml-auto flex items-center gap-2">
          {!sharer.self && audio && (
            <span className="w-40">
              <PercentSlider
                heading="Share volume"
                label={`Volume of ${name}'s screen`}
                percent={Math.round(volume * 100)}
                max={100}
                onChange={(p) => setVolume(p / 100)}
              />
            </span>
          )}
          <button
            type="button"
            aria-label={full ? 'Exit full screen' : 'Full screen'}
            title={full ? 'Exit full screen' : 'Full screen'}
            className="rounded bg-rail p-1.5"
            onClick={toggle}
          >
            {full ? (
              <Minimize size={16} aria-hidden="true" />
            ) : (
              <Maximize size={16} aria-hidden="true" />
            )}
          </button>
          <button type="button" className="rounded bg-rail px-2 py-1" onClick={onBack}>
            Back to grid
          </button>
        </span>
      </div>
    </section>
  );
}
