import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from './request-context';
import type { ApiKeyService } from './api-key.service';
import { requireScope } from './principal';
import { ApiKey } from './api-key.entity';

@ObjectType()
class CreatedApiKey {
  @Field(() => ApiKey) key!: ApiKey;
  @Field({ description: 'The key itself. Shown once: only its hash is stored.' }) secret!: string;
  @Field(() => String, {
    nullable: true,
    description: 'For personalize keys: the HS256 secret your backend signs end-user tokens with (sub = user id, exp required, at most 24 h). Keep it on the server.',
  })
  userTokenSecret?: string;
}

@Resolver()
export class ApiKeysResolver {
  constructor(private readonly service: ApiKeyService) {}

  @Query(() => [ApiKey])
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    requireScope(ctx.principal, 'admin');
    return this.service.list();
  }

  @Mutation(() => CreatedApiKey)
  createApiKey(
    @Arg('name') name: string,
    @Arg('scopes', () => [String], { description: 'ingest, read, subscribe, personalize, admin' }) scopes: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedApiKey> {
    requireScope(ctx.principal, 'admin');
    return this.service.create(name, scopes);
  }

  @Mutation(() => ApiKey)
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    requireScope(ctx.principal, 'admin');
    return this.service.revoke(id);
  }
}
