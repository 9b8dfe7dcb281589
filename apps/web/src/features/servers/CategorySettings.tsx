import { useState, type FormEvent } from 'react';
import { useController } from '../../app/ControllerContext';
import { describeMatrixError } from '../../core/matrix/describe-error';
import {
  addCategory,
  moveCategory,
  newCategoryId,
  placeChannel,
  removeCategory,
  renameCategory,
  type Category,
} from '../../core/matrix/channel-layout';
import type { ServerView } from '../../stores/rooms-store';

function useLayoutAction(serverId: string) {
  const controller = useController();
  const [error, setError] = useState<string | undefined>();
  const act = (
    label: string,
    change: Parameters<typeof controller.servers.updateCategories>[1],
  ) => {
    setError(undefined);
    controller.servers
      .updateCategories(serverId, change)
      .catch((caught: unknown) => setError(describeMatrixError(caught, label)));
  };
  return [error, act] as const;
}

function ErrorLine({ error }: { error: string | undefined }) {
  return error ? (
    <p role="alert" className="text-xs text-danger">
      {error}
    </p>
  ) : null;
}

function CategoryRow({ serverId, category }: { serverId: string; category: Category }) {
  const [name, setName] = useState(category.name);
  const [error, act] = useLayoutAction(serverId);
  const small = 'rounded px-1 text-muted hover:text-strong';
  return (
    <li className="space-y-1">
      <div className="flex items-center gap-2">
        <input
          aria-label={`Name of category ${category.name}`}
          className="flex-1 rounded bg-rail p-1.5 text-sm text-strong"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <button
          type="button"
          className="rounded bg-blurple px-2 py-1 text-xs text-white"
          aria-label={`Rename category ${category.name}`}
          onClick={() => act('rename the category', (l) => renameCategory(l, category.id, name))}
        >
          Rename
        </button>
        <button
          type="button"
          className={small}
          aria-label={`Move category ${category.name} up`}
          onClick={() => act('move the category', (l) => moveCategory(l, category.id, -1))}
        >
          ↑
        </button>
        <button
          type="button"
          className={small}
          aria-label={`Move category ${category.name} down`}
          onClick={() => act('move the category', (l) => moveCategory(l, category.id, 1))}
        >
          ↓
        </button>
        <button
          type="button"
          className="rounded bg-danger px-2 py-1 text-xs text-white"
          aria-label={`Delete category ${category.name}`}
          onClick={() => {
            if (window.confirm(`Delete the category ${category.name}? Its channels stay.`))
              act('delete the category', (l) => removeCategory(l, category.id));
          }}
        >
          Delete
        </button>
      </div>
      <ErrorLine error={error} />
    </li>
  );
}

/** The server's categories: add, rename, reorder, delete (channels of a deleted one stay). */
export function CategorySettings({ server }: { server: ServerView }) {
  const [name, setName] = useState('');
  const [error, act] = useLayoutAction(server.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    act('create the category', (l) => addCategory(l, newCategoryId(l), name));
    setName('');
  };
  return (
    <section aria-label="Categories" className="space-y-3">
      <form onSubmit={submit} className="flex items-center gap-2">
        <input
          aria-label="New category name"
          placeholder="New category"
          className="flex-1 rounded bg-rail p-1.5 text-sm text-strong"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="rounded bg-blurple px-3 py-1.5 text-sm text-white">
          Add category
        </button>
      </form>
      <ErrorLine error={error} />
      <ul className="space-y-2" aria-label="Categories of this server">
        {server.categories.map((c) => (
          <CategoryRow key={c.id} serverId={server.id} category={c} />
        ))}
      </ul>
      {server.categories.length === 0 && (
        <p className="text-sm text-muted">
          No categories yet: channels are listed as text and voice channels.
        </p>
      )}
    </section>
  );
}

/** Picks the category a channel is listed in. */
export function ChannelCategorySelect({
  server,
  channelId,
  channelName,
  kind,
}: {
  server: ServerView;
  channelId: string;
  channelName: string;
  kind: 'text' | 'voice';
}) {
  const [error, act] = useLayoutAction(server.id);
  const current = server.groups.find((g) => g.channels.some((c) => c.id === channelId));
  return (
    <>
      <select
        aria-label={`Category of ${channelName} (${kind} channel)`}
        className="max-w-32 rounded bg-rail p-1 text-xs text-strong"
        value={current?.categoryId ?? ''}
        onChange={(e) =>
          act('move the channel', (l) => placeChannel(l, channelId, e.target.value || undefined))
        }
      >
        <option value="">No category</option>
        {server.categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <ErrorLine error={error} />
    </>
  );
}
