/**
 * The Matrix presence status message HAOS writes: Do Not Disturb (Matrix presence has no such
 * state) and what you are doing ("In voice: General"), joined by " · ". Other Matrix clients
 * show it as plain text, which reads well; HAOS reads the parts back.
 */
export const DND_STATUS_MESSAGE = 'Do not disturb';
const VOICE = 'In voice';
const SEPARATOR = ' · ';

export interface StatusNote {
  dnd: boolean;
  /** What you are doing, e.g. "In voice: General" or "In a call". */
  activity: string | undefined;
}

export function composeStatusMessage(note: StatusNote): string {
  return [note.dnd ? DND_STATUS_MESSAGE : undefined, note.activity]
    .filter((part): part is string => Boolean(part))
    .join(SEPARATOR);
}

/** Reads a status message: any text that is not HAOS's own is kept as the activity. */
export function parseStatusMessage(message: string | undefined): StatusNote {
  const text = (message ?? '').trim();
  if (text === DND_STATUS_MESSAGE) return { dnd: true, activity: undefined };
  if (text.startsWith(DND_STATUS_MESSAGE + SEPARATOR))
    return { dnd: true, activity: text.slice(DND_STATUS_MESSAGE.length + SEPARATOR.length) };
  return { dnd: false, activity: text || undefined };
}

/** The activity HAOS shows for a call: the channel's name when it may be told, else generic. */
export function voiceActivity(
  where: { kind: 'channel'; name: string; private: boolean } | { kind: 'direct' | 'other' },
): string {
  if (where.kind === 'channel') return where.private ? VOICE : `${VOICE}: ${where.name}`;
  return 'In a call';
}

/** The activity is one HAOS writes for calls (so it can be cleared when the call is over). */
export const isCallActivity = (activity: string | undefined) =>
  activity === 'In a call' || activity === VOICE || Boolean(activity?.startsWith(`${VOICE}: `));
