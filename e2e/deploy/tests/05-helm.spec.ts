/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any -- JSON and YAML answers are untyped; the assertions check their shape. */
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import {
  CHART_DIR,
  ensureChartTools,
  kubeconform,
  renderChart,
  runCapture,
  type RenderedChart,
} from '@haos/stack/deploy';

test.describe.configure({ timeout: 1_800_000 });

const find = (chart: RenderedChart, kind: string, name: string) => {
  const doc = chart.docs.find((d) => d.kind === kind && d.metadata.name === name);
  if (!doc) throw new Error(`no ${kind} ${name} rendered`);
  return doc as Record<string, any>;
};

test('the Helm chart lints, renders and validates against Kubernetes 1.30 schemas (strict)', async () => {
  const tools = await ensureChartTools();
  const lint = await runCapture(tools.helm, [
    'lint',
    CHART_DIR,
    '--strict',
    '--set',
    'livekit.apiKey=APIabc',
  ]);
  expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  const chart = await renderChart(tools.helm, {
    'livekit.apiKey': 'APIabc',
    domain: 'chat.example.org',
  });
  const check = await kubeconform(tools, chart.manifest);
  expect(check.code, check.stdout + check.stderr).toBe(0);
  expect(check.stdout).toMatch(/Invalid: 0, Errors: 0, Skipped: 0/);
  // The schemas bite: a misspelt field is refused.
  const typo = chart.manifest.replace('replicas: 2', 'replica: 2');
  expect((await kubeconform(tools, typo)).code).not.toBe(0);
  // Without livekit.apiKey the chart refuses to render, saying why.
  await expect(renderChart(tools.helm, {})).rejects.toThrow(/livekit\.apiKey/);
});

test('the rendered LiveKit: host network, node IP from the host, long drain, Redis, TURN, no third-party STUN', async () => {
  const tools = await ensureChartTools();
  const chart = await renderChart(tools.helm, {
    'livekit.apiKey': 'APIabc',
    domain: 'chat.example.org',
  });
  const deployment = find(chart, 'Deployment', 'haos-livekit');
  const pod = deployment.spec.template.spec;
  expect(pod.hostNetwork).toBe(true);
  expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(3600);
  const env = pod.containers[0].env as { name: string; valueFrom?: any }[];
  expect(env.find((e) => e.name === 'NODE_IP')?.valueFrom.fieldRef.fieldPath).toBe('status.hostIP');
  expect(env.find((e) => e.name === 'REDIS_PASSWORD')?.valueFrom.secretKeyRef.key).toBe(
    'redis_password',
  );
  const config = parse(find(chart, 'ConfigMap', 'haos-livekit').data['livekit.yaml']) as Record<
    string,
    any
  >;
  expect(config.redis.address).toBe('haos-redis:6379');
  expect(config.room.auto_create).toBe(false);
  expect(config.rtc.stun_servers).toEqual([]);
  expect(config.turn).toMatchObject({
    enabled: true,
    domain: 'turn.chat.example.org',
    external_tls: true,
  });
  expect(config.webhook).toEqual({
    api_key: 'APIabc',
    urls: ['http://haos-haos:8090/sfu_webhook'],
  });
  // Secrets stay in the Secret: keys from a file, the Redis password from the environment.
  expect(config.keys).toBeUndefined();
  expect(config.key_file).toBe('/secrets/livekit_keys.yaml');
  expect(config.redis.password).toBeUndefined();
});

test('the rendered Synapse: main and workers on PostgreSQL and Redis, or an existing homeserver instead', async () => {
  const tools = await ensureChartTools();
  const chart = await renderChart(tools.helm, {
    'livekit.apiKey': 'APIabc',
    domain: 'chat.example.org',
    'synapse.workers': '3',
  });
  const data = find(chart, 'ConfigMap', 'haos-synapse').data as Record<string, string>;
  const hs = parse(data['homeserver.yaml']!) as Record<string, any>;
  expect(hs.database.name).toBe('psycopg2');
  expect(hs.database.args.password).toBeUndefined();
  expect(hs.redis.enabled).toBe(true);
  expect(hs.instance_map.main).toEqual({ host: 'haos-synapse-main', port: 9093 });
  expect(
    hs.extra_well_known_client_content['org.matrix.msc4143.rtc_foci'][0].livekit_service_url,
  ).toBe('https://chat.example.org/livekit/jwt');
  expect(hs.registration_requires_token).toBe(true);
  for (const n of [1, 2, 3]) {
    expect((parse(data[`worker${n}.yaml`]!) as Record<string, any>).worker_app).toBe(
      'synapse.app.generic_worker',
    );
    expect(
      find(chart, 'Deployment', `haos-synapse-worker${n}`).spec.template.spec.containers[0].command,
    ).toContain(`/config/worker${n}.yaml`);
  }
  // The token service checks OpenID and membership with main.
  const haosEnv = find(chart, 'Deployment', 'haos-haos').spec.template.spec.containers[0].env as {
    name: string;
    value?: string;
  }[];
  expect(haosEnv.find((e) => e.name === 'HAOS_HOMESERVER_URLS')?.value).toBe(
    '{"chat.example.org": "http://haos-synapse-main:8008"}',
  );

  const existing = await renderChart(tools.helm, {
    'livekit.apiKey': 'APIabc',
    'synapse.enabled': 'false',
    'existingHomeserver.url': 'https://matrix.example.org',
  });
  expect(existing.docs.some((d) => d.metadata.name.includes('synapse'))).toBe(false);
  const env2 = find(existing, 'Deployment', 'haos-haos').spec.template.spec.containers[0].env as {
    name: string;
    value?: string;
  }[];
  expect(env2.find((e) => e.name === 'HAOS_HOMESERVER_URLS')?.value).toContain(
    'https://matrix.example.org',
  );
  await expect(
    renderChart(tools.helm, { 'livekit.apiKey': 'x', 'synapse.enabled': 'false' }),
  ).rejects.toThrow(/existingHomeserver\.url/);
});
