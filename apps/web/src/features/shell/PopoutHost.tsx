import { lazy, Suspense } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import { useController } from '../../app/ControllerContext';

// Loaded only when someone pops a call out.
const PopoutCall = lazy(() => import('../video/PopoutCall'));

/** Renders the popped-out call into its picture-in-picture window, wherever you browse. */
export function PopoutHost() {
  const controller = useController();
  const win = useStore(controller.voice.popout, (s) => s.window);
  if (!win) return null;
  return createPortal(
    <Suspense fallback={null}>
      <PopoutCall />
    </Suspense>,
    win.document.body,
  );
}
