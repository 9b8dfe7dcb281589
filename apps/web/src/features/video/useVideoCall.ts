import { useMemo, useState } from 'react';
import { useVoice, type Participant } from '../voice/useVoice';

/** What the big area of a call shows: everyone in a grid, or one person or share large. */
export type Focus =
  | { kind: 'auto' }
  | { kind: 'grid' }
  | { kind: 'participant'; identity: string }
  | { kind: 'share'; identity: string };

/** The layout actually shown, once who is still here and who shares are known. */
export type Stage =
  | { kind: 'grid' }
  | { kind: 'participant'; participant: Participant }
  | { kind: 'share'; participant: Participant };

/** Who in the call is sharing a screen (identities, in participant order). */
export function useSharers(participants: readonly Participant[], inCall: boolean): Participant[] {
  const screens = useVoice((s) =>
    inCall
      ? participants.map((p) => (s.media[p.member.identity]?.screen ? '1' : '0')).join('')
      : '',
  );
  return useMemo(() => participants.filter((_, i) => screens[i] === '1'), [participants, screens]);
}

/**
 * The call view's layout state: which tile or share is in the spotlight (a share takes it by
 * itself until you pick otherwise) and whether your own tile is hidden.
 */
export function useVideoCall(participants: readonly Participant[], inCall: boolean) {
  const [focus, setFocus] = useState<Focus>({ kind: 'auto' });
  const [selfHidden, setSelfHidden] = useState(false);
  const sharers = useSharers(participants, inCall);
  const stage = useMemo<Stage>(() => {
    const find = (identity: string) => participants.find((p) => p.member.identity === identity);
    if (focus.kind === 'participant') {
      const participant = find(focus.identity);
      if (participant) return { kind: 'participant', participant };
    }
    if (focus.kind === 'share') {
      const participant = sharers.find((p) => p.member.identity === focus.identity);
      if (participant) return { kind: 'share', participant };
    }
    const first = sharers[0];
    if (focus.kind !== 'grid' && first) return { kind: 'share', participant: first };
    return { kind: 'grid' };
  }, [focus, participants, sharers]);
  const shown = useMemo(
    () => (selfHidden && inCall ? participants.filter((p) => !p.self) : participants),
    [participants, selfHidden, inCall],
  );
  const focusedIdentity = stage.kind === 'participant' ? stage.participant.member.identity : '';
  return {
    stage,
    sharers,
    /** The tiles to show (without yours when hidden). */
    shown,
    selfHidden,
    toggleSelfHidden: () => setSelfHidden((h) => !h),
    /** Click on a tile: spotlight it, or back to the grid when it already is. */
    toggleFocus: (identity: string) =>
      setFocus(focusedIdentity === identity ? { kind: 'grid' } : { kind: 'participant', identity }),
    showShare: (identity: string) => setFocus({ kind: 'share', identity }),
    showGrid: () => setFocus({ kind: 'grid' }),
  };
}
