export { initDeployment, planDeployment, type InitOptions } from './init.js';
export { synapseRoute, MAIN_ONLY_PATHS, WORKER_PATHS } from './routing.js';
export {
  ensureChartTools,
  renderChart,
  kubeconform,
  runCapture,
  CHART_DIR,
  type RenderedChart,
} from './helm.js';
export { runDoctor, formatReport, type DoctorReport, type Check } from './doctor.js';
export { podmanEnv, HAOS_IMAGE } from './image.js';
