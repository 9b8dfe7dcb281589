/**
 * Strict JSON schemas for the token service's requests: unknown fields and wrong types are
 * rejected (lk-jwt-service's request shapes, see docs in README).
 */
/**
 * No control characters (C0, DEL, C1: NUL, newlines, escapes), no invisible or direction-changing
 * format characters (bidi marks, embeddings, overrides and isolates, zero-width characters, the
 * line and paragraph separators, the BOM): identity parts end up in logs, LiveKit identities and
 * other people's screens.
 */
export const SAFE_TEXT =
  '^[^\\u0000-\\u001F\\u007F-\\u009F\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2069\\uFEFF]+$';

const nonEmpty = { type: 'string', minLength: 1, maxLength: 255, pattern: SAFE_TEXT } as const;

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

const roomId = {
  type: 'string',
  minLength: 2,
  maxLength: 255,
  allOf: [{ pattern: '^!' }, { pattern: SAFE_TEXT }],
} as const;

/**
 * lk-jwt-service lets full-access clients hand their delayed leave event to the service
 * (delegation.ts): its ID, its delay in ms, and the client-server API it lives on.
 */
const delegationFields = {
  delay_id: { type: 'string', maxLength: 255, pattern: '^[^\\u0000-\\u001F\\u007F/]*$' },
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
        claimed_user_id: {
          type: 'string',
          minLength: 3,
          maxLength: 255,
          allOf: [{ pattern: '^@[^:]+:.+$' }, { pattern: SAFE_TEXT }],
        },
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
