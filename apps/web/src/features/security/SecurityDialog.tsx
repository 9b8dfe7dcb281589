import { useState } from 'react';
import { useController } from '../../app/ControllerContext';
import { Modal } from '../../app/Modal';
import { useAuth } from '../../app/useSession';
import type { SecurityOverview } from '../../stores/security-store';
import { RecoveryKeyForm } from './RecoveryKeyForm';
import { RecoverySetup } from './RecoverySetup';
import { SecurityErrorLine } from './SecurityErrorLine';
import { useSecurity } from './useSecurity';
import { useSecurityAction } from './useSecurityAction';

type Mode =
  | { mode: 'overview' }
  | { mode: 'setup'; recoveryKey: string; reset: boolean }
  | { mode: 'recovery-key' }
  | { mode: 'reset' };

const primary = 'w-full rounded bg-blurple p-2.5 font-medium text-white disabled:opacity-60';
const secondary = 'w-full rounded bg-input p-2.5 font-medium text-strong disabled:opacity-60';

function deviceVerified(overview: SecurityOverview): boolean | undefined {
  switch (overview.kind) {
    case 'checking':
      return undefined;
    case 'unverified':
      return false;
    case 'not-set-up':
      return overview.deviceVerified;
    case 'secure':
      return true;
  }
}

/** This device: its name, ID, and whether it is verified. */
function ThisDevice({ overview }: { overview: SecurityOverview }) {
  const auth = useAuth();
  const name = useSecurity((s) => s.deviceName);
  const verified = deviceVerified(overview);
  return (
    <section aria-label="This device" className="rounded bg-rail p-3 text-sm">
      <p className="font-semibold text-strong">{name ?? 'This device'}</p>
      <p className="text-xs text-muted">
        Device ID{' '}
        <code className="select-all">{auth.status === 'signed-in' ? auth.deviceId : ''}</code>
      </p>
      <p className={`mt-1 ${verified ? 'text-ok' : 'text-muted'}`}>
        {verified === undefined
          ? 'Checking…'
          : verified
            ? 'This device is verified'
            : 'This device is not verified'}
      </p>
    </section>
  );
}

/** The choices on a device that is not verified yet. */
export function VerifyChoices({
  recoveryAvailable,
  onRecoveryKey,
  onReset,
}: {
  recoveryAvailable: boolean;
  onRecoveryKey: () => void;
  onReset: () => void;
}) {
  const controller = useController();
  const { busy, error, run } = useSecurityAction();
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Verify this device to read encrypted messages sent before it signed in, and so that your
        other devices trust it.
      </p>
      <SecurityErrorLine error={error} />
      <button
        type="button"
        className={primary}
        disabled={busy}
        onClick={() => void run(() => controller.encryption.verifyWithOtherDevice())}
      >
        Verify with another device
      </button>
      {recoveryAvailable ? (
        <button type="button" className={secondary} onClick={onRecoveryKey}>
          Use recovery key
        </button>
      ) : (
        <p className="text-xs text-muted">
          Recovery is not set up on your account, so only another signed-in device can verify this
          one.
        </p>
      )}
      <button type="button" className="text-xs text-muted underline" onClick={onReset}>
        Can&apos;t verify? Reset encryption
      </button>
    </div>
  );
}

/** "Security & encryption": this device, recovery and key backup, verifying this device. */
export default function SecurityDialog() {
  const controller = useController();
  const open = useSecurity((s) => s.dialogOpen);
  const overview = useSecurity((s) => s.overview);
  const [mode, setMode] = useState<Mode>({ mode: 'overview' });
  // Leaving a setup (or closing the dialog) discards a key that was shown but not set up.
  const back = () => {
    controller.encryption.discardRecoveryKey();
    setMode({ mode: 'overview' });
  };
  const { busy, error, run } = useSecurityAction();
  const makeKey = (reset = false) =>
    void run(async () => {
      const recoveryKey = await controller.encryption.newRecoveryKey();
      setMode({ mode: 'setup', recoveryKey, reset });
    });

  let body;
  if (mode.mode === 'setup') {
    body = (
      <RecoverySetup recoveryKey={mode.recoveryKey} resetIdentity={mode.reset} onDone={back} />
    );
  } else if (mode.mode === 'reset') {
    body = (
      <div className="space-y-3">
        <p className="text-sm">
          Resetting gives your account a new encryption identity and a new recovery key, with this
          device verified. Your other devices will have to be verified again, people who verified
          you will see that your identity changed, and messages whose keys are only in the old
          backup can&apos;t be read any more. Do this only if you have lost your recovery key and
          every other signed-in device.
        </p>
        <SecurityErrorLine error={error} />
        <div className="flex gap-2">
          <button type="button" className={secondary} onClick={back}>
            Cancel
          </button>
          <button
            type="button"
            className="w-full rounded bg-danger p-2.5 font-medium text-white disabled:opacity-60"
            disabled={busy}
            onClick={() => makeKey(true)}
          >
            Reset encryption
          </button>
        </div>
      </div>
    );
  } else if (mode.mode === 'recovery-key') {
    body = <RecoveryKeyForm onDone={back} />;
  } else {
    switch (overview.kind) {
      case 'checking':
        body = (
          <p role="status" className="text-sm text-muted">
            Checking encryption…
          </p>
        );
        break;
      case 'unverified':
        body = (
          <VerifyChoices
            recoveryAvailable={overview.recoveryAvailable}
            onRecoveryKey={() => setMode({ mode: 'recovery-key' })}
            onReset={() => setMode({ mode: 'reset' })}
          />
        );
        break;
      case 'not-set-up':
        body = (
          <div className="space-y-3">
            <p className="text-sm">
              Recovery is not set up. With it, a new device can read your encrypted history: HAOS
              backs up your message keys, encrypted, on your homeserver, and gives you a recovery
              key to unlock them.
            </p>
            <SecurityErrorLine error={error} />
            <button type="button" className={primary} disabled={busy} onClick={() => makeKey()}>
              Set up recovery
            </button>
          </div>
        );
        break;
      case 'secure':
        body = (
          <div className="space-y-3">
            <p role="status" className="text-sm text-ok">
              Key backup is on (backup version {overview.backupVersion}). Recovery is set up: your
              recovery key unlocks your messages on a new device.
            </p>
            <p className="text-xs text-muted">
              A new recovery key replaces the old one, which then stops working.
            </p>
            <SecurityErrorLine error={error} />
            <button type="button" className={secondary} disabled={busy} onClick={() => makeKey()}>
              Change recovery key
            </button>
          </div>
        );
        break;
    }
  }

  return (
    <Modal
      open={open}
      onOpenChange={(next) => {
        if (!next) controller.encryption.closeDialog();
        back();
      }}
      title="Security & encryption"
      description="Messages in encrypted rooms can only be read on your devices."
    >
      <div className="space-y-4">
        <ThisDevice overview={overview} />
        {body}
      </div>
    </Modal>
  );
}
