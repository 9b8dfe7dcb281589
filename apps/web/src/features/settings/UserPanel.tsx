import { useController } from '../../app/ControllerContext';
import { useAuth } from '../../app/useSession';
import { StatusMenu } from './StatusMenu';
import { SettingsPopover } from './SettingsPopover';
import { VoiceControls } from '../voice/VoiceControls';
import { DeviceShield } from '../security/DeviceShield';

/** Bottom of the channel column: who you are, mute and deafen, and settings. */
export function UserPanel() {
  const controller = useController();
  const auth = useAuth();
  if (auth.status !== 'signed-in') return null;
  const name = controller.client?.getUser(auth.userId)?.displayName ?? auth.userId;
  return (
    <section aria-label="User panel" className="flex h-14 items-center gap-1 bg-panel px-2">
      <StatusMenu initial={[...name.replace(/^@/, '')][0]?.toUpperCase() ?? '?'} />
      <div className="ml-1 min-w-0 flex-1 leading-tight">
        <p className="truncate text-sm font-semibold text-strong">{name}</p>
        <p className="truncate text-xs text-muted">{auth.userId}</p>
      </div>
      <DeviceShield />
      <VoiceControls />
      <SettingsPopover />
    </section>
  );
}
