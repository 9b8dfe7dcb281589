import { barsOf, qualityLabel, type QualityLevel } from '../../core/call/connection-quality';
import { useConnectionQuality } from './useVoice';

const LIT: Record<QualityLevel, string> = {
  excellent: 'text-ok',
  good: 'text-ok',
  poor: 'text-yellow-500',
  lost: 'text-danger',
  unknown: 'text-muted',
};

/** Three signal bars for a connection quality, named for screen readers ("Connection: good"). */
export function SignalBars({ level }: { level: QualityLevel }) {
  const lit = barsOf(level);
  const label = qualityLabel(level);
  return (
    <svg
      role="img"
      aria-label={label}
      data-quality={level}
      viewBox="0 0 12 10"
      width={14}
      height={12}
      className={`shrink-0 ${LIT[level]}`}
    >
      <title>{label}</title>
      {[0, 1, 2].map((bar) => (
        <rect
          key={bar}
          x={bar * 4}
          y={6 - bar * 3}
          width={3}
          height={4 + bar * 3}
          rx={0.5}
          fill="currentColor"
          opacity={bar < lit ? 1 : 0.25}
        />
      ))}
    </svg>
  );
}

/**
 * One participant's connection quality in your call. It subscribes to that participant's entry
 * only, so a change re-renders this indicator, never the row or tile around it; nothing shows
 * until LiveKit has reported a quality.
 */
export function ParticipantConnection({ identity }: { identity: string }) {
  const level = useConnectionQuality(identity);
  if (!level || level === 'unknown') return null;
  return <SignalBars level={level} />;
}
