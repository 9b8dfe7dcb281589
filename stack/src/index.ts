export { startStack, type RunningStack, type StackOptions, type StackPorts } from './stack.js';
export { registerWithSharedSecret } from './synapse.js';
export { ensureWebBuilt } from './web.js';
export { StackError } from './errors.js';
export * from './testing/matrix-users.js';
export * from './testing/seed-messages.js';
