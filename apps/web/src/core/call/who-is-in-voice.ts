import type { ChannelView } from '../../stores/rooms-store';
import type { VoiceMember } from '../../stores/voice-store';

/**
 * Who is in which voice channel of a server, from the live call memberships: user → channel
 * name. Someone in two channels (two devices) is shown in the first listed.
 */
export function voiceChannelByUser(
  channels: readonly Pick<ChannelView, 'id' | 'name' | 'kind'>[],
  roster: Readonly<Record<string, readonly VoiceMember[]>>,
): Map<string, string> {
  const where = new Map<string, string>();
  for (const channel of channels) {
    if (channel.kind !== 'voice') continue;
    for (const member of roster[channel.id] ?? [])
      if (!where.has(member.userId)) where.set(member.userId, channel.name);
  }
  return where;
}

/** How many people are in a server's voice channels, and whether you are one of them. */
export function serverVoice(
  channels: readonly Pick<ChannelView, 'id' | 'name' | 'kind'>[],
  roster: Readonly<Record<string, readonly VoiceMember[]>>,
  ownUserId: string | undefined,
): { people: number; includesYou: boolean } {
  const where = voiceChannelByUser(channels, roster);
  return { people: where.size, includesYou: ownUserId !== undefined && where.has(ownUserId) };
}
