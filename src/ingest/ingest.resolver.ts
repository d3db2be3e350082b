import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../app/context';
import { requireScope } from '../auth/principal';
import type { EventType } from './event.model';
import { AliasInput, EventInput, IdentifyInput, IngestResult, PageInput, TrackInput } from './ingest.inputs';

@Resolver()
export class IngestResolver {
  @Mutation(() => IngestResult, { description: 'Sets traits on the profile the identities resolve to.' })
  identify(@Arg('input', () => IdentifyInput) input: IdentifyInput, @Ctx() ctx: RequestContext): Promise<IngestResult> {
    return ingestOne(ctx, 'identify', input);
  }

  @Mutation(() => IngestResult)
  track(@Arg('input', () => TrackInput) input: TrackInput, @Ctx() ctx: RequestContext): Promise<IngestResult> {
    return ingestOne(ctx, 'track', input);
  }

  @Mutation(() => IngestResult)
  page(@Arg('input', () => PageInput) input: PageInput, @Ctx() ctx: RequestContext): Promise<IngestResult> {
    return ingestOne(ctx, 'page', input);
  }

  @Mutation(() => IngestResult, { description: 'Links previousId to userId, merging their profiles when the identity rules allow.' })
  alias(@Arg('input', () => AliasInput) input: AliasInput, @Ctx() ctx: RequestContext): Promise<IngestResult> {
    return ingestOne(ctx, 'alias', input);
  }

  @Mutation(() => IngestResult, { description: 'Up to 1,000 messages, stored all together or not at all.' })
  async ingest(@Arg('events', () => [EventInput]) events: EventInput[], @Ctx() ctx: RequestContext): Promise<IngestResult> {
    requireScope(ctx.principal, 'ingest');
    const normalized = ctx.services.ingest.normalize(events.map(plain), { source: 'graphql' }, 'events');
    return ctx.services.ingest.ingest(normalized);
  }
}

async function ingestOne(ctx: RequestContext, type: EventType, input: object): Promise<IngestResult> {
  requireScope(ctx.principal, 'ingest');
  const event = ctx.services.ingest.normalizeOne(plain(input), { source: 'graphql', type }, 'input');
  return ctx.services.ingest.ingest([event]);
}

/** GraphQL inputs arrive as class instances; the normalizer reads plain objects. */
function plain(input: object): Record<string, unknown> {
  return { ...input };
}
