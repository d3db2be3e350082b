/** Metrics, readiness and the settings of limits and shutdown. */
export { instrumentServices } from './instrument';
export { AppMetrics } from './metrics';
export { Readiness } from './readiness';
