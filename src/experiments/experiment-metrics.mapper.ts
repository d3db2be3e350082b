import type { ExperimentMetric } from './experiment-metric-definition';
import type { MetricResults } from './experiment-metrics';
import type { MeanMetricResults, MetricDefinition, MetricResult, MetricRole } from './experiment-metrics.types';

export function toMetricDefinition(metric: ExperimentMetric): MetricDefinition {
  return { ...metric, where: metric.where.map((filter) => ({ ...filter })) };
}

/** A mean metric's results as the API shows them; null for a CONVERSION metric. */
export function toMeanMetricResults(results: MetricResults): MeanMetricResults | null {
  if (!results.means) return null;
  const { metric } = results;
  return {
    event: metric.event,
    property: metric.property,
    windowDays: metric.windowDays,
    preWindowDays: metric.preWindowDays,
    cupedTheta: results.theta,
    variants: results.means.map((a) => ({
      key: a.key, control: a.control, users: a.sample.n, mean: a.sample.mean, variance: a.sample.variance, comparison: a.comparison,
      cupedMean: a.adjusted.mean, cupedVariance: a.adjusted.variance, cupedComparison: a.adjustedComparison,
    })),
  };
}

export function toMetricResult(role: MetricRole, results: MetricResults): MetricResult {
  return { role, metric: toMetricDefinition(results.metric), conversion: results.conversions, mean: toMeanMetricResults(results), holdout: results.holdout };
}
