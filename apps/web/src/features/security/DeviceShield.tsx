import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { useController } from '../../app/ControllerContext';
import type { SecurityOverview } from '../../stores/security-store';
import { useSecurity } from './useSecurity';

function labelOf(overview: SecurityOverview): { label: string; ok: boolean } | undefined {
  switch (overview.kind) {
    case 'checking':
      return undefined;
    case 'unverified':
      return { label: 'This device is not verified', ok: false };
    case 'not-set-up':
      return overview.deviceVerified
        ? { label: 'This device is verified; recovery is not set up', ok: true }
        : { label: 'Encryption recovery is not set up', ok: false };
    case 'secure':
      return { label: 'This device is verified', ok: true };
  }
}

/** A small shield by your name: whether this device is verified; opens Security & encryption. */
export function DeviceShield() {
  const controller = useController();
  const state = labelOf(useSecurity((s) => s.overview));
  if (!state) return null;
  const Icon = state.ok ? ShieldCheck : ShieldAlert;
  return (
    <button
      type="button"
      aria-label={`${state.label}. Security & encryption`}
      title={state.label}
      onClick={() => controller.encryption.openDialog()}
      className={`rounded p-1.5 hover:bg-chat ${state.ok ? 'text-ok' : 'text-muted hover:text-strong'}`}
    >
      <Icon size={16} aria-hidden="true" />
    </button>
  );
}
