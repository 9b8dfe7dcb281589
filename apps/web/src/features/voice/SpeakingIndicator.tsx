import type { ReactNode } from 'react';
import { useSpeaking } from './useVoice';

/**
 * The green ring around someone who is speaking. It subscribes to that one person's speaking
 * state, so a change re-renders this ring only, never the grid or the sidebar around it.
 */
export function SpeakingIndicator({
  identity,
  active,
  children,
  className = '',
  shape = 'rounded-full',
}: {
  identity: string;
  /** Only people in your own call have live speaking state. */
  active: boolean;
  children: ReactNode;
  className?: string;
  /** The ring's corners: round around an avatar, slightly rounded around a video tile. */
  shape?: string;
}) {
  const speaking = useSpeaking(identity) && active;
  return (
    <span
      data-speaking={speaking}
      className={`speaking-ring ${shape} ${speaking ? 'is-speaking' : ''} ${className}`}
    >
      {children}
      {speaking && <span className="sr-only">speaking</span>}
    </span>
  );
}
