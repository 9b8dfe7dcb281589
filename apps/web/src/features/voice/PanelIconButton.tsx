import type { LucideIcon } from 'lucide-react';
import type { Ref } from 'react';

/** An icon button of the voice panel; its label is both its accessible name and its tooltip. */
export function PanelIconButton({
  label,
  icon: Icon,
  onClick,
  ref,
}: {
  label: string;
  icon: LucideIcon;
  onClick: () => void;
  ref?: Ref<HTMLButtonElement>;
}) {
  return (
    <button
      ref={ref}
      type="button"
      aria-label={label}
      title={label}
      className="rounded p-1.5 text-muted hover:bg-chat hover:text-strong"
      onClick={onClick}
    >
      <Icon size={18} aria-hidden="true" />
    </button>
  );
}
