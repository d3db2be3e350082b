import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { type RequestContext, callerOf, assertMayActFor } from '../auth';
import { Scopes } from '../common';
import type { RecommendationsService } from './recommendations.service';
import type { Recommendation as RecommendationModel } from './recommendation.model';
import { Product, ProductInput, Recommendation, RecommendationStrategy, RecommendationsRefresh } from './recommendations.types';

/**
 * The profile whose history may be used for a visitor (null: serve them as a new visitor):
 * the personalization feature answers it from its per-instance memory of returning visitors
 * (identity, consent), so a returning visitor's FOR_YOU is one statement, the kept list.
 */
export type PersonalProfileLookup = (visitor: { userId: string | null; anonymousId: string | null }) => Promise<string | null>;

@Resolver()
export class RecommendationsResolver {
  constructor(
    private readonly service: RecommendationsService,
    private readonly personalProfileOf: PersonalProfileLookup,
  ) {}

  @Scopes('read', 'personalize')
  @Query(() => [Recommendation], {
    description: 'Products for a visitor (userId preferred over anonymousId). An unknown visitor gets popular items, not an error.',
  })
  async recommendations(
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Arg('strategy', () => RecommendationStrategy) strategy: RecommendationStrategy,
    @Arg('product', () => String, { nullable: true, description: 'The product being viewed: required for ALSO_BOUGHT' }) product: string | undefined,
    @Arg('limit', () => Int, { defaultValue: 10, description: '1 to 100' }) limit: number,
    @Arg('excludePurchased', () => Boolean, { defaultValue: true, description: 'Leave out what the visitor already bought' }) excludePurchased: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<RecommendationModel[]> {
    const principal = callerOf(ctx);
    assertMayActFor(principal, { userId, anonymousId });
    const request = { strategy, productId: product, limit, excludePurchased };
    this.service.check(request);
    const profileId = await this.personalProfileOf({ userId: userId ?? principal.userId ?? null, anonymousId: anonymousId ?? null });
    return this.service.recommend({ ...request, profileId });
  }

  @Scopes('read')
  @Query(() => Product, { nullable: true })
  product(@Arg('id', () => ID) id: string): Promise<Product | null> {
    return this.service.products.byId(id);
  }

  @Scopes('admin')
  @Mutation(() => [Product], { description: 'Creates or updates up to 1000 products, all or nothing; returned in input order.' })
  upsertProducts(@Arg('products', () => [ProductInput]) products: ProductInput[]): Promise<Product[]> {
    return this.service.products.upsert(products);
  }

  @Scopes('admin')
  @Mutation(() => RecommendationsRefresh, { description: 'Recomputes item similarities and popularity now (it also runs on a schedule).' })
  refreshRecommendations(): Promise<RecommendationsRefresh> {
    return this.service.refresh();
  }
}
