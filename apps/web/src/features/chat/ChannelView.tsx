import { useState } from 'react';
import type { ChannelView as Channel } from '../../stores/rooms-store';
import { MemberList } from '../members/MemberList';
import { useMaybeNavDrawer } from '../../app/NavDrawer';
import { Composer } from './Composer';
import { Timeline } from './Timeline';
import type { DraftIntent } from './MessageActions';

/** A text channel: header, messages, composer, and the toggleable member list. */
export function ChannelView({ channel }: { channel: Channel }) {
  const [showMembers, setShowMembers] = useState(true);
  const drawer = useMaybeNavDrawer();
  const [intent, setIntent] = useState<DraftIntent | undefined>();
  return (
    <div data-channel-part className="flex min-w-0 flex-1">
      <section aria-label={`#${channel.name}`} className="flex min-w-0 flex-1 flex-col bg-chat">
        <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-4 shadow-sm">
          <button
            type="button"
            className="rounded p-1 text-xl text-muted hover:text-strong md:hidden"
            aria-label="Show servers and channels"
            onClick={() => drawer?.setOpen(true)}
          >
            ☰
          </button>
          <span aria-hidden="true" className="text-xl text-muted">
            {channel.kind === 'voice' ? '🔊' : '#'}
          </span>
          <h1 className="font-semibold text-strong">{channel.name}</h1>
          {channel.encrypted && (
            <span
              title="End-to-end encrypted"
              aria-label="End-to-end encrypted"
              className="text-ok"
            >
              🔒
            </span>
          )}
          {channel.topic && (
            <p className="truncate border-l border-white/10 pl-2 text-sm text-muted">
              {channel.topic}
            </p>
          )}
          <button
            type="button"
            className={`ml-auto rounded p-1 ${showMembers ? 'text-strong' : 'text-muted'} hover:text-strong`}
            aria-label={showMembers ? 'Hide member list' : 'Show member list'}
            aria-pressed={showMembers}
            onClick={() => setShowMembers(!showMembers)}
          >
            👥
          </button>
        </header>
        <Timeline key={channel.id} roomId={channel.id} onIntent={setIntent} />
        <Composer
          key={channel.id}
          roomId={channel.id}
          channelName={channel.name}
          intent={intent}
          onIntentDone={() => setIntent(undefined)}
        />
      </section>
      {showMembers && <MemberList roomId={channel.id} />}
    </div>
  );
}
