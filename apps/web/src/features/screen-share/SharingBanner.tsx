import { useScreenShare } from './useScreenShare';

/** While you share: says so, with Stop; and why a share could not start. */
export function SharingBanner() {
  const { share, stop } = useScreenShare();
  if (share.status === 'failed')
    return (
      <p role="alert" data-code={share.error.code} className="text-sm text-yellow-500">
        {share.error.message}
      </p>
    );
  if (share.status !== 'on') return null;
  return (
    <div className="flex items-center gap-3 rounded bg-blurple/20 px-3 py-1.5 text-sm text-strong">
      <p role="status" className="font-semibold">
        You are sharing
      </p>
      <button
        type="button"
        className="rounded bg-danger px-3 py-1 font-semibold text-white"
        onClick={stop}
      >
        Stop
      </button>
    </div>
  );
}
