/**
 * How the proxy splits Synapse's traffic between the main process and the generic workers.
 *
 * First the calls HAOS makes that FAIL on a generic worker (found on this machine, see
 * DEPLOYMENT.md): they always go to main. Then the client paths Synapse's worker documentation
 * lists for generic workers (sync, event sending, room reads, keys, login and registration:
 * the load) go to the workers. Everything else goes to main, which serves every endpoint.
 */
export const MAIN_ONLY_PATHS: readonly { pattern: string; why: string }[] = [
  {
    pattern: '^/_matrix/federation/v1/openid/userinfo',
    why: 'the token service checks OpenID tokens here; a worker answers 500 (Synapse #11814)',
  },
  {
    pattern: '^/_matrix/client/(r0|v3|unstable)/user/[^/]+/openid/request_token',
    why: 'clients get the OpenID token for the call here; a worker answers 404',
  },
  {
    pattern: '^/_matrix/client/unstable/org\\.matrix\\.msc4140/delayed_events',
    why: 'sending or cancelling the delayed leave fails on a worker (404/405): a left call lingers',
  },
  {
    pattern: '^/_synapse/admin/',
    why: 'the admin API (the membership check) exists on main only',
  },
];

/** Client paths generic workers serve (from Synapse's worker documentation). */
export const WORKER_PATHS: readonly string[] = [
  '^/_matrix/client/(r0|v3)/sync$',
  '^/_matrix/client/(api/v1|r0|v3)/events$',
  '^/_matrix/client/(api/v1|r0|v3)/initialSync$',
  '^/_matrix/client/(api/v1|r0|v3)/rooms/[^/]+/initialSync$',
  '^/_matrix/client/(api/v1|r0|v3|unstable)/createRoom$',
  '^/_matrix/client/(api/v1|r0|v3|unstable)/publicRooms$',
  '^/_matrix/client/(api/v1|r0|v3|unstable)/rooms/[^/]+/(joined_members|members|state|context/.*|event/.*|messages|aliases)$',
  '^/_matrix/client/v1/rooms/[^/]+/(hierarchy|threads|timestamp_to_event)$',
  '^/_matrix/client/(v1|unstable)/rooms/[^/]+/relations/',
  '^/_matrix/client/(api/v1|r0|v3|unstable)/rooms/[^/]+/(send|state|redact)/',
  '^/_matrix/client/(api/v1|r0|v3|unstable)/rooms/[^/]+/(join|invite|leave|ban|unban|kick)$',
  '^/_matrix/client/(api/v1|r0|v3|unstable)/(join|knock)/',
  '^/_matrix/client/(api/v1|r0|v3|unstable)/(joined_rooms|search)$',
  '^/_matrix/client/(api/v1|r0|v3|unstable)/profile/',
  '^/_matrix/client/(r0|v3|unstable)/(account/whoami|capabilities|notifications|devices|password_policy)$',
  '^/_matrix/client/(r0|v3|unstable)/user/[^/]+/filter(/|$)',
  '^/_matrix/client/(r0|v3|unstable)/keys/(query|changes|claim|upload)',
  '^/_matrix/client/(r0|v3|unstable)/room_keys/',
  '^/_matrix/client/(api/v1|r0|v3|unstable)/login$',
  '^/_matrix/client/(r0|v3|unstable)/register(/available)?$',
  '^/_matrix/client/v1/register/m\\.login\\.registration_token/validity$',
  '^/_matrix/client/versions$',
];

/** Where a request path goes: 'main', 'workers', or undefined when it is not Synapse's. */
export function synapseRoute(path: string): 'main' | 'workers' | undefined {
  if (!/^\/_(matrix|synapse)\//.test(path)) return undefined;
  if (MAIN_ONLY_PATHS.some((p) => new RegExp(p.pattern).test(path))) return 'main';
  if (WORKER_PATHS.some((p) => new RegExp(p).test(path))) return 'workers';
  return 'main';
}
