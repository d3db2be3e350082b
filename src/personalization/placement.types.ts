import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Segment } from '../segments';
import { ContentItem } from './content.types';
import { Scopes, ListSize } from '../common';

@Scopes('read')
@ObjectType({ description: 'One step of a placement: who it targets and what they see. The first enabled rule that matches decides.' })
export class PlacementRule {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '0-based; rules are tried in this order' }) position!: number;
  @Field(() => Segment, { nullable: true, description: 'Members of this segment match' }) segment!: Segment | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Inline segment definition evaluated for the user at decision time' })
  condition!: Record<string, unknown> | null;
  @Field(() => ContentItem, { nullable: true, description: 'Shown when the rule matches (absent for experiment rules)' }) content!: ContentItem | null;
  @Field(() => String, { nullable: true, description: 'Experiment whose variant decides the content' }) experiment!: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Experiment variant key → content item key' })
  variantContent!: Record<string, string> | null;
  @Field() enabled!: boolean;
}

@Scopes('read')
@ObjectType({ description: 'A slot in a frontend (home hero, checkout banner) whose content depends on who is looking.' })
export class Placement {
  @Field(() => ID) id!: string;
  @Field() key!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => ContentItem, { nullable: true, description: 'Shown when no rule matches' }) defaultContent!: ContentItem | null;
  @ListSize(100) @Field(() => [PlacementRule], { description: 'In order (at most 100)' }) rules!: PlacementRule[];
  @Field(() => Int) version!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@Scopes('read')
@ObjectType({ description: 'What a placement shows to one user, and why.', simpleResolvers: true })
export class Decision {
  @Scopes('read', 'personalize') @Field({ description: 'Placement key' }) placement!: string;
  @Scopes('read', 'personalize') @Field(() => ContentItem, { nullable: true, description: 'Null when nothing applies and the placement has no active default' })
  content!: ContentItem | null;
  @Field(() => PlacementRule, { nullable: true, description: 'The rule that decided; null for the default' }) rule!: PlacementRule | null;
  @Scopes('read', 'personalize') @Field(() => Segment, { nullable: true, description: "The rule's segment, when it targets one" }) segment!: Segment | null;
  @Scopes('read', 'personalize') @Field(() => String, { nullable: true, description: 'Experiment the user was exposed to on the way' }) experiment!: string | null;
  @Scopes('read', 'personalize') @Field(() => String, { nullable: true }) variant!: string | null;
  @Scopes('read', 'personalize') @Field({
    description:
      'segment | condition | everyone | experiment (a rule decided); holdout (an experiment rule, the visitor in the global holdout: the control\'s content); default (no rule matched); unknown user; no personalization consent',
  })
  reason!: string;
}

@InputType({ description: 'Targets a stored segment, an inline condition, or (neither) every known user; leads to content or an experiment. An experiment rule without segment or condition also applies to first visits (no profile yet): the experiment\'s targeting decides.' })
export class PlacementRuleInput {
  @Field(() => String, { nullable: true, description: 'Segment key' }) segment?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Inline segment definition (same language as segments)' })
  condition?: Record<string, unknown> | null;
  @Field(() => String, { nullable: true, description: 'Content item key' }) content?: string | null;
  @Field(() => String, { nullable: true, description: 'Experiment key (instead of content)' }) experiment?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Variant key → content item key; an unmapped variant falls through to the next rule' })
  variantContent?: Record<string, unknown> | null;
  @Field({ defaultValue: true }) enabled!: boolean;
}

@InputType()
export class CreatePlacementInput {
  @Field({ description: 'a-z, 0-9, _ . - ; unique' }) key!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'Content item key' }) defaultContent?: string | null;
  @Field(() => [PlacementRuleInput], { defaultValue: [] }) rules!: PlacementRuleInput[];
}

@InputType({ description: 'Absent fields keep their value. `rules`, when given, replaces the whole ordered list.' })
export class UpdatePlacementInput {
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'Content item key; null clears it' }) defaultContent?: string | null;
  @Field(() => [PlacementRuleInput], { nullable: true }) rules?: PlacementRuleInput[] | null;
}
