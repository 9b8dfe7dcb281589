/** What the sign-in screen knows about a homeserver before signing in. */
export type HomeserverProbe =
  | { status: 'checking' }
  | { status: 'reachable'; versions: string[]; rtcFoci: string[] }
  | { status: 'unreachable'; error: string };

/** Asks a homeserver for its spec versions and the MatrixRTC (LiveKit) services it announces. */
export async function probeHomeserver(
  baseUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<HomeserverProbe> {
  const base = baseUrl.replace(/\/+$/, '');
  try {
    const response = await fetchImpl(`${base}/_matrix/client/versions`, {
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok)
      return { status: 'unreachable', error: `The homeserver answered HTTP ${response.status}` };
    const body = (await response.json()) as { versions?: unknown };
    const versions = Array.isArray(body.versions)
      ? body.versions.filter((v): v is string => typeof v === 'string')
      : [];
    let rtcFoci: string[] = [];
    try {
      const wk = await fetchImpl(`${base}/.well-known/matrix/client`, {
        signal: AbortSignal.timeout(5000),
      });
      if (wk.ok) {
        const foci = ((await wk.json()) as Record<string, unknown>)['org.matrix.msc4143.rtc_foci'];
        if (Array.isArray(foci)) {
          rtcFoci = foci
            .map((f) => (f as { livekit_service_url?: unknown }).livekit_service_url)
            .filter((u): u is string => typeof u === 'string');
        }
      }
    } catch {
      // No .well-known: calls fall back to the app's config.
    }
    return { status: 'reachable', versions, rtcFoci };
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? 'did not answer in time'
        : 'could not be reached';
    return { status: 'unreachable', error: `The homeserver ${reason}` };
  }
}
