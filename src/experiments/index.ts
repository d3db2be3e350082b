/** A/B experiments: deterministic assignment, exposures and results. */
export { ExperimentResultsResolver, ExperimentsResolver } from './experiments.resolver';
export { ExperimentsService } from './experiments.service';
