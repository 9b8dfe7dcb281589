import * as Popover from '@radix-ui/react-popover';
import { Settings } from 'lucide-react';
import { useState } from 'react';
import { useController } from '../../app/ControllerContext';
import { useVoice } from '../voice/useVoice';
import { ThemeToggle } from './ThemeToggle';
import { PercentSlider } from '../../app/PercentSlider';
import { VoiceSettingsLauncher } from './VoiceSettingsLauncher';
import { VoiceSharingSetting } from './VoiceSharingSetting';
import { SignOutDialog } from './SignOutDialog';
import { hasEncryptedRooms, recoveryRisk } from '../security/recovery-risk';
import { useSecurity } from '../security/useSecurity';
import { useRooms } from '../servers/useServers';

/**
 * The gear in the user panel: voice & video settings, sound effects volume, security, theme,
 * signing out.
 */
export function SettingsPopover() {
  const controller = useController();
  const volume = useVoice((s) => Math.round(s.soundVolume * 100));
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const [voiceOpen, setVoiceOpen] = useState(false);
  const [warning, setWarning] = useState(false);
  const overview = useSecurity((s) => s.overview);
  const encrypted = useRooms(hasEncryptedRooms);
  const risk = recoveryRisk(overview, encrypted);
  const signOut = () => {
    setBusy(true);
    void controller.signOut().finally(() => setBusy(false));
  };
  return (
    <>
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger
          aria-label="User settings"
          title="User settings"
          className="rounded p-1.5 text-muted hover:bg-chat hover:text-strong"
        >
          <Settings size={18} aria-hidden="true" />
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            aria-label="User settings"
            side="top"
            className="z-50 w-72 space-y-3 rounded-md bg-rail p-3 text-sm text-normal shadow-xl"
          >
            <button
              type="button"
              className="w-full rounded bg-chat px-2 py-1.5 text-left font-semibold hover:bg-panel"
              onClick={() => {
                setOpen(false);
                setVoiceOpen(true);
              }}
            >
              Voice & Video settings
            </button>
            <PercentSlider
              heading="Sound effects"
              label="Sound effects volume"
              percent={volume}
              max={100}
              onChange={(p) => controller.voice.setSoundVolume(p / 100)}
            />
            <p className="text-xs text-muted">Ctrl+Shift+M mutes, Ctrl+Shift+D deafens.</p>
            <VoiceSharingSetting />
            <button
              type="button"
              className="w-full rounded bg-input px-2 py-1.5 text-left text-strong hover:opacity-90"
              onClick={() => {
                setOpen(false);
                controller.encryption.openDialog();
              }}
            >
              Security &amp; encryption
            </button>
            <div className="flex items-center justify-between">
              <span>Theme</span>
              <ThemeToggle />
            </div>
            <button
              type="button"
              disabled={busy}
              className="w-full rounded bg-danger px-2 py-1.5 font-semibold text-white disabled:opacity-50"
              onClick={() => {
                setOpen(false);
                // Losing encrypted history is offered a way out first.
                if (risk === 'none') signOut();
                else setWarning(true);
              }}
            >
              Sign out
            </button>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      <VoiceSettingsLauncher open={voiceOpen} onOpenChange={setVoiceOpen} />
      {warning && risk !== 'none' && (
        <SignOutDialog
          risk={risk}
          busy={busy}
          onSignOut={signOut}
          onClose={() => setWarning(false)}
        />
      )}
    </>
  );
}
