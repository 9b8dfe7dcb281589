import { useState } from 'react';
import { Lock, Settings } from 'lucide-react';
import { NavLink } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { useRooms } from '../servers/useServers';
import type { ActiveCall } from '../../stores/voice-store';
import { useVoice } from './useVoice';
import { DisconnectButton } from './DisconnectButton';
import { VoiceSettingsLauncher } from '../settings/VoiceSettingsLauncher';
import { VoicePanelNotices } from './VoicePanelNotices';
import { ConnectionInfoButton, ConnectionSummary } from './ConnectionSummary';
import { ReconnectingText } from './ReconnectingText';
import { PanelIconButton } from './PanelIconButton';

const PHASE_TEXT: Record<ActiveCall['phase'], string> = {
  connecting: 'Connecting…',
  connected: 'Voice connected',
  reconnecting: 'Reconnecting…',
  failed: 'Voice disconnected',
};

const MIC_TEXT: Partial<Record<ActiveCall['mic'], string>> = {
  denied:
    'Microphone blocked: you can listen. Allow the microphone for this site in your browser to talk.',
  missing: 'No microphone found: you can listen. Plug one in, then unmute.',
  failed: 'Your microphone could not be opened: you can listen. Unmute to try again.',
};

/** Above the user panel while you are in (or joining) a call: where, how well, and Disconnect. */
export function VoicePanel() {
  const controller = useController();
  const call = useVoice((s) => s.call);
  const server = useRooms((s) =>
    s.servers.find((x) => x.channels.some((c) => c.id === call?.roomId)),
  );
  const channel = server?.channels.find((c) => c.id === call?.roomId);
  const direct = useRooms((s) => s.directs.find((d) => d.id === call?.roomId));
  const place =
    server && channel
      ? {
          to: `/channels/${encodeURIComponent(server.id)}/${encodeURIComponent(channel.id)}`,
          text: `${channel.name} / ${server.name}`,
        }
      : direct
        ? { to: `/channels/@me/${encodeURIComponent(direct.id)}`, text: `Call with ${direct.name}` }
        : undefined;
  const [settingsOpen, setSettingsOpen] = useState(false);
  if (!call) return null;
  const failed = call.phase === 'failed';
  const color = failed ? 'text-danger' : call.phase === 'connected' ? 'text-ok' : 'text-yellow-500';
  const micText = MIC_TEXT[call.mic];
  return (
    <section
      aria-label="Voice connection"
      className="space-y-1 border-b border-rail bg-panel px-2 py-2"
    >
      <div className="flex items-center gap-2">
        <div className="min-w-0 flex-1">
          <p role="status" className={`flex items-center gap-1 text-sm font-semibold ${color}`}>
            {call.phase === 'reconnecting' ? (
              <ReconnectingText retry={call.retry} />
            ) : (
              PHASE_TEXT[call.phase]
            )}
            {call.e2eeActive && (
              <Lock role="img" aria-label="End-to-end encrypted" size={12} className="text-ok" />
            )}
          </p>
          {place && (
            <NavLink to={place.to} className="block truncate text-xs text-muted hover:underline">
              {place.text}
            </NavLink>
          )}
          {call.phase === 'connected' && <ConnectionSummary />}
        </div>
        {!failed && <ConnectionInfoButton />}
        <PanelIconButton
          label="Voice settings"
          icon={Settings}
          onClick={() => setSettingsOpen(true)}
        />
        <DisconnectButton />
      </div>
      {failed && call.error && (
        <div role="alert" className="space-y-1 text-xs text-normal">
          <p>{call.error.message}</p>
          <button
            type="button"
            className="rounded bg-blurple px-2 py-1 font-semibold text-white"
            onClick={() => void controller.voice.rejoin()}
          >
            Rejoin
          </button>
        </div>
      )}
      {!failed && micText && (
        <p role="alert" className="text-xs text-yellow-500">
          {micText}
        </p>
      )}
      {!failed && <VoicePanelNotices />}
      <VoiceSettingsLauncher open={settingsOpen} onOpenChange={setSettingsOpen} />
    </section>
  );
}
