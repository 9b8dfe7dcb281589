import { useEffect, useState } from 'react';
import {
  closePreview,
  listCameras,
  openPreview,
  type Camera,
  type CameraPreview,
} from '../../core/devices/camera';

/**
 * While `open`: the chosen camera's picture and the list of cameras. Choosing another camera
 * reopens the preview; closing stops it (the call opens the camera itself when turned on).
 */
export function useCameraPreview(open: boolean, deviceId: string | undefined) {
  // Which camera the result is for: a newly chosen one shows "opening" until it is ready.
  const [result, setResult] = useState<{ deviceId: string | undefined; preview: CameraPreview }>();
  const [cameras, setCameras] = useState<Camera[]>([]);
  useEffect(() => {
    if (!open) return undefined;
    let stream: MediaStream | undefined;
    let gone = false;
    void openPreview(deviceId).then(async (result) => {
      if (gone) {
        if (result.status === 'ready') closePreview(result.stream);
        return;
      }
      if (result.status === 'ready') stream = result.stream;
      setResult({ deviceId, preview: result });
      // Labels are only known once the site may use a camera.
      const list = await listCameras().catch(() => []);
      if (!gone) setCameras(list);
    });
    return () => {
      gone = true;
      if (stream) closePreview(stream);
    };
  }, [open, deviceId]);
  const preview: CameraPreview =
    open && result && result.deviceId === deviceId ? result.preview : { status: 'opening' };
  return { preview, cameras };
}
