import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Scopes } from '../common';

export const SCOPES = ['ingest', 'read', 'admin', 'subscribe', 'personalize'] as const;
export type Scope = (typeof SCOPES)[number];

/** An API key as stored: only its SHA-256 hash, never the secret. */
@Entity({ tableName: 'api_keys' })
@Scopes('admin')
@ObjectType('ApiKey')
export class ApiKey {
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  /** The first characters of the key, shown so a person can tell keys apart. */
  @Property({ type: 'text' })
  @Field()
  prefix!: string;

  @Property({ type: 'text', unique: true })
  hash!: string;

  /** For `personalize` keys: HMAC secret for end-user tokens (kept readable: the server verifies with it). */
  @Property({ type: 'text', nullable: true })
  userTokenSecret?: string;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  scopes!: Scope[];

  /** The browser origins this key may be used from; null: any (see src/http/cors.ts). */
  @Property({ type: 'text[]', nullable: true })
  @Field(() => [String], {
    nullable: true,
    description: 'Browser origins (scheme://host[:port]) this key may be used from; a request with any other Origin header is FORBIDDEN. Null: not restricted.',
  })
  allowedOrigins?: string[] | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  @Field()
  createdAt?: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  @Field({ nullable: true })
  lastUsedAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field({ nullable: true })
  revokedAt?: Date;
}
