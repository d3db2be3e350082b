import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth';
import { requireScope } from '../auth';
import type { ContentService } from './content.service';
import { isContentActive } from './content.mapper';
import { ContentItem, ContentItemFilter, CreateContentItemInput, UpdateContentItemInput } from './content.types';

@Resolver(() => ContentItem)
export class ContentItemsResolver {
  constructor(private readonly service: ContentService) {}

  @Query(() => [ContentItem], { description: 'Content items in key order; `after` is the last key of the previous page.' })
  contentItems(
    @Arg('filter', () => ContentItemFilter, { nullable: true }) filter: ContentItemFilter | undefined,
    @Arg('first', () => Int, { defaultValue: 100, description: 'At most 500.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ContentItem[]> {
    requireScope(ctx.principal, 'read');
    return this.service.list({ ...filter, first, after });
  }

  @Mutation(() => ContentItem)
  createContentItem(@Arg('input', () => CreateContentItemInput) input: CreateContentItemInput, @Ctx() ctx: RequestContext): Promise<ContentItem> {
    requireScope(ctx.principal, 'admin');
    const { key, ...fields } = input;
    return this.service.create(key, { ...fields });
  }

  @Mutation(() => ContentItem, { description: 'Changes a content item; placements show the new version at once.' })
  updateContentItem(
    @Arg('key') key: string,
    @Arg('input', () => UpdateContentItemInput) input: UpdateContentItemInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ContentItem> {
    requireScope(ctx.principal, 'admin');
    return this.service.update(key, { ...input, type: input.type ?? undefined });
  }

  @Mutation(() => ContentItem, { description: 'Stops showing a content item anywhere; rules pointing at it are skipped.' })
  archiveContentItem(@Arg('key') key: string, @Ctx() ctx: RequestContext): Promise<ContentItem> {
    requireScope(ctx.principal, 'admin');
    return this.service.archive(key);
  }

  @FieldResolver(() => Boolean, { description: 'Shown now: inside its window and not archived.' })
  active(@Root() item: ContentItem): boolean {
    return isContentActive(item, new Date());
  }
}
