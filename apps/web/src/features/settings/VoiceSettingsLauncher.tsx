import { lazy, Suspense } from 'react';

const VoiceSettingsDialog = lazy(() => import('./voice-settings/VoiceSettingsDialog'));

/** The Voice & Video settings dialog, loaded on first open (it is not on the first screen). */
export function VoiceSettingsLauncher({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <VoiceSettingsDialog open onOpenChange={onOpenChange} />
    </Suspense>
  );
}
