import { Lock, MonitorUp } from 'lucide-react';
import { ParticipantMenu } from '../voice/ParticipantMenu';
import { SpeakingIndicator } from '../voice/SpeakingIndicator';
import { ParticipantConnection } from '../voice/SignalBars';
import { VoiceStateIcons } from '../voice/VoiceStateIcons';
import { labelOf } from '../voice/devices';
import { useVoice, type Participant } from '../voice/useVoice';
import { CameraOrAvatar } from './CameraOrAvatar';

/**
 * One device in the call: their camera when it is on (yours mirrored), else their avatar with
 * the speaking ring; name and media state at the bottom. Clicking it spotlights it.
 */
export function VideoTile({
  participant: { member, device, self },
  inCall,
  focused,
  onFocus,
  compact = false,
}: {
  participant: Participant;
  inCall: boolean;
  focused: boolean;
  onFocus: () => void;
  /** In the strip under a spotlight: a small avatar. */
  compact?: boolean;
}) {
  const label = labelOf(member, device);
  const camera = useVoice((s) => (inCall ? s.media[member.identity]?.camera : undefined));
  const sharing = useVoice((s) => inCall && !!s.media[member.identity]?.screen);
  const encrypted = useVoice((s) => s.media[member.identity]?.encrypted === true);
  const connected = useVoice((s) => s.media[member.identity]?.connected === true);
  const tile = (onContextMenu?: (e: React.MouseEvent) => void) => (
    <SpeakingIndicator
      identity={member.identity}
      active={inCall && !!camera}
      shape="rounded-lg"
      className="relative block h-full w-full"
    >
      <div
        onContextMenu={onContextMenu}
        className="relative flex h-full w-full flex-col items-center justify-center gap-2 overflow-hidden rounded-lg bg-rail"
      >
        <button
          type="button"
          aria-label={`Focus ${label}`}
          aria-pressed={focused}
          title={focused ? 'Back to the grid' : `Focus ${label}`}
          onClick={onFocus}
          className="absolute inset-0 rounded-lg focus-visible:outline focus-visible:outline-2 focus-visible:outline-blurple"
        />
        <CameraOrAvatar
          member={member}
          label={label}
          self={self}
          inCall={inCall}
          camera={camera}
          size={compact ? 'sm' : 'lg'}
          avatarClassName="pointer-events-none p-1"
        />
        <div
          className={`pointer-events-none flex max-w-full items-center gap-1 text-sm text-strong ${camera ? 'absolute bottom-1 left-1 rounded bg-black/60 px-1.5 py-0.5' : ''}`}
        >
          <span className="truncate">{self ? `${label} (you)` : label}</span>
          {inCall && encrypted && (
            <Lock
              role="img"
              aria-label="Media end-to-end encrypted"
              size={12}
              className="text-ok"
            />
          )}
          {sharing && <MonitorUp role="img" aria-label="Sharing screen" size={14} />}
          {inCall && (
            <VoiceStateIcons identity={member.identity} userId={member.userId} self={self} />
          )}
          {inCall && <ParticipantConnection identity={member.identity} />}
        </div>
        {inCall && !self && !connected && (
          <p className="pointer-events-none text-xs text-muted">Connecting…</p>
        )}
      </div>
    </SpeakingIndicator>
  );
  return (
    <li
      aria-label={label}
      data-identity={member.identity}
      data-video={camera ? 'on' : 'off'}
      className="min-h-0 min-w-0"
    >
      {self ? (
        tile()
      ) : (
        <ParticipantMenu userId={member.userId} name={member.name}>
          {tile}
        </ParticipantMenu>
      )}
    </li>
  );
}
