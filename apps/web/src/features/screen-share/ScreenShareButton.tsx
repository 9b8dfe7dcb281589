import { MonitorUp, MonitorX } from 'lucide-react';
import { useScreenShare } from './useScreenShare';

/** Share your screen, a window or a tab (with its sound when the browser offers it), or stop. */
export function ScreenShareButton() {
  const { share, start, stop } = useScreenShare();
  const on = share.status === 'on';
  const label = on ? 'Stop sharing' : 'Share your screen';
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={share.status === 'starting'}
      className={`rounded-full p-2 disabled:opacity-50 ${on ? 'bg-blurple text-white' : 'bg-rail text-strong hover:bg-panel'}`}
      onClick={on ? stop : start}
    >
      {on ? <MonitorX size={18} aria-hidden="true" /> : <MonitorUp size={18} aria-hidden="true" />}
    </button>
  );
}
