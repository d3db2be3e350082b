import 'reflect-metadata';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { ProfilesResolver } from '../profiles/profiles.resolver';
import { IngestResolver } from '../ingest/ingest.resolver';
import { ApiKeysResolver } from '../auth/api-keys.resolver';
import { ProfileSegmentsResolver, SegmentsForResolver, SegmentsResolver } from '../segments/segments.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  ProfilesResolver,
  IngestResolver,
  ApiKeysResolver,
  SegmentsResolver,
  ProfileSegmentsResolver,
  SegmentsForResolver,
];

let built: Promise<GraphQLSchema> | undefined;

/** The schema is the same for every instance and request: build it once. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, validate: false });
  return built;
}
