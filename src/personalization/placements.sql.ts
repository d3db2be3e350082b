import { CONTENT_COLUMNS } from './content.sql';

export const INSERT_PLACEMENT = `
  insert into placements (key, description, default_content_id) values ($1, $2, $3)
  on conflict (key) do nothing returning id`;

export const LOCK_PLACEMENT = `select id, description, default_content_id from placements where key = $1 for update`;

export const UPDATE_PLACEMENT = `
  update placements set description = $2, default_content_id = $3, version = version + 1, updated_at = now() where id = $1`;

export const DELETE_RULES = `delete from placement_rules where placement_id = $1`;

/** $1 placement id, $2 JSON array of rule rows (position, segment_id, condition, content_id, experiment_key, variant_content, enabled). */
export const INSERT_RULES = `
  insert into placement_rules (placement_id, position, segment_id, condition, content_id, experiment_key, variant_content, enabled)
  select $1, x.position, x.segment_id, x.condition, x.content_id, x.experiment_key, x.variant_content, x.enabled
    from jsonb_to_recordset($2::jsonb) as x(position int, segment_id uuid, condition jsonb, content_id uuid,
                                            experiment_key text, variant_content jsonb, enabled boolean)`;

/** For validation: which content keys exist, and whether they are archived. */
export const CONTENT_REFS = `select id, key, archived_at from content_items where key = any($1::text[])`;

/** Every placement with its rules in order: what the decision cache holds. */
export const LOAD_PLACEMENTS = `
  select p.id, p.key, p.description, p.default_content_id, p.version, p.created_at, p.updated_at,
         coalesce(jsonb_agg(jsonb_build_object(
           'id', r.id, 'position', r.position, 'segment_id', r.segment_id, 'condition', r.condition, 'content_id', r.content_id,
           'experiment_key', r.experiment_key, 'variant_content', r.variant_content, 'enabled', r.enabled
         ) order by r.position) filter (where r.id is not null), '[]'::jsonb) as rules
    from placements p left join placement_rules r on r.placement_id = p.id
   group by p.id
   order by p.key`;

/** Only the content some placement can show (defaults, rule targets, experiment variants). */
export const LOAD_PLACED_CONTENT = `
  select ${CONTENT_COLUMNS} from content_items
   where id in (select default_content_id from placements union select content_id from placement_rules)
      or key in (select v.value from placement_rules r cross join lateral jsonb_each_text(r.variant_content) v)`;

/** The computed traits conditions may read (a handful; at most 100). */
export const COMPUTED_TRAIT_KEYS = `select key from computed_traits`;
