import { useLocalVideo } from './useLocalVideo';

/** Why your camera could not be turned on (your voice goes on regardless). */
export function CameraNotice() {
  const { camera } = useLocalVideo();
  if (camera.status !== 'failed') return null;
  return (
    <p role="alert" data-code={camera.error.code} className="text-sm text-yellow-500">
      {camera.error.message}
    </p>
  );
}
