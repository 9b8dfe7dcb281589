import { readFileSync } from 'node:fs';
import { STACK_FILE, type E2EStack } from './global-setup';

/** The isolated stack the global setup started. */
export function e2eStack(): E2EStack {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as E2EStack;
}

/** Takes Synapse away, or brings it back, through the global setup's control endpoint. */
export async function controlSynapse(action: 'stop' | 'start'): Promise<void> {
  const { control } = e2eStack();
  const response = await fetch(`${control.url}/synapse/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${control.token}` },
  });
  if (!response.ok)
    throw new Error(`synapse ${action}: HTTP ${response.status} ${await response.text()}`);
}
