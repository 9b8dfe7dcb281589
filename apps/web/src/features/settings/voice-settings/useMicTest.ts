import { useCallback, useEffect, useRef, useState } from 'react';
import { useController } from '../../../app/ControllerContext';
import { startMicTest, type MicTestState } from '../../../core/devices/mic-test';

/** "Test microphone" outside a call: start and stop; ends when unmounted. */
export function useMicTest() {
  const { voice } = useController();
  const [state, setState] = useState<MicTestState>({ status: 'idle' });
  const stopRef = useRef<(() => void) | undefined>(undefined);
  const stop = useCallback(() => {
    stopRef.current?.();
    stopRef.current = undefined;
    setState({ status: 'idle' });
  }, []);
  const start = useCallback(() => {
    setState({ status: 'opening' });
    startMicTest(() => voice.store.getState().settings, voice.levels).then(
      (undo) => {
        stopRef.current = undo;
        setState({ status: 'running' });
      },
      (error: unknown) =>
        setState({
          status: 'failed',
          error: `Your microphone could not be opened: ${(error as Error).message}`,
        }),
    );
  }, [voice]);
  // Unmounting (the dialog closes, or a call starts) ends the test.
  useEffect(
    () => () => {
      stopRef.current?.();
      stopRef.current = undefined;
    },
    [],
  );
  return { state, start, stop };
}
