import { useStore } from 'zustand';
import { useController } from '../../../app/ControllerContext';
import { MIN_THRESHOLD_DB } from '../../../core/devices/voice-settings';

const percent = (db: number) =>
  Math.max(0, Math.min(100, ((db - MIN_THRESHOLD_DB) / -MIN_THRESHOLD_DB) * 100));

/** Your microphone's live level against the input sensitivity (only this re-renders per tick). */
export function LevelMeter() {
  const { levels } = useController().voice;
  const live = useStore(levels, (s) => s.live);
  const level = useStore(levels, (s) => Math.round(s.levelDb));
  const threshold = useStore(levels, (s) => Math.round(s.thresholdDb));
  if (!live) return null;
  const above = level >= threshold;
  return (
    <div className="space-y-1">
      <div className="relative h-2 overflow-hidden rounded bg-rail" aria-hidden="true">
        <div
          className={`h-full ${above ? 'bg-ok' : 'bg-yellow-500'}`}
          style={{ width: `${percent(level)}%` }}
        />
        <div
          className="absolute top-0 h-full w-0.5 bg-strong"
          style={{ left: `${percent(threshold)}%` }}
        />
      </div>
      <meter
        className="sr-only"
        aria-label="Microphone level"
        min={MIN_THRESHOLD_DB}
        max={0}
        value={level}
        aria-valuetext={`${level} dB`}
      />
      <p className="text-xs text-muted">
        Level <output aria-label="Microphone level in dB">{level}</output> dB, threshold {threshold}{' '}
        dB: {above ? 'sending' : 'too quiet to send'}
      </p>
    </div>
  );
}
