/**
 * Strict JSON schemas for the token service's requests: unknown fields and wrong types are
 * rejected (lk-jwt-service's request shapes, see docs in README).
 */
const nonEmpty = { type: 'string', minLength: 1, maxLength: 255 } as const;

export const openIdTokenSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['access_token', 'token_type', 'matrix_server_name', 'expires_in'],
  properties: {
    access_token: { type: 'string', minLength: 1, maxLength: 1024 },
    token_type: { type: 'string', enum: ['Bearer'] },
    matrix_server_name: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      pattern: '^[A-Za-z0-9.:\\[\\]-]+$',
    },
    expires_in: { type: 'integer', minimum: 0 },
  },
} as const;

const roomId = { type: 'string', minLength: 2, maxLength: 255, pattern: '^!' } as const;

/**
 * lk-jwt-service lets full-access clients hand their delayed leave event to the service. The
 * fields are recognised (so such requests are not "unknown fields"), and a request that uses
 * them is answered as lk-jwt-service answers clients it will not delegate for.
 */
const delegationFields = {
  delay_id: { type: 'string', maxLength: 255 },
  delay_timeout: { type: 'integer', minimum: 0 },
  delay_cs_api_url: { type: 'string', maxLength: 2048 },
} as const;

export const sfuGetSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['room', 'openid_token', 'device_id'],
  properties: {
    room: roomId,
    openid_token: openIdTokenSchema,
    device_id: nonEmpty,
    ...delegationFields,
  },
} as const;

export const getTokenSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['room_id', 'slot_id', 'openid_token', 'member'],
  properties: {
    room_id: roomId,
    slot_id: nonEmpty,
    openid_token: openIdTokenSchema,
    member: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'claimed_user_id', 'claimed_device_id'],
      properties: {
        id: nonEmpty,
        claimed_user_id: { type: 'string', minLength: 3, maxLength: 255, pattern: '^@[^:]+:.+$' },
        claimed_device_id: nonEmpty,
      },
    },
    ...delegationFields,
  },
} as const;

export interface OpenIdTokenBody {
  access_token: string;
  token_type: string;
  matrix_server_name: string;
  expires_in: number;
}

export interface DelegationFields {
  delay_id?: string;
  delay_timeout?: number;
  delay_cs_api_url?: string;
}

export interface SfuGetBody extends DelegationFields {
  room: string;
  openid_token: OpenIdTokenBody;
  device_id: string;
}

export interface GetTokenBody extends DelegationFields {
  room_id: string;
  slot_id: string;
  openid_token: OpenIdTokenBody;
  member: { id: string; claimed_user_id: string; claimed_device_id: string };
}
