import { useState } from 'react';

const KEY = 'haos.voiceChatOpen';

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === 'true';
  } catch {
    return false;
  }
}

/**
 * Whether voice channels show their text chat beside the call, remembered on this device (closed
 * at first, as in Discord).
 */
export function useVoiceChatOpen(): [boolean, () => void] {
  const [open, setOpen] = useState(read);
  const toggle = () => {
    try {
      localStorage.setItem(KEY, String(!open));
    } catch {
      // Storage may be unavailable (private mode, quota); the toggle still works for this visit.
    }
    setOpen(!open);
  };
  return [open, toggle];
}
