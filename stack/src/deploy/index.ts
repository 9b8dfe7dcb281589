export { initDeployment, planDeployment, type InitOptions } from './init.js';
export { synapseRoute, MAIN_ONLY_PATHS, WORKER_PATHS } from './routing.js';
