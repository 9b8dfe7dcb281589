// The haos image's health check: GET /healthz on haos-server's own port; exit 0 when it answers ok.
const port = process.env.HAOS_SERVER_PORT ?? '8090';
const host =
  process.env.HAOS_SERVER_HOST === '0.0.0.0'
    ? '127.0.0.1'
    : (process.env.HAOS_SERVER_HOST ?? '127.0.0.1');
try {
  const response = await fetch(`http://${host}:${port}/healthz`, {
    signal: AbortSignal.timeout(4000),
  });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
