import {
  AccessToken,
  RoomServiceClient,
  ServerError,
  type ParticipantInfo,
  type VideoGrant,
} from 'livekit-server-sdk';
import type { ServerConfig } from './config.js';
import { livekitRoomAlias } from './identity.js';
import { callRoomMetadata, GRANT_ATTRIBUTE, grantKey, signGrant } from './participant-grant.js';

export interface SfuGrantRequest {
  userId: string;
  deviceId: string;
  /** The participant identity, derived by the server from verified values (see identity.ts). */
  identity: string;
  roomId: string;
  slotId: string;
  /** Create the LiveKit room (auto-create is off): only for users of trusted homeservers. */
  createRoom: boolean;
}

/** LiveKit's API could not be reached (or refused to create the room). */
export class SfuUnavailableError extends Error {
  override readonly name = 'SfuUnavailableError';
}

export interface SfuTokenIssuer {
  issue(request: SfuGrantRequest): Promise<{ url: string; jwt: string; alias: string }>;
}

/** The LiveKit server API calls the service makes (a narrow slice, so tests can fake it). */
export type LiveKitRooms = Pick<
  RoomServiceClient,
  'createRoom' | 'listParticipants' | 'getParticipant' | 'removeParticipant'
>;

export type LiveKitConfig = Pick<
  ServerConfig,
  | 'livekitUrl'
  | 'livekitApiUrl'
  | 'livekitKey'
  | 'livekitSecret'
  | 'tokenTtlSeconds'
  | 'roomEmptyTimeoutSeconds'
  | 'roomDepartureTimeoutSeconds'
>;

export function createLiveKitRooms(config: LiveKitConfig): LiveKitRooms {
  return new RoomServiceClient(config.livekitApiUrl, config.livekitKey, config.livekitSecret);
}

/** True for LiveKit's "not found" answers (room or participant gone). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ServerError && (error.status === 404 || error.code === 'not_found');
}

/** A participant's current info, or undefined when it (or its room) is gone. */
export async function findParticipant(
  rooms: LiveKitRooms,
  alias: string,
  identity: string,
): Promise<ParticipantInfo | undefined> {
  try {
    return await rooms.getParticipant(alias, identity);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The grants every participant gets; never roomCreate, roomAdmin, roomList or recorder rights. */
export function participantGrant(alias: string): VideoGrant {
  return {
    room: alias,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: true,
  };
}

/**
 * Mints short-lived LiveKit JWTs, creating the LiveKit room for trusted users first (with the
 * Matrix room it belongs to as room metadata). The verified user and device travel in a signed
 * participant attribute (participant-grant.ts).
 */
export function createSfuTokenIssuer(
  config: LiveKitConfig,
  rooms: Pick<LiveKitRooms, 'createRoom'> = createLiveKitRooms(config),
): SfuTokenIssuer {
  const key = grantKey(config.livekitSecret);
  return {
    async issue(request) {
      const alias = livekitRoomAlias(request.roomId, request.slotId);
      if (request.createRoom) {
        try {
          await rooms.createRoom({
            name: alias,
            emptyTimeout: config.roomEmptyTimeoutSeconds,
            departureTimeout: config.roomDepartureTimeoutSeconds,
            metadata: callRoomMetadata({ roomId: request.roomId, slotId: request.slotId }),
          });
        } catch (error) {
          throw new SfuUnavailableError((error as Error).message);
        }
      }
      const token = new AccessToken(config.livekitKey, config.livekitSecret, {
        identity: request.identity,
        name: request.userId,
        ttl: config.tokenTtlSeconds,
        attributes: {
          [GRANT_ATTRIBUTE]: signGrant(key, alias, request.identity, {
            userId: request.userId,
            deviceId: request.deviceId,
          }),
        },
      });
      token.addGrant(participantGrant(alias));
      return { url: config.livekitUrl, jwt: await token.toJwt(), alias };
    },
  };
}
