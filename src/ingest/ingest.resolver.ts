import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { callerOf, type Principal, type RequestContext } from '../auth';
import { Scopes } from '../common';
import type { EventType } from './event.model';
import type { IngestService } from './ingest.service';
import { AliasInput, EventInput, GroupInput, IdentifyInput, IngestResult, PageInput, TrackInput } from './ingest.inputs';
import { senderOf } from './sender';

const PUBLIC_HELP =
  ' A personalize key may send it for its own visitor only (anonymousId, or the user of its signed token); ' +
  'identity values in its traits or context link nothing (see ignoredIdentities).';

@Resolver()
export class IngestResolver {
  constructor(private readonly service: IngestService) {}

  @Scopes('ingest', 'personalize')
  @Mutation(() => IngestResult, { description: `Sets traits on the profile the identities resolve to.${PUBLIC_HELP}` })
  identify(@Arg('input', () => IdentifyInput) input: IdentifyInput, @Ctx() ctx: RequestContext): Promise<IngestResult> {
    return this.ingestOne('identify', input, callerOf(ctx));
  }

  @Scopes('ingest', 'personalize')
  @Mutation(() => IngestResult, { description: `Records an action.${PUBLIC_HELP}` })
  track(@Arg('input', () => TrackInput) input: TrackInput, @Ctx() ctx: RequestContext): Promise<IngestResult> {
    return this.ingestOne('track', input, callerOf(ctx));
  }

  @Scopes('ingest', 'personalize')
  @Mutation(() => IngestResult, { description: `Records a page view.${PUBLIC_HELP}` })
  page(@Arg('input', () => PageInput) input: PageInput, @Ctx() ctx: RequestContext): Promise<IngestResult> {
    return this.ingestOne('page', input, callerOf(ctx));
  }

  @Scopes('ingest')
  @Mutation(() => IngestResult, { description: 'Links previousId to userId, merging their profiles when the identity rules allow.' })
  alias(@Arg('input', () => AliasInput) input: AliasInput, @Ctx() ctx: RequestContext): Promise<IngestResult> {
    return this.ingestOne('alias', input, callerOf(ctx));
  }

  @Scopes('ingest')
  @Mutation(() => IngestResult, { description: "Links the person to an account (groupId) and sets the account's traits; the person's own traits and identities are untouched." })
  group(@Arg('input', () => GroupInput) input: GroupInput, @Ctx() ctx: RequestContext): Promise<IngestResult> {
    return this.ingestOne('group', input, callerOf(ctx));
  }

  @Scopes('ingest')
  @Mutation(() => IngestResult, {
    description: 'Up to 1,000 messages, stored all together or not at all; with `partial: true`, the valid ones are stored and each invalid one is listed in `rejected`.',
  })
  async ingest(
    @Arg('events', () => [EventInput]) events: EventInput[],
    @Arg('partial', () => Boolean, { defaultValue: false, description: 'Store the valid messages and reject the others one by one (as /v1/batch does), instead of refusing the whole batch.' })
    partial: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestResult> {
    const options = { source: 'graphql', ...senderOf(callerOf(ctx)) };
    if (partial) return this.service.ingestEach(events.map(plain), options, 'events');
    return this.service.ingest(this.service.normalize(events.map(plain), options, 'events'));
  }

  private ingestOne(type: EventType, input: object, principal: Principal): Promise<IngestResult> {
    const event = this.service.normalizeOne(plain(input), { source: 'graphql', type, ...senderOf(principal) }, 'input');
    return this.service.ingest([event]);
  }
}

/** GraphQL inputs arrive as class instances; the normalizer reads plain objects. */
function plain(input: object): Record<string, unknown> {
  return { ...input };
}
