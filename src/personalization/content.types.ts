import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Scopes } from '../common';

@Scopes('read')
@ObjectType({ description: 'Something a placement can show: a banner, a hero, a text or any JSON payload the frontend renders.', simpleResolvers: true })
export class ContentItem {
  @Scopes('read', 'personalize') @Field(() => ID) id!: string;
  @Scopes('read', 'personalize') @Field({ description: 'Stable identifier; a-z, 0-9, _ . - ; unique' }) key!: string;
  @Scopes('read', 'personalize') @Field({ description: 'What the frontend renders it as, e.g. banner, hero, text, json' }) type!: string;
  @Scopes('read', 'personalize') @Field(() => String, { nullable: true }) title!: string | null;
  @Scopes('read', 'personalize') @Field(() => GraphQLJSONObject) payload!: Record<string, unknown>;
  @Scopes('read', 'personalize') @Field(() => [String]) tags!: string[];
  @Scopes('read', 'personalize') @Field(() => String, { nullable: true, description: 'BCP 47 tag such as en or pt-BR' }) locale!: string | null;
  @Field(() => Date, { nullable: true, description: 'Not shown before this instant' }) activeFrom!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Not shown from this instant on' }) activeUntil!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Archived items are never shown' }) archivedAt!: Date | null;
  @Scopes('read', 'personalize') @Field(() => Int, { description: 'Incremented by every change' }) version!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

const TYPE_HELP = 'a-z, 0-9, _ - (e.g. banner, hero, text, json)';

@InputType()
export class CreateContentItemInput {
  @Field({ description: 'a-z, 0-9, _ . - ; unique; cannot change later' }) key!: string;
  @Field({ description: TYPE_HELP }) type!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Defaults to {}' }) payload?: Record<string, unknown> | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => String, { nullable: true }) locale?: string | null;
  @Field(() => Date, { nullable: true }) activeFrom?: Date | null;
  @Field(() => Date, { nullable: true }) activeUntil?: Date | null;
}

@InputType({ description: 'Fields to change; an absent field keeps its value, null clears it.' })
export class UpdateContentItemInput {
  @Field(() => String, { nullable: true, description: TYPE_HELP }) type?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) payload?: Record<string, unknown> | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => String, { nullable: true }) locale?: string | null;
  @Field(() => Date, { nullable: true }) activeFrom?: Date | null;
  @Field(() => Date, { nullable: true }) activeUntil?: Date | null;
}

@InputType()
export class ContentItemFilter {
  @Field(() => [String], { nullable: true, description: 'Items carrying all of these tags' }) tags?: string[] | null;
  @Field(() => String, { nullable: true }) locale?: string | null;
  @Field({ defaultValue: false }) includeArchived!: boolean;
}
