import { useEffect } from 'react';
import { useController } from '../../app/ControllerContext';

/** Ctrl+Shift+M toggles mute and Ctrl+Shift+D deafen, anywhere in the app. */
export function useVoiceShortcuts(): void {
  const controller = useController();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Holding the keys down must not flip mute on and off.
      if (e.repeat || !e.ctrlKey || !e.shiftKey || e.altKey || e.metaKey) return;
      const key = e.key.toLowerCase();
      if (key === 'm') {
        e.preventDefault();
        void controller.voice.toggleMute();
      } else if (key === 'd') {
        e.preventDefault();
        void controller.voice.toggleDeafen();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}
