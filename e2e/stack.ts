import { readFileSync } from 'node:fs';
import { STACK_FILE, type E2EStack } from './global-setup';

/** The isolated stack the global setup started. */
export function e2eStack(): E2EStack {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as E2EStack;
}
