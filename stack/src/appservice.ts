import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface AppserviceSettings {
  /** Where Synapse pushes transactions: haos-server's own port. */
  url: string;
  asToken: string;
  hsToken: string;
}

/** The application service's ID and sender, as Synapse registers them. */
export const APPSERVICE_ID = 'haos-server';

/**
 * Writes haos-server's application service registration, the one file both Synapse
 * (`app_service_config_files`) and haos-server (`HAOS_APPSERVICE_REGISTRATION_FILE`) read. Its
 * rooms namespace `!.*`, not exclusive, has Synapse push every room event to haos-server
 * (membership changes end calls); it claims no users or aliases, and is not rate-limited (it
 * restarts delegated delayed events for everyone in calls).
 */
export function appserviceRegistration(settings: AppserviceSettings): Record<string, unknown> {
  return {
    id: APPSERVICE_ID,
    url: settings.url,
    as_token: settings.asToken,
    hs_token: settings.hsToken,
    sender_localpart: APPSERVICE_ID,
    rate_limited: false,
    receive_ephemeral: false,
    namespaces: {
      users: [],
      aliases: [],
      rooms: [{ exclusive: false, regex: '!.*' }],
    },
  };
}

export function writeAppserviceRegistration(file: string, settings: AppserviceSettings): void {
  writeFileSync(file, stringify(appserviceRegistration(settings)), { mode: 0o600 });
}
