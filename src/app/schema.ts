import 'reflect-metadata';
import { buildSchemaSync, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../auth';
import type { ServesSubscriptions } from '../realtime';
import { RESOLVERS } from './resolvers';
import type { Services } from './services';

/**
 * Subscriptions here use the `subscribe` option backed by PostgreSQL LISTEN/NOTIFY
 * (src/realtime); type-graphql still insists on a PubSub, so it gets one that refuses use.
 */
const unusedPubSub = {
  publish(): never {
    throw new Error('publish through PostgreSQL NOTIFY (src/realtime), not the type-graphql PubSub');
  },
  subscribe(): never {
    throw new Error('subscriptions use the `subscribe` option (src/realtime)');
  },
};

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolverClasses = RESOLVERS.map((r) => r.type) as unknown as NonEmptyArray<Function>;

/**
 * The GraphQL schema. With `services`, every resolver is constructed once with the
 * services it needs and type-graphql asks this container for it; without (emitting
 * the SDL, walking the schema in a test) nothing can be resolved. Built synchronously:
 * type-graphql keeps the container of the build in progress in a global.
 */
export function buildAppSchema(services?: Services): GraphQLSchema {
  const instances = new Map(services ? RESOLVERS.map((r) => [r.type, r.create(services)] as const) : []);
  const container = services && {
    get(type: unknown): object {
      const instance = instances.get(type as never);
      if (!instance) throw new Error(`no resolver instance for ${String((type as { name?: string }).name)}`);
      return instance;
    },
  };
  const schema = buildSchemaSync({ resolvers: resolverClasses, validate: false, pubSub: unusedPubSub, ...(container ? { container } : {}) });
  if (services) bindSubscriptionSources(schema, [...instances.values()]);
  return schema;
}

function bindSubscriptionSources(schema: GraphQLSchema, resolvers: object[]): void {
  const fields = schema.getSubscriptionType()?.getFields() ?? {};
  const unbound = new Set(Object.keys(fields));
  for (const resolver of resolvers) {
    const sources = (resolver as Partial<ServesSubscriptions>).subscriptionSources;
    for (const [name, source] of Object.entries(sources ?? {})) {
      if (!fields[name]) throw new Error(`subscription source for unknown field Subscription.${name}`);
      fields[name].subscribe = (_root, args, context: RequestContext) => source(args, context);
      unbound.delete(name);
    }
  }
  if (unbound.size) throw new Error(`Subscription fields without a source: ${[...unbound].join(', ')}`);
}
