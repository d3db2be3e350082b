import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { StrategyName } from './recommendation.model';
import { Scopes } from '../common';

export enum RecommendationStrategy {
  POPULAR = 'POPULAR',
  TRENDING = 'TRENDING',
  SEGMENT_POPULAR = 'SEGMENT_POPULAR',
  ALSO_BOUGHT = 'ALSO_BOUGHT',
  FOR_YOU = 'FOR_YOU',
}
registerEnumType(RecommendationStrategy, {
  name: 'RecommendationStrategy',
  description: 'How items are chosen. Every strategy fills the slots it cannot fill itself with POPULAR items, and says so in `reason`.',
  valuesConfig: {
    POPULAR: { description: 'Most distinct buyers over the popularity window (default 90 days)' },
    TRENDING: { description: 'Buyers in the last 7 days against the rate of the 28 days before (a smoothed Poisson z-score)' },
    SEGMENT_POPULAR: { description: "Most bought by members of the visitor's segments (highest share of members)" },
    ALSO_BOUGHT: { description: 'Item-to-item from co-purchases: needs `product`' },
    FOR_YOU: { description: "From the visitor's recent bought and viewed items, summed item-to-item similarities" },
  },
});

@Scopes('read')
@ObjectType({ description: 'A catalog item: set by admins (upsertProducts) or learned from Order Completed events.', simpleResolvers: true })
export class Product {
  @Scopes('read', 'personalize') @Field(() => ID, { description: 'The product_id clients send' }) id!: string;
  @Scopes('read', 'personalize') @Field(() => String, { nullable: true }) name!: string | null;
  @Scopes('read', 'personalize') @Field(() => String, { nullable: true }) category!: string | null;
  @Scopes('read', 'personalize') @Field(() => Float, { nullable: true }) price!: number | null;
  @Scopes('read', 'personalize') @Field(() => String, { nullable: true }) imageUrl!: string | null;
  @Scopes('read', 'personalize') @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => GraphQLJSONObject) attributes!: Record<string, unknown>;
  @Field({ description: 'Inactive products are never recommended' }) active!: boolean;
  @Field() updatedAt!: Date;
  @Field({ description: 'When the product was created, or the time of the first order that named it' }) firstSeenAt!: Date;
}

@Scopes('read')
// simpleResolvers: plain data on the hot read paths, so graphql-jit reads the properties
// directly instead of calling type-graphql's per-field wrapper (also on Product, UserContext, Decision, ContentItem).
@ObjectType({ simpleResolvers: true })
export class Recommendation {
  @Scopes('read', 'personalize') @Field(() => Product) product!: Product;
  @Scopes('read', 'personalize') @Field(() => Float, { description: 'Higher is better; comparable only within one strategy' }) score!: number;
  @Scopes('read', 'personalize') @Field({ description: 'Why this item, e.g. "42 customers who bought “Mug” also bought this"' }) reason!: string;
  @Scopes('read', 'personalize') @Field(() => RecommendationStrategy, { description: 'The strategy that produced the item: POPULAR when it filled in for the one asked' })
  strategy!: StrategyName;
}

@InputType({
  description:
    'A product as an admin sets it. An absent field is left unchanged; a given field is pinned, so orders never overwrite it; null clears a field and lets orders fill it again.',
})
export class ProductInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) category?: string | null;
  @Field(() => Float, { nullable: true }) price?: number | null;
  @Field(() => String, { nullable: true }) imageUrl?: string | null;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) attributes?: Record<string, unknown> | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@Scopes('admin')
@ObjectType({ description: 'What one refresh of similarities, popularity and the visitors\' FOR_YOU lists wrote.' })
export class RecommendationsRefresh {
  @Field({ description: 'Purchases after this instant were ignored' }) asOf!: Date;
  @Field(() => Int, { description: 'Rows of item_similarities (at most 50 per item)' }) similarities!: number;
  @Field(() => Int) itemsWithSimilarities!: number;
  @Field(() => Int, { description: 'Products with buyers in the popularity or trending windows' }) popularProducts!: number;
  @Field(() => Int, { description: 'Rows of per-segment popularity' }) segmentRows!: number;
  @Field(() => Int, { description: 'Visitors whose FOR_YOU lists were written (every visitor who bought or viewed a product)' }) visitorLists!: number;
  @Field(() => Int) durationMs!: number;
}
