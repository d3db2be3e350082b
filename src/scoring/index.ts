/** RFM, lifecycle, value tiers and BG/NBD churn risk; the built-in segments on them. */
export { ensureBuiltInSegments } from './built-in-segments';
export { ScoringResolver } from './scoring.resolver';
export { ScoringService } from './scoring.service';
