/** Placements, content and decisions for one visitor. */
export { ContentItemsResolver } from './content.resolver';
export { createPersonalization, type PersonalizationServices } from './personalization.factory';
export { experimentServing } from './personalization.ports';
export { DecisionsResolver, PlacementsResolver } from './personalization.resolver';
