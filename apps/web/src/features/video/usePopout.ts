import { useStore } from 'zustand';
import { useController } from '../../app/ControllerContext';

interface DocumentPictureInPicture {
  requestWindow(options?: { width?: number; height?: number }): Promise<Window>;
}

const documentPiP = () =>
  (window as Window & { documentPictureInPicture?: DocumentPictureInPicture })
    .documentPictureInPicture;

/** The page's styles, copied into the popped-out window so the tiles look the same there. */
function copyStyles(target: Document): void {
  for (const sheet of document.styleSheets) {
    const owner = sheet.ownerNode;
    if (owner instanceof HTMLLinkElement || owner instanceof HTMLStyleElement)
      target.head.appendChild(owner.cloneNode(true));
  }
  target.documentElement.className = document.documentElement.className;
  target.body.className = 'h-full bg-chat text-normal';
}

/**
 * Pops the call out so it stays visible while you browse other channels: a Document
 * Picture-in-Picture window with the tiles, mute and leave where the browser has it; otherwise
 * the browser's own picture-in-picture of the video in the spotlight (or the first one shown).
 */
export function usePopout() {
  const controller = useController();
  const popped = useStore(controller.voice.popout, (s) => s.window !== undefined);
  const supported = !!documentPiP() || document.pictureInPictureEnabled;
  const open = async () => {
    const pip = documentPiP();
    if (pip) {
      const win = await pip.requestWindow({ width: 480, height: 320 });
      copyStyles(win.document);
      win.addEventListener('pagehide', () =>
        controller.voice.popout.setState({ window: undefined }),
      );
      controller.voice.popout.setState({ window: win });
      return;
    }
    const video =
      document.querySelector<HTMLVideoElement>('section[aria-label^="Spotlight"] video') ??
      document.querySelector<HTMLVideoElement>('video[data-source]');
    await video?.requestPictureInPicture();
  };
  const close = () => {
    controller.voice.popout.getState().window?.close();
    controller.voice.popout.setState({ window: undefined });
  };
  return { popped, supported, open: () => void open().catch(() => undefined), close };
}
