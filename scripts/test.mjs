#!/usr/bin/env node
// Runs every test HAOS has, in order: lint, format, typecheck, unit, integration, end-to-end.
// Integration and e2e start their own isolated stacks (free ports, own data) and stop them.
// Ends with one line: "N passed, M failed".
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, '.haos', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = new Set(process.argv.slice(2));

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.once('exit', (code, signal) => {
      process.stdout.write(
        `=== ${label}: ${code === 0 ? 'ok' : `FAILED (${signal ?? code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===\n`,
      );
      resolve(code === 0);
    });
    child.once('error', (error) => {
      process.stdout.write(`=== ${label}: could not run: ${error.message} ===\n`);
      resolve(false);
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

let passed = 0;
let failed = 0;
const failures = [];
const check = (name, ok) => {
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
};

/** Vitest's JSON report → counts; a run that produced no report counts as one failure. */
function countVitest(name, ok, file) {
  const report = readJson(file);
  if (!report) return check(`${name} (no report)`, false);
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  for (const suite of report.testResults ?? []) {
    for (const t of suite.assertionResults ?? [])
      if (t.status === 'failed') failures.push(`${name}: ${t.fullName}`);
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
      failed++;
      failures.push(`${name}: ${path.relative(root, suite.name)} (did not load)`);
    }
  }
  if (!ok && report.numFailedTests === 0 && report.numFailedTestSuites === 0)
    check(`${name} (runner failed)`, false);
}

function countPlaywright(ok, file, name = 'e2e') {
  const report = readJson(file);
  if (!report) return check(`${name} (no report)`, false);
  const stats = report.stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) if (!spec.ok) failures.push(`${name}: ${spec.title}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  for (const error of report.errors ?? [])
    failures.push(`${name}: ${String(error.message ?? '').split('\n')[0]}`);
  if (!ok && !(stats.unexpected > 0)) check(`${name} (runner failed)`, false);
}

const want = (step) => only.size === 0 || only.has(step);

if (want('lint'))
  check(
    'lint',
    await run('lint (eslint, zero warnings)', bin('eslint'), ['--max-warnings=0', '.']),
  );
if (want('format'))
  check(
    'format',
    await run('format (prettier --check)', bin('prettier'), ['--check', '--log-level=warn', '.']),
  );
if (want('typecheck'))
  check(
    'typecheck',
    await run('typecheck (tsc, every project)', process.execPath, ['scripts/typecheck.mjs']),
  );
if (want('unit')) {
  const file = path.join(reports, 'unit.json');
  const ok = await run('unit tests (vitest)', bin('vitest'), [
    'run',
    '--config',
    'vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  countVitest('unit', ok, file);
}
if (want('integration')) {
  const file = path.join(reports, 'integration.json');
  const ok = await run('integration tests (real Synapse + LiveKit)', bin('vitest'), [
    'run',
    '--config',
    'vitest.integration.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  countVitest('integration', ok, file);
}
if (want('e2e')) {
  const file = path.join(reports, 'e2e.json');
  const ok = await run(
    'end-to-end tests (Playwright, Chromium)',
    bin('playwright'),
    ['test', '--config', 'e2e/playwright.config.ts'],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    },
  );
  countPlaywright(ok, file);
}

if (want('deploy')) {
  // The production topology (deploy init's output) on this machine: podman, PostgreSQL, Redis,
  // Synapse workers, two LiveKit nodes, nginx on HTTPS; calls in Chromium, faults, doctor, Helm.
  const file = path.join(reports, 'deploy.json');
  const ok = await run(
    'deployment test (production topology, Playwright)',
    bin('playwright'),
    ['test', '--config', 'e2e/deploy/playwright.config.ts'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: file },
  );
  countPlaywright(ok, file, 'deploy');
}

if (failures.length > 0) {
  process.stdout.write(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
