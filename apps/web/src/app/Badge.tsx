/** A red count badge (mentions) on a rail icon or a channel. Renders nothing for zero. */
export function Badge({ count, highlight = false }: { count: number; highlight?: boolean }) {
  if (count <= 0) return null;
  return (
    <span
      aria-hidden="true"
      className={`absolute -bottom-0.5 -right-0.5 min-w-5 rounded-full border-4 border-rail px-1 text-center text-[11px] font-bold leading-3 text-strong ${
        highlight ? 'bg-danger' : 'bg-muted'
      }`}
    >
      {count > 99 ? '99+' : count}
    </span>
  );
}
