import { cameraFailureOf, type MediaFailure } from '../call/media-failure';

export interface Camera {
  deviceId: string;
  label: string;
}

/** The cameras this browser offers (labels appear once the site may use a camera). */
export async function listCameras(): Promise<Camera[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput' && d.deviceId)
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export type CameraPreview =
  | { status: 'opening' }
  | { status: 'ready'; stream: MediaStream; deviceId: string }
  | { status: 'failed'; error: MediaFailure };

/**
 * Opens a camera for a look before it goes to the call (the camera preview). The caller must
 * `closePreview` the stream: the call opens the camera on its own when you turn it on.
 */
export async function openPreview(deviceId: string | undefined): Promise<CameraPreview> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: {
        ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        width: { ideal: 1280 },
        height: { ideal: 720 },
      },
    });
    const opened = stream.getVideoTracks()[0]?.getSettings().deviceId ?? deviceId ?? '';
    return { status: 'ready', stream, deviceId: opened };
  } catch (error) {
    return { status: 'failed', error: cameraFailureOf(error) };
  }
}

export function closePreview(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
