export { startTopology, TEST_DOMAIN, type Topology } from './topology.js';
export { createTestNetns, type TestNetns } from './netns.js';
export { prepareComposeDeployment, type ComposeDeployment } from './compose.js';
export { isTcpPortFree } from '../../ports.js';
export type { BootstrapResult } from '../bootstrap.js';
