import type { ProvidedContext } from 'vitest';
import type { TestProject } from 'vitest/node';
import type {} from './provided-context.js';
import { startStack, type RunningStack } from '../src/index.js';

let stack: RunningStack | undefined;

/** Starts one isolated stack (free ports, own data folder) for the integration tests. */
export async function setup(project: TestProject): Promise<void> {
  const name = `int-${process.pid}-${Date.now().toString(36)}`;
  stack = await startStack({
    name,
    ports: 'free',
    web: 'none',
    log: (line) => process.stdout.write(`[stack] ${line}\n`),
  });
  const provided: ProvidedContext['stack'] = {
    urls: stack.urls,
    serverName: stack.serverName,
    livekit: stack.livekit,
    registrationSharedSecret: stack.registrationSharedSecret,
    dir: stack.dir,
    adminToken: stack.adminToken,
    appservice: stack.appservice,
  };
  // vitest/node types `provide` against its own copy of ProvidedContext, which the augmentation
  // in provided-context.d.ts does not reach; the tests' `inject('stack')` is fully typed.
  (project.provide as (key: string, value: unknown) => void)('stack', provided);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  await stack?.remove();
}
