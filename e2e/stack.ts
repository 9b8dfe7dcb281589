import { readFileSync } from 'node:fs';
import { STACK_FILE, type E2EStack } from './global-setup';

/** The isolated stack the global setup started. */
export function e2eStack(): E2EStack {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as E2EStack;
}

/** Takes Synapse away, or brings it back, through the global setup's control endpoint. */
export const controlSynapse = (action: 'stop' | 'start') => control('synapse', action);

/** Takes LiveKit (the SFU) away, or brings it back. */
export const controlLiveKit = (action: 'stop' | 'start') => control('livekit', action);

async function control(service: 'synapse' | 'livekit', action: 'stop' | 'start'): Promise<void> {
  const { control } = e2eStack();
  const response = await fetch(`${control.url}/${service}/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${control.token}` },
  });
  if (!response.ok)
    throw new Error(`${service} ${action}: HTTP ${response.status} ${await response.text()}`);
}
