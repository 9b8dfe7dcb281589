import * as Popover from '@radix-ui/react-popover';
import { useState, type ReactNode } from 'react';
import { useController } from '../../app/ControllerContext';
import { useVoice } from './useVoice';
import { PercentSlider } from '../../app/PercentSlider';

/**
 * Your controls for one other person, opened from their tile or sidebar row (also by right
 * click): their volume for you (0–200%) and "Mute for me". Both are remembered per person.
 */
export function ParticipantMenu({
  userId,
  name,
  children,
}: {
  userId: string;
  name: string;
  /** What opens the menu on right click (the row or tile). */
  children: (openMenu: (e: React.MouseEvent) => void) => ReactNode;
}) {
  const controller = useController();
  const [open, setOpen] = useState(false);
  const volume = useVoice((s) => s.volumes[userId] ?? 1);
  const muted = useVoice((s) => s.localMutes[userId] === true);
  const percent = Math.round(volume * 100);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Anchor asChild>
        <div className="group relative h-full">
          {children((e) => {
            e.preventDefault();
            setOpen(true);
          })}
          <Popover.Trigger
            aria-label={`Options for ${name}`}
            title={`Options for ${name}`}
            className="absolute right-1 top-1 rounded px-1 text-muted opacity-0 hover:text-strong focus:opacity-100 group-hover:opacity-100"
          >
            <span aria-hidden="true">⋯</span>
          </Popover.Trigger>
        </div>
      </Popover.Anchor>
      <Popover.Portal>
        <Popover.Content
          aria-label={`Options for ${name}`}
          side="right"
          align="start"
          className="z-50 w-60 space-y-3 rounded-md bg-rail p-3 text-sm text-normal shadow-xl"
        >
          <p className="truncate font-semibold text-strong">{name}</p>
          <PercentSlider
            heading="User volume"
            label={`Volume for ${name}`}
            percent={percent}
            max={200}
            onChange={(p) => controller.voice.setUserVolume(userId, p / 100)}
          />
          <label className="flex cursor-pointer items-center justify-between">
            <span>Mute for me</span>
            <input
              type="checkbox"
              checked={muted}
              onChange={() => controller.voice.toggleLocalMute(userId)}
            />
          </label>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
