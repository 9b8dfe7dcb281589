import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { installsDir, repoRoot } from '../paths.js';
import { parseAllDocuments } from 'yaml';
import { run } from './image.js';

export const HELM = { module: 'helm.sh/helm/v3/cmd/helm', version: 'v3.22.0', name: 'helm' };
export const KUBECONFORM = {
  module: 'github.com/yannh/kubeconform/cmd/kubeconform',
  version: 'v0.8.0',
  name: 'kubeconform',
};
/** The Kubernetes release whose OpenAPI schemas validate the chart (a Go module's api/ folder). */
export const KUBERNETES_VERSION = 'v1.30.0';
export const CHART_DIR = path.join(repoRoot, 'deploy', 'helm', 'haos');

/** Builds a Go tool from the Go module registry into the installs folder (first run only). */
export async function ensureGoTool(tool: {
  module: string;
  version: string;
  name: string;
}): Promise<string> {
  const binary = path.join(installsDir(), `${tool.name}-${tool.version}`);
  if (existsSync(binary)) return binary;
  const gobin = path.join(installsDir(), `.gobin-${tool.name}`);
  rmSync(gobin, { recursive: true, force: true });
  mkdirSync(gobin, { recursive: true });
  await run('go', ['install', `${tool.module}@${tool.version}`], {
    env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0' },
  });
  renameSync(path.join(gobin, tool.name), binary);
  rmSync(gobin, { recursive: true, force: true });
  return binary;
}

type Schema = Record<string, unknown>;
const KINDS: Record<string, string> = {
  'io.k8s.api.apps.v1.Deployment': 'deployment-apps-v1',
  'io.k8s.api.apps.v1.StatefulSet': 'statefulset-apps-v1',
  'io.k8s.api.core.v1.Service': 'service-v1',
  'io.k8s.api.core.v1.ConfigMap': 'configmap-v1',
  'io.k8s.api.core.v1.Secret': 'secret-v1',
  'io.k8s.api.networking.v1.Ingress': 'ingress-networking-v1',
};

/**
 * Strict JSON schemas for the kinds the chart renders, made from Kubernetes' own OpenAPI
 * document (the k8s.io/kubernetes Go module): each kind with the definitions it reaches, int-or-
 * string made a real union, and unknown fields refused.
 */
export async function ensureKubernetesSchemas(): Promise<string> {
  const dir = path.join(installsDir(), `kubernetes-schemas-${KUBERNETES_VERSION}`);
  if (existsSync(path.join(dir, '.done'))) return dir;
  const json = await run(
    'go',
    ['mod', 'download', '-json', `k8s.io/kubernetes@${KUBERNETES_VERSION}`],
    {
      cwd: installsDir(),
      env: { ...process.env, GOFLAGS: '-mod=mod' },
    },
  );
  const moduleDir = (JSON.parse(json) as { Dir: string }).Dir;
  const swagger = JSON.parse(
    readFileSync(path.join(moduleDir, 'api', 'openapi-spec', 'swagger.json'), 'utf8'),
  ) as { definitions: Record<string, Schema> };
  const strict = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(strict);
    if (typeof schema !== 'object' || schema === null) return schema;
    const s = { ...(schema as Schema) };
    if (s.format === 'int-or-string') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
    for (const [k, v] of Object.entries(s)) s[k] = strict(v);
    if (s.type === 'object' && s.properties && s.additionalProperties === undefined)
      s.additionalProperties = false;
    return s;
  };
  mkdirSync(dir, { recursive: true });
  for (const [definition, file] of Object.entries(KINDS)) {
    const reached = new Set<string>();
    const walk = (name: string) => {
      if (reached.has(name)) return;
      reached.add(name);
      JSON.stringify(swagger.definitions[name]).replace(
        /"#\/definitions\/([^"]+)"/g,
        (_, ref: string) => {
          walk(ref);
          return '';
        },
      );
    };
    walk(definition);
    const definitions = Object.fromEntries(
      [...reached].map((name) => [name, strict(swagger.definitions[name])]),
    );
    writeFileSync(
      path.join(dir, `${file}.json`),
      JSON.stringify({ $ref: `#/definitions/${definition}`, definitions }),
    );
  }
  writeFileSync(path.join(dir, '.done'), KUBERNETES_VERSION);
  return dir;
}

/** Runs a command and returns its exit code, stdout and stderr (no throw). */
export function runCapture(
  command: string,
  args: string[],
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', (error) => resolve({ code: -1, stdout, stderr: error.message }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** Everything the chart's validation needs, built or fetched once. */
export async function ensureChartTools(): Promise<{
  helm: string;
  kubeconform: string;
  schemas: string;
}> {
  const [helm, kubeconform, schemas] = await Promise.all([
    ensureGoTool(HELM),
    ensureGoTool(KUBECONFORM),
    ensureKubernetesSchemas(),
  ]);
  return { helm, kubeconform, schemas };
}

export interface RenderedChart {
  manifest: string;
  docs: { kind: string; metadata: { name: string }; [key: string]: unknown }[];
}

/** `helm template` of the chart with `--set` values, parsed. Throws with helm's message on error. */
export async function renderChart(
  helm: string,
  sets: Record<string, string>,
): Promise<RenderedChart> {
  const args = ['template', 'haos', CHART_DIR, '--kube-version', KUBERNETES_VERSION.slice(1)];
  for (const [k, v] of Object.entries(sets)) args.push('--set', `${k}=${v}`);
  const result = await runCapture(helm, args);
  if (result.code !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  const docs = parseAllDocuments(result.stdout)
    .map((d) => d.toJS() as RenderedChart['docs'][number] | null)
    .filter((d): d is RenderedChart['docs'][number] => d !== null);
  return { manifest: result.stdout, docs };
}

/** kubeconform, strict, against the schemas made from Kubernetes' OpenAPI document. */
export function kubeconform(
  tools: { kubeconform: string; schemas: string },
  manifest: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runCapture(
    tools.kubeconform,
    [
      '-strict',
      '-summary',
      '-schema-location',
      `${tools.schemas}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
    ],
    manifest,
  );
}
