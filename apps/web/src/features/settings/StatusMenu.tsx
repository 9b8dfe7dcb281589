import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useStore } from 'zustand';
import { useController } from '../../app/ControllerContext';
import type { OwnStatus } from '../../stores/session-store';

const OPTIONS: { value: OwnStatus; label: string; color: string }[] = [
  { value: 'online', label: 'Online', color: 'bg-ok' },
  { value: 'idle', label: 'Idle', color: 'bg-yellow-500' },
  { value: 'dnd', label: 'Do Not Disturb', color: 'bg-danger' },
  { value: 'invisible', label: 'Invisible', color: 'bg-muted' },
];

/** Your avatar in the user panel, with its status dot; opens the status picker. */
export function StatusMenu({ initial }: { initial: string }) {
  const controller = useController();
  const status = useStore(controller.session, (s) => s.status);
  const current = OPTIONS.find((o) => o.value === status) ?? OPTIONS[0];
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={`Status: ${current?.label ?? 'Online'}. Change status`}
        className="relative flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-blurple text-sm font-semibold text-white"
      >
        {initial}
        <span
          className={`absolute -bottom-0.5 -right-0.5 h-3.5 w-3.5 rounded-full border-[3px] border-panel ${current?.color ?? ''}`}
        />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          side="top"
          align="start"
          className="min-w-48 rounded-md bg-rail p-1.5 text-sm text-normal shadow-xl"
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs font-bold uppercase text-muted">
            Set status
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={status}
            onValueChange={(v) =>
              void controller.settings.setStatus(v as OwnStatus).catch(() => undefined)
            }
          >
            {OPTIONS.map((o) => (
              <DropdownMenu.RadioItem
                key={o.value}
                value={o.value}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-blurple data-[highlighted]:text-white"
              >
                <span className={`h-2.5 w-2.5 rounded-full ${o.color}`} aria-hidden="true" />
                {o.label}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
