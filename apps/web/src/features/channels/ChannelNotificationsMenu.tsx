import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Bell, BellRing } from 'lucide-react';
import { useState } from 'react';
import { useController } from '../../app/ControllerContext';
import { useRooms } from '../servers/useServers';

/**
 * The bell in a channel's header: this room's notification settings. Calls ring you only in DMs;
 * here you can let calls started in this channel ring you too (stored in your room account
 * data, so it follows you to every device). Otherwise a call here notifies you quietly at most.
 */
export function ChannelNotificationsMenu({ roomId }: { roomId: string }) {
  const controller = useController();
  useRooms((s) => s.version); // account data changes rebuild the rooms snapshot
  const allowed = controller.settings.ringsAllowed(roomId);
  const [error, setError] = useState<string>();
  const Icon = allowed ? BellRing : Bell;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label="Notification settings"
        title="Notification settings"
        className="rounded p-1 text-muted hover:text-strong"
      >
        <Icon aria-hidden="true" size={20} />
      </DropdownMenu.Trigger>
      {error && (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      )}
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          className="z-50 w-72 rounded-md bg-rail p-1.5 text-sm text-normal shadow-xl"
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs font-bold uppercase text-muted">
            Notifications
          </DropdownMenu.Label>
          <DropdownMenu.CheckboxItem
            checked={allowed}
            onCheckedChange={(checked) => {
              setError(undefined);
              controller.settings
                .setRingsAllowed(roomId, checked)
                .catch((e: unknown) =>
                  setError(`Could not change it: ${(e as Error).message ?? String(e)}`),
                );
            }}
            className="flex cursor-pointer items-start gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-blurple data-[highlighted]:text-white"
          >
            <span
              aria-hidden="true"
              className={`mt-0.5 h-4 w-4 shrink-0 rounded border ${allowed ? 'border-blurple bg-blurple' : 'border-muted'}`}
            />
            <span>
              Let calls here ring me
              <span className="block text-xs opacity-80">
                Otherwise a call started here rings nobody: it notifies you quietly, as your
                notification settings allow. Calls in DMs always ring.
              </span>
            </span>
          </DropdownMenu.CheckboxItem>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
