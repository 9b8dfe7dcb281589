import type { SecurityOverview } from '../../stores/security-store';
import type { RoomsStore } from '../../stores/rooms-store';

/**
 * Whether encrypted history could be lost if this device went away now, and why: there is an
 * encrypted room, and its keys are not safe in a key backup this device can use.
 */
export type RecoveryRisk = 'none' | 'no-recovery' | 'unverified';

export function hasEncryptedRooms(rooms: Pick<RoomsStore, 'directs' | 'servers' | 'otherRooms'>) {
  return (
    rooms.directs.some((d) => d.encrypted) ||
    rooms.otherRooms.some((r) => r.encrypted) ||
    rooms.servers.some((s) => s.channels.some((c) => c.encrypted))
  );
}

export function recoveryRisk(overview: SecurityOverview, encryptedRooms: boolean): RecoveryRisk {
  if (!encryptedRooms) return 'none';
  switch (overview.kind) {
    case 'secure':
      return 'none';
    case 'unverified':
      return 'unverified';
    case 'not-set-up':
    case 'checking':
      return 'no-recovery';
  }
}
