import { useEffect, useState } from 'react';
import { useController } from '../../../app/ControllerContext';
import { keyLabel } from '../../../core/devices/key-label';
import {
  MAX_RELEASE_MS,
  MAX_THRESHOLD_DB,
  MIN_THRESHOLD_DB,
} from '../../../core/devices/voice-settings';
import { useVoice } from '../../voice/useVoice';
import { LevelMeter } from './LevelMeter';
import { useMicTest } from './useMicTest';

/** Captures the next key pressed (Escape cancels) and binds it to push-to-talk. */
function KeybindRecorder() {
  const controller = useController();
  const pttKey = useVoice((s) => s.settings.pttKey);
  const [recording, setRecording] = useState(false);
  useEffect(() => {
    if (!recording) return;
    const onKey = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopImmediatePropagation();
      setRecording(false);
      if (e.code !== 'Escape' && e.code) void controller.voice.updateSettings({ pttKey: e.code });
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [recording, controller]);
  return (
    <div className="flex items-center justify-between gap-2">
      <span>
        Shortcut: <kbd className="rounded bg-rail px-1.5 font-mono">{keyLabel(pttKey)}</kbd>
      </span>
      <button
        type="button"
        className="rounded bg-blurple px-2 py-1 text-xs font-semibold text-white"
        onClick={() => setRecording(true)}
      >
        {recording ? 'Press a key… (Escape cancels)' : 'Record keybind'}
      </button>
    </div>
  );
}

/** Outside a call, opens the microphone to show its level; in a call the meter is live anyway. */
function MicTestButton() {
  const { state, start, stop } = useMicTest();
  const running = state.status === 'running';
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={state.status === 'opening'}
        className="rounded bg-chat px-2 py-1 text-xs font-semibold hover:bg-panel disabled:opacity-50"
        onClick={running ? stop : start}
      >
        {running ? 'Stop microphone test' : 'Test microphone'}
      </button>
      {state.status === 'failed' && (
        <p role="alert" className="text-xs text-danger">
          {state.error}
        </p>
      )}
    </div>
  );
}

/** Voice activity (with its sensitivity and meter) or push-to-talk (key and release delay). */
export function InputModeSection() {
  const controller = useController();
  const settings = useVoice((s) => s.settings);
  const inCall = useVoice((s) => s.call?.mic === 'ok');
  const update = (patch: Parameters<typeof controller.voice.updateSettings>[0]) =>
    void controller.voice.updateSettings(patch);
  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="text-xs font-bold uppercase text-muted">Input mode</legend>
        {(['voice-activity', 'push-to-talk'] as const).map((mode) => (
          <label key={mode} className="mt-1 flex items-center gap-2">
            <input
              type="radio"
              name="input-mode"
              checked={settings.mode === mode}
              onChange={() => update({ mode })}
            />
            {mode === 'voice-activity' ? 'Voice activity' : 'Push to talk'}
          </label>
        ))}
      </fieldset>
      {settings.mode === 'voice-activity' ? (
        <div className="space-y-2">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={settings.autoThreshold}
              onChange={(e) => update({ autoThreshold: e.target.checked })}
            />
            Determine input sensitivity automatically
          </label>
          <label className="block">
            <span className="flex justify-between text-xs font-bold uppercase text-muted">
              Input sensitivity <output>{settings.thresholdDb} dB</output>
            </span>
            <input
              type="range"
              className="w-full"
              min={MIN_THRESHOLD_DB}
              max={MAX_THRESHOLD_DB}
              step={1}
              value={settings.thresholdDb}
              disabled={settings.autoThreshold}
              aria-label="Input sensitivity"
              aria-valuetext={`${settings.thresholdDb} dB`}
              onChange={(e) => update({ thresholdDb: Number(e.target.value) })}
            />
          </label>
          {!inCall && <MicTestButton />}
          <LevelMeter />
        </div>
      ) : (
        <div className="space-y-2">
          <KeybindRecorder />
          <label className="block">
            <span className="flex justify-between text-xs font-bold uppercase text-muted">
              Release delay <output>{settings.pttReleaseMs} ms</output>
            </span>
            <input
              type="range"
              className="w-full"
              min={0}
              max={MAX_RELEASE_MS}
              step={20}
              value={settings.pttReleaseMs}
              aria-label="Push to talk release delay"
              aria-valuetext={`${settings.pttReleaseMs} ms`}
              onChange={(e) => update({ pttReleaseMs: Number(e.target.value) })}
            />
          </label>
        </div>
      )}
    </div>
  );
}
