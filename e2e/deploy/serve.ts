// Keeps a test deployment up for developing the specs (run them with HAOS_DEPLOY_REUSE=1);
// Ctrl-C (SIGINT/SIGTERM) stops it. Not part of the test run.
import globalSetup from './global-setup';

const teardown = await globalSetup();
process.stdout.write('Deployment up; stop with Ctrl-C.\n');
const stop = () => void teardown().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
