import type { VoiceMember } from '../../stores/voice-store';

/**
 * For people in a call from more than one device: which of their devices each entry is
 * (1, 2, …, in join order), so the sidebar and tiles can tell them apart. Undefined for
 * people with a single device.
 */
export function deviceNumbers(members: readonly VoiceMember[]): Map<string, number | undefined> {
  const perUser = new Map<string, number>();
  for (const m of members) perUser.set(m.userId, (perUser.get(m.userId) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<string, number | undefined>();
  for (const m of members) {
    const n = (seen.get(m.userId) ?? 0) + 1;
    seen.set(m.userId, n);
    out.set(m.identity, (perUser.get(m.userId) ?? 0) > 1 ? n : undefined);
  }
  return out;
}

/** "Ada", or "Ada (device 2)" when Ada is in the call from several devices. */
export const labelOf = (member: VoiceMember, device: number | undefined) =>
  device === undefined ? member.name : `${member.name} (device ${device})`;
