import { AccessToken, RoomServiceClient, type VideoGrant } from 'livekit-server-sdk';
import type { ServerConfig } from './config.js';
import { livekitRoomAlias } from './identity.js';

export interface SfuGrantRequest {
  userId: string;
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

/** Mints short-lived LiveKit JWTs, creating the LiveKit room for trusted users first. */
export function createSfuTokenIssuer(
  config: Pick<
    ServerConfig,
    | 'livekitUrl'
    | 'livekitApiUrl'
    | 'livekitKey'
    | 'livekitSecret'
    | 'tokenTtlSeconds'
    | 'roomEmptyTimeoutSeconds'
    | 'roomDepartureTimeoutSeconds'
  >,
  rooms: Pick<RoomServiceClient, 'createRoom'> = new RoomServiceClient(
    config.livekitApiUrl,
    config.livekitKey,
    config.livekitSecret,
  ),
): SfuTokenIssuer {
  return {
    async issue(request) {
      const alias = livekitRoomAlias(request.roomId, request.slotId);
      if (request.createRoom) {
        try {
          await rooms.createRoom({
            name: alias,
            emptyTimeout: config.roomEmptyTimeoutSeconds,
            departureTimeout: config.roomDepartureTimeoutSeconds,
          });
        } catch (error) {
          throw new SfuUnavailableError((error as Error).message);
        }
      }
      const token = new AccessToken(config.livekitKey, config.livekitSecret, {
        identity: request.identity,
        name: request.userId,
        ttl: config.tokenTtlSeconds,
      });
      token.addGrant(participantGrant(alias));
      return { url: config.livekitUrl, jwt: await token.toJwt(), alias };
    },
  };
}
