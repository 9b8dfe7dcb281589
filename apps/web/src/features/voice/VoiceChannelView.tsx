import { PhoneOff } from 'lucide-react';
import { useController } from '../../app/ControllerContext';
import { useAuth } from '../../app/useSession';
import { useMaybeNavDrawer } from '../../app/NavDrawer';
import type { ChannelView } from '../../stores/rooms-store';
import { ParticipantTile } from './ParticipantTile';
import { VoiceControls } from './VoiceControls';
import { useVoiceChannel } from './useVoice';
import { deviceNumbers } from './devices';

/** A voice channel's view: everyone in it as tiles, and the call controls. */
export function VoiceChannelView({ channel }: { channel: ChannelView }) {
  const controller = useController();
  const auth = useAuth();
  const drawer = useMaybeNavDrawer();
  const { members, joined } = useVoiceChannel(channel.id);
  const devices = deviceNumbers(members);
  const ownUser = auth.status === 'signed-in' ? auth.userId : '';
  const ownDevice = auth.status === 'signed-in' ? auth.deviceId : '';
  return (
    <section
      data-channel-part
      aria-label={`${channel.name} (voice channel)`}
      className="flex min-w-0 flex-1 flex-col bg-chat"
    >
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
          🔊
        </span>
        <h1 className="font-semibold text-strong">{channel.name}</h1>
        {channel.encrypted && (
          <span title="End-to-end encrypted" aria-label="End-to-end encrypted" className="text-ok">
            🔒
          </span>
        )}
      </header>
      <div className="flex-1 overflow-y-auto p-4">
        {members.length === 0 ? (
          <p className="mt-16 text-center text-muted">No one is here yet.</p>
        ) : (
          <ul
            aria-label="Participants"
            className="grid gap-3 [grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))]"
          >
            {members.map((m) => (
              <ParticipantTile
                key={m.identity}
                member={m}
                device={devices.get(m.identity)}
                inCall={joined}
                self={m.userId === ownUser && m.deviceId === ownDevice}
              />
            ))}
          </ul>
        )}
      </div>
      <footer className="flex items-center justify-center gap-2 p-3">
        {joined ? (
          <>
            <VoiceControls />
            <button
              type="button"
              aria-label="Disconnect"
              title="Disconnect"
              className="rounded-full bg-danger p-2 text-white"
              onClick={() => void controller.voice.leave()}
            >
              <PhoneOff size={18} aria-hidden="true" />
            </button>
          </>
        ) : (
          <button
            type="button"
            className="rounded bg-ok px-4 py-2 font-semibold text-white"
            onClick={() => void controller.voice.join(channel.id)}
          >
            Join voice
          </button>
        )}
      </footer>
    </section>
  );
}
