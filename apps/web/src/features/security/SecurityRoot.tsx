import { lazy, Suspense } from 'react';
import { useController } from '../../app/ControllerContext';
import { useSecurity } from './useSecurity';

// The dialogs load when first needed, not with the first screen.
const SecurityDialog = lazy(() => import('./SecurityDialog'));
const VerificationDialog = lazy(() => import('./VerificationDialog'));

/**
 * A non-blocking banner while this device is not verified (the account has a cross-signing
 * identity it does not share yet), with Skip.
 */
function VerifyDeviceBanner() {
  const controller = useController();
  const show = useSecurity((s) => s.overview.kind === 'unverified' && !s.skipped);
  if (!show) return null;
  return (
    <section
      aria-label="Verify this device"
      className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1 bg-blurple px-4 py-1.5 text-sm text-white"
    >
      <span>
        This device is not verified: it can&apos;t read encrypted messages sent before you signed in
        here until you verify it.
      </span>
      <button
        type="button"
        className="rounded bg-white px-2 py-0.5 font-semibold text-blurple"
        onClick={() => controller.encryption.openDialog()}
      >
        Verify this device
      </button>
      <button
        type="button"
        className="rounded px-2 py-0.5 underline"
        onClick={() => controller.encryption.skip()}
      >
        Skip
      </button>
    </section>
  );
}

/** Everything encryption shows outside the settings: the banner and the dialogs. */
export function SecurityRoot() {
  const dialogOpen = useSecurity((s) => s.dialogOpen);
  const verifying = useSecurity((s) => s.verification.phase !== 'idle');
  return (
    <>
      <VerifyDeviceBanner />
      <Suspense fallback={null}>
        {dialogOpen && <SecurityDialog />}
        {verifying && <VerificationDialog />}
      </Suspense>
    </>
  );
}
