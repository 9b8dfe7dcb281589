import type { Mention } from '../../core/matrix/message-content';

export const SUGGESTIONS_ID = 'mention-suggestions';

/** The list of people or channels matching what is typed after @ or #. */
export function MentionSuggestions({
  items,
  active,
  onPick,
}: {
  items: Mention[];
  active: number;
  onPick: (mention: Mention) => void;
}) {
  if (items.length === 0) return null;
  return (
    <ul
      id={SUGGESTIONS_ID}
      role="listbox"
      aria-label="Suggestions"
      className="mb-1 max-h-56 overflow-y-auto rounded-lg bg-sidebar p-1 shadow-lg"
    >
      {items.map((m, i) => (
        <li
          key={`${m.kind}-${m.id}`}
          id={`${SUGGESTIONS_ID}-${i}`}
          role="option"
          aria-selected={i === active}
          className={`cursor-pointer rounded px-2 py-1 text-sm ${i === active ? 'bg-blurple text-white' : ''}`}
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(m);
          }}
        >
          {m.text}
          {m.kind === 'user' && <span className="ml-2 text-xs opacity-70">{m.id}</span>}
        </li>
      ))}
    </ul>
  );
}
