import { Arg, Args, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { ApiKeyService } from './api-key.service';
import { Scopes, ListArgs, firstOf } from '../common';
import { ApiKey } from './api-key.entity';

@Scopes('admin')
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

  @Scopes('admin')
  @Query(() => [ApiKey])
  async apiKeys(@Args() { first }: ListArgs): Promise<ApiKey[]> {
    return firstOf(await this.service.list(), first);
  }

  @Scopes('admin')
  @Mutation(() => CreatedApiKey)
  createApiKey(
    @Arg('name') name: string,
    @Arg('scopes', () => [String], { description: 'ingest, read, subscribe, personalize, admin' }) scopes: string[],
    @Arg('allowedOrigins', () => [String], {
      nullable: true,
      description: 'Browser origins (scheme://host[:port]) the key may be used from; requests with any other Origin are FORBIDDEN. Omit for no restriction; [] for servers only (no browser origin).',
    })
    allowedOrigins?: string[] | null,
  ): Promise<CreatedApiKey> {
    return this.service.create(name, scopes, { allowedOrigins });
  }

  @Scopes('admin')
  @Mutation(() => ApiKey)
  revokeApiKey(@Arg('id', () => ID) id: string): Promise<ApiKey> {
    return this.service.revoke(id);
  }
}
