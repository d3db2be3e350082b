import { Arg, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Scopes } from '../common';
import type { ContentService } from './content.service';
import { ContentItem, ContentItemFilter, CreateContentItemInput, UpdateContentItemInput } from './content.types';

@Resolver(() => ContentItem)
export class ContentItemsResolver {
  constructor(private readonly service: ContentService) {}

  @Scopes('read')
  @Query(() => [ContentItem], { description: 'Content items in key order; `after` is the last key of the previous page.' })
  contentItems(
    @Arg('filter', () => ContentItemFilter, { nullable: true }) filter: ContentItemFilter | undefined,
    @Arg('first', () => Int, { defaultValue: 100, description: 'At most 500.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
  ): Promise<ContentItem[]> {
    return this.service.list({ ...filter, first, after });
  }

  @Scopes('admin')
  @Mutation(() => ContentItem)
  createContentItem(@Arg('input', () => CreateContentItemInput) input: CreateContentItemInput): Promise<ContentItem> {
    const { key, ...fields } = input;
    return this.service.create(key, { ...fields });
  }

  @Scopes('admin')
  @Mutation(() => ContentItem, { description: 'Changes a content item; placements show the new version at once.' })
  updateContentItem(
    @Arg('key') key: string,
    @Arg('input', () => UpdateContentItemInput) input: UpdateContentItemInput,
  ): Promise<ContentItem> {
    return this.service.update(key, { ...input, type: input.type ?? undefined });
  }

  @Scopes('admin')
  @Mutation(() => ContentItem, { description: 'Stops showing a content item anywhere; rules pointing at it are skipped.' })
  archiveContentItem(@Arg('key') key: string): Promise<ContentItem> {
    return this.service.archive(key);
  }

  @FieldResolver(() => Boolean, { description: 'Shown now: inside its window and not archived.' })
  active(@Root() item: ContentItem): boolean {
    return this.service.isActive(item);
  }
}
