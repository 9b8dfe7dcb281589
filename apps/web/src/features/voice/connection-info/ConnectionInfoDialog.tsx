import { useEffect, useState, type RefObject } from 'react';
import { useStore } from 'zustand';
import { Modal } from '../../../app/Modal';
import { useController } from '../../../app/ControllerContext';
import { useVoice } from '../useVoice';
import { SignalBars } from '../SignalBars';
import { ConnectionMonitor } from '../../../core/call/connection-monitor';

const MEASURING = 'measuring…';
const ms = (value: number | undefined) => (value === undefined ? MEASURING : `${value} ms`);
const pct = (value: number | undefined) =>
  value === undefined ? MEASURING : `${value.toFixed(1)} %`;
const kbps = (value: number | undefined) => (value === undefined ? MEASURING : `${value} kbps`);

/**
 * Connection info: the call's round-trip time, packet loss, bitrates, codecs and SFU, from
 * WebRTC stats read about once a second while this dialog is open (and not at all otherwise).
 */
export default function ConnectionInfoDialog({
  open,
  onOpenChange,
  returnFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocus?: RefObject<HTMLElement | null>;
}) {
  const controller = useController();
  // Reads whichever call is current, so the figures stay right across reconnects and rejoins.
  const [monitor] = useState(() => new ConnectionMonitor(() => controller.voice.readStats()));
  useEffect(() => monitor.watch(), [monitor]);
  const { figures, server } = useStore(monitor.store);
  const connected = useVoice((s) => s.call?.phase === 'connected');
  const quality = useVoice((s) => s.call?.quality ?? 'unknown');
  const signalPing = useVoice((s) => s.call?.pingMs);
  const rows: [string, string][] = [
    ['Ping', ms(figures?.rttMs ?? signalPing)],
    ['Packet loss sent', pct(figures?.lossSentPct)],
    ['Packet loss received', pct(figures?.lossReceivedPct)],
    ['Bitrate up', kbps(figures?.kbpsUp)],
    ['Bitrate down', kbps(figures?.kbpsDown)],
    ['Audio codec', figures ? figures.audioCodecs.join(', ') || 'none' : MEASURING],
    ...(figures?.videoCodecs.length
      ? [['Video codec', figures.videoCodecs.join(', ')] as [string, string]]
      : []),
    ['Voice server', server?.url ?? MEASURING],
    ['Region', server ? (server.region ?? 'not reported') : MEASURING],
  ];
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      returnFocus={returnFocus}
      title="Connection info"
      description="Your connection to the voice server, updated every second."
    >
      <div className="space-y-3 text-sm">
        <p className="flex items-center gap-2 text-normal">
          <SignalBars level={quality} /> Quality: {quality}
        </p>
        {!connected && (
          <p className="text-yellow-500">Not connected right now: figures return with the call.</p>
        )}
        <table className="w-full">
          <tbody>
            {rows.map(([name, value]) => (
              <tr key={name} className="border-b border-rail/60 last:border-0">
                <th scope="row" className="py-1 pr-3 text-left font-normal text-muted">
                  {name}
                </th>
                <td className="break-all py-1 text-strong">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
