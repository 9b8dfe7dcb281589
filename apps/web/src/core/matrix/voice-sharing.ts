import type { MatrixClient } from 'matrix-js-sdk';
import { EventTypes } from './event-types';

/**
 * Who may learn which voice channel you are in.
 * - `everyone`: your status says "In voice: General" to anyone who shares a room with you.
 * - `server`: only the people of that server see it: under the channel and in its member list,
 *   from your call membership, which only the channel's members can read. Your status says just
 *   "In voice".
 * - `nobody`: your status says nothing about calls. (The people in the channel still see you in
 *   it: that is the call itself.)
 */
export type VoiceSharing = 'everyone' | 'server' | 'nobody';

export const DEFAULT_VOICE_SHARING: VoiceSharing = 'server';
export const VOICE_SHARING_CHOICES: readonly VoiceSharing[] = ['everyone', 'server', 'nobody'];

const isSharing = (value: unknown): value is VoiceSharing =>
  VOICE_SHARING_CHOICES.includes(value as VoiceSharing);

/** Your choice, from your account data (so every device of yours keeps to it). */
export function voiceSharingOf(client: Pick<MatrixClient, 'getAccountData'>): VoiceSharing {
  const content = client
    .getAccountData(EventTypes.HaosVoiceSharing)
    ?.getContent<{ share_with?: unknown }>();
  return isSharing(content?.share_with) ? content.share_with : DEFAULT_VOICE_SHARING;
}

export async function setVoiceSharing(
  client: Pick<MatrixClient, 'setAccountData'>,
  sharing: VoiceSharing,
): Promise<void> {
  await client.setAccountData(EventTypes.HaosVoiceSharing, { share_with: sharing });
}
