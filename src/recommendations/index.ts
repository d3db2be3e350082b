/** Product catalog and recommendations (popular, trending, also-bought, for-you). */
export { RecommendationsResolver } from './recommendations.resolver';
export { RecommendationsService } from './recommendations.service';
export { Recommendation, RecommendationStrategy } from './recommendations.types';
export { type RecommendationRequest, type StrategyName } from './recommendation.model';
