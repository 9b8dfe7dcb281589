import { useState } from 'react';

/**
 * Asks for desktop notification permission at a sensible moment: when the person chooses to,
 * from Home, never on page load.
 */
export function NotificationPrompt() {
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );
  if (permission !== 'default') return null;
  return (
    <div className="rounded bg-chat/60 p-2 text-sm">
      <p>Get a desktop notification when someone mentions you or sends you a message.</p>
      <button
        type="button"
        className="mt-1 rounded bg-blurple px-2 py-1 text-white"
        onClick={() => void Notification.requestPermission().then(setPermission)}
      >
        Enable notifications
      </button>
    </div>
  );
}
