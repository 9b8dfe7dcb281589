import type { ReactNode } from 'react';

/** A small header/toolbar button showing a glyph; its label is its accessible name and tooltip. */
export function IconButton({
  label,
  onClick,
  children,
  disabled,
  danger,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={`rounded p-1 text-muted disabled:opacity-50 ${danger ? 'hover:text-danger' : 'hover:text-strong'}`}
    >
      <span aria-hidden="true">{children}</span>
    </button>
  );
}
