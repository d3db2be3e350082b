import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { type RequestContext, hasScope, callerOf, assertMayActFor } from '../auth';
import { Scopes, ForbiddenError } from '../common';
import type { EventType } from './event.model';
import type { IngestService } from './ingest.service';
import { AliasInput, EventInput, IdentifyInput, IngestResult, PageInput, TrackInput } from './ingest.inputs';

@Resolver()
export class IngestResolver {
  constructor(private readonly service: IngestService) {}

  @Scopes('ingest')
  @Mutation(() => IngestResult, { description: 'Sets traits on the profile the identities resolve to.' })
  identify(@Arg('input', () => IdentifyInput) input: IdentifyInput): Promise<IngestResult> {
    return this.ingestOne('identify', input);
  }

  @Scopes('ingest', 'personalize')
  @Mutation(() => IngestResult, { description: 'A frontend (personalize key) may track for its own user or anonymous id.' })
  track(@Arg('input', () => TrackInput) input: TrackInput, @Ctx() ctx: RequestContext): Promise<IngestResult> {
    const principal = callerOf(ctx);
    if (!hasScope(principal, 'ingest')) {
      assertMayActFor(principal, { userId: input.userId, anonymousId: input.anonymousId });
      if (input.identities?.length) throw new ForbiddenError('A personalize key cannot attach further identities');
      input.userId ??= principal.userId;
    }
    return this.ingestOne('track', input);
  }

  @Scopes('ingest')
  @Mutation(() => IngestResult)
  page(@Arg('input', () => PageInput) input: PageInput): Promise<IngestResult> {
    return this.ingestOne('page', input);
  }

  @Scopes('ingest')
  @Mutation(() => IngestResult, { description: 'Links previousId to userId, merging their profiles when the identity rules allow.' })
  alias(@Arg('input', () => AliasInput) input: AliasInput): Promise<IngestResult> {
    return this.ingestOne('alias', input);
  }

  @Scopes('ingest')
  @Mutation(() => IngestResult, { description: 'Up to 1,000 messages, stored all together or not at all.' })
  async ingest(@Arg('events', () => [EventInput]) events: EventInput[]): Promise<IngestResult> {
    const normalized = this.service.normalize(events.map(plain), { source: 'graphql' }, 'events');
    return this.service.ingest(normalized);
  }

  private ingestOne(type: EventType, input: object): Promise<IngestResult> {
    const event = this.service.normalizeOne(plain(input), { source: 'graphql', type }, 'input');
    return this.service.ingest([event]);
  }
}

/** GraphQL inputs arrive as class instances; the normalizer reads plain objects. */
function plain(input: object): Record<string, unknown> {
  return { ...input };
}
