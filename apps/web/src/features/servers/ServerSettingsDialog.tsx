import { useState } from 'react';
import { useController } from '../../app/ControllerContext';
import { Modal } from '../../app/Modal';
import { IconButton } from '../../app/IconButton';
import { TextField } from '../../app/forms';
import { describeMatrixError } from '../../core/matrix/describe-error';
import { membersOf } from '../../core/matrix/members';
import { roleOf, type Role } from '../../core/matrix/server-admin';
import type { ServerView } from '../../stores/rooms-store';
import { useRooms } from './useServers';
import { CategorySettings, ChannelCategorySelect } from './CategorySettings';

const ROLE_LABEL: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  moderator: 'Moderator',
  member: 'Member',
};

function useAction(): [string | undefined, (label: string, run: () => Promise<unknown>) => void] {
  const [error, setError] = useState<string | undefined>();
  const act = (label: string, run: () => Promise<unknown>) => {
    setError(undefined);
    run().catch((caught: unknown) => setError(describeMatrixError(caught, label)));
  };
  return [error, act];
}

function Overview({ server }: { server: ServerView }) {
  const controller = useController();
  const [name, setName] = useState(server.name);
  const [error, act] = useAction();
  return (
    <section aria-label="Overview" className="space-y-2">
      <TextField label="Server name" value={name} onChange={(e) => setName(e.target.value)} />
      <button
        type="button"
        className="rounded bg-blurple px-3 py-1.5 text-sm text-white"
        onClick={() =>
          act('rename the server', () => controller.servers.renameRoom(server.id, name))
        }
      >
        Save name
      </button>
      <label className="block text-xs font-bold uppercase text-muted">
        Server icon
        <input
          type="file"
          accept="image/*"
          className="mt-1 block text-sm normal-case text-normal"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file)
              act('set the server icon', () => controller.servers.setServerIcon(server.id, file));
          }}
        />
      </label>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </section>
  );
}

function ChannelRow({
  server,
  id,
  name,
  kind,
}: {
  server: ServerView;
  id: string;
  name: string;
  kind: 'text' | 'voice';
}) {
  const serverId = server.id;
  const controller = useController();
  const [value, setValue] = useState(name);
  const [error, act] = useAction();
  return (
    <li className="space-y-1">
      <div className="flex items-center gap-2">
        <span aria-hidden="true">{kind === 'voice' ? '🔊' : '#'}</span>
        <input
          aria-label={`Name of ${name}`}
          className="flex-1 rounded bg-rail p-1.5 text-sm text-strong"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button
          type="button"
          className="rounded bg-blurple px-2 py-1 text-xs text-white"
          aria-label={`Rename ${name}`}
          onClick={() => act('rename the channel', () => controller.servers.renameRoom(id, value))}
        >
          Rename
        </button>
        {server.categories.length > 0 && (
          <ChannelCategorySelect server={server} channelId={id} channelName={name} kind={kind} />
        )}
        <button
          type="button"
          className="rounded px-1 text-muted hover:text-strong"
          aria-label={`Move ${name} up`}
          onClick={() =>
            act('move the channel', () => controller.servers.moveChannel(serverId, id, -1))
          }
        >
          ↑
        </button>
        <button
          type="button"
          className="rounded px-1 text-muted hover:text-strong"
          aria-label={`Move ${name} down`}
          onClick={() =>
            act('move the channel', () => controller.servers.moveChannel(serverId, id, 1))
          }
        >
          ↓
        </button>
        <button
          type="button"
          className="rounded bg-danger px-2 py-1 text-xs text-white"
          aria-label={`Delete ${name}`}
          onClick={() => {
            if (window.confirm(`Delete the channel ${name}?`))
              act('delete the channel', () => controller.servers.deleteChannel(serverId, id));
          }}
        >
          Delete
        </button>
      </div>
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </li>
  );
}

function Members({ server }: { server: ServerView }) {
  const controller = useController();
  useRooms((s) => s.version);
  const [error, act] = useAction();
  const me = controller.client?.getUserId();
  const members = controller.client ? membersOf(controller.client, server.id) : [];
  const [reason, setReason] = useState('');
  const why = reason.trim() || undefined;
  return (
    <section aria-label="Members" className="space-y-1">
      <label className="block text-xs font-bold uppercase text-muted">
        Reason for a kick or ban (optional, the member sees it)
        <input
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          className="mt-1 w-full rounded bg-rail p-1.5 text-sm font-normal normal-case text-strong"
        />
      </label>
      <ul className="space-y-1">
        {members.map((m) => {
          const role = roleOf(m.powerLevel);
          const locked = role === 'owner' || m.userId === me;
          return (
            <li
              key={m.userId}
              className="flex items-center gap-2 text-sm"
              aria-label={`${m.name}, ${ROLE_LABEL[role]}`}
            >
              <span className="flex-1 truncate">{m.name}</span>
              <select
                aria-label={`Role of ${m.name}`}
                disabled={locked}
                value={role}
                className="rounded bg-rail p-1 text-strong"
                onChange={(e) =>
                  act('change the role', () =>
                    controller.servers.setRole(
                      server.id,
                      m.userId,
                      e.target.value as Exclude<Role, 'owner'>,
                    ),
                  )
                }
              >
                {(locked
                  ? (['owner', 'admin', 'moderator', 'member'] as const)
                  : (['admin', 'moderator', 'member'] as const)
                ).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </select>
              {!locked && (
                <>
                  <button
                    type="button"
                    aria-label={`Kick ${m.name}`}
                    className="rounded px-2 py-1 text-xs text-danger hover:bg-rail"
                    onClick={() =>
                      act('kick the member', () =>
                        controller.servers.removeMember(server.id, m.userId, 'kick', why),
                      )
                    }
                  >
                    Kick
                  </button>
                  <button
                    type="button"
                    aria-label={`Ban ${m.name}`}
                    className="rounded bg-danger px-2 py-1 text-xs text-white"
                    onClick={() => {
                      if (window.confirm(`Ban ${m.name} from ${server.name}?`))
                        act('ban the member', () =>
                          controller.servers.removeMember(server.id, m.userId, 'ban', why),
                        );
                    }}
                  >
                    Ban
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </section>
  );
}

/** Server settings: name, channels (rename, order, category, delete), categories, members. */
export function ServerSettingsDialog({ server }: { server: ServerView }) {
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState<'overview' | 'channels' | 'categories' | 'members'>('overview');
  return (
    <>
      <IconButton label="Server settings" onClick={() => setOpen(true)}>
        ⚙
      </IconButton>
      <Modal open={open} onOpenChange={setOpen} title={`${server.name} settings`}>
        <div role="tablist" aria-label="Settings sections" className="mb-3 flex gap-1">
          {(['overview', 'channels', 'categories', 'members'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={`rounded px-3 py-1 text-sm capitalize ${tab === t ? 'bg-blurple text-white' : 'text-muted hover:text-white'}`}
              onClick={() => setTab(t)}
            >
              {t}
            </button>
          ))}
        </div>
        <div role="tabpanel" className="max-h-[60vh] overflow-y-auto">
          {tab === 'overview' && <Overview server={server} />}
          {tab === 'channels' && (
            <ul className="space-y-2" aria-label="Channels">
              {server.groups
                .flatMap((g) => g.channels)
                .map((c) => (
                  <ChannelRow key={c.id} server={server} id={c.id} name={c.name} kind={c.kind} />
                ))}
            </ul>
          )}
          {tab === 'categories' && <CategorySettings server={server} />}
          {tab === 'members' && <Members server={server} />}
        </div>
      </Modal>
    </>
  );
}
