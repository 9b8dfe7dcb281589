export { startTopology, TEST_DOMAIN, type Topology } from './topology.js';
export { createTestNetns, type TestNetns } from './netns.js';
