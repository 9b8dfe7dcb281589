export { buildApp, BODY_LIMIT_BYTES } from './app.js';
export { loadConfig, ConfigError, type ServerConfig } from './config.js';
export { livekitRoomAlias, livekitIdentity, LEGACY_SLOT_ID } from './identity.js';
