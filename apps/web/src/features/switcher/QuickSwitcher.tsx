import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { Modal } from '../../app/Modal';
import { useRooms } from '../servers/useServers';

interface Target {
  id: string;
  label: string;
  where: string;
  path: string;
}

/** Ctrl+K (or Cmd+K): jump to any channel or DM by typing part of its name. */
export function QuickSwitcher() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const servers = useRooms((s) => s.servers);
  const directs = useRooms((s) => s.directs);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen((o) => !o);
        setQuery('');
        setActive(0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const targets = useMemo<Target[]>(() => {
    const all: Target[] = [
      ...servers.flatMap((server) =>
        server.channels.map((c) => ({
          id: c.id,
          label: `${c.kind === 'voice' ? '🔊 ' : '# '}${c.name}`,
          where: server.name,
          path: `/channels/${encodeURIComponent(server.id)}/${encodeURIComponent(c.id)}`,
        })),
      ),
      ...directs.map((d) => ({
        id: d.id,
        label: `@ ${d.name}`,
        where: 'Direct message',
        path: `/channels/@me/${encodeURIComponent(d.id)}`,
      })),
    ];
    const q = query.trim().toLowerCase();
    return (
      q
        ? all.filter((t) => t.label.toLowerCase().includes(q) || t.where.toLowerCase().includes(q))
        : all
    ).slice(0, 20);
  }, [servers, directs, query]);

  const go = (target: Target | undefined) => {
    if (!target) return;
    setOpen(false);
    void navigate(target.path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, targets.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(targets[active]);
    }
  };

  return (
    <Modal
      open={open}
      onOpenChange={setOpen}
      title="Quick switcher"
      description="Type a channel or conversation name; Enter to go."
    >
      <input
        aria-label="Where to?"
        role="combobox"
        aria-expanded="true"
        aria-controls="quick-switcher-results"
        aria-activedescendant={targets[active] ? `qs-${targets[active].id}` : undefined}
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="w-full rounded bg-rail p-2 text-strong"
      />
      <ul
        id="quick-switcher-results"
        role="listbox"
        aria-label="Channels and conversations"
        className="mt-2 max-h-72 overflow-y-auto"
      >
        {targets.map((t, i) => (
          <li
            key={t.id}
            id={`qs-${t.id}`}
            role="option"
            aria-selected={i === active}
            onMouseEnter={() => setActive(i)}
            onClick={() => go(t)}
            className={`flex cursor-pointer justify-between rounded px-2 py-1.5 ${i === active ? 'bg-blurple text-white' : ''}`}
          >
            <span className="truncate">{t.label}</span>
            <span className="ml-2 truncate text-xs text-muted">{t.where}</span>
          </li>
        ))}
        {targets.length === 0 && <li className="px-2 py-1.5 text-muted">Nothing matches.</li>}
      </ul>
    </Modal>
  );
}
