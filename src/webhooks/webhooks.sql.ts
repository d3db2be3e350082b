/** Webhook registrations and their delivery log. The secret is read only by the worker. */

export const WEBHOOK_COLUMNS = `id, url, kinds, active, created_at`;

export const INSERT_WEBHOOK = `
  insert into webhooks (url, secret, kinds) values ($1, $2, $3::text[]) returning ${WEBHOOK_COLUMNS}`;

export const DELETE_WEBHOOK = `delete from webhooks where id = $1 returning ${WEBHOOK_COLUMNS}`;

export const LIST_WEBHOOKS = `select ${WEBHOOK_COLUMNS} from webhooks order by created_at, id`;

export const WEBHOOK_EXISTS = `select 1 from webhooks where id = $1`;

/**
 * Queues one delivery per new occurrence and active webhook that wants its kind, inside the
 * scan's transaction: an occurrence and its deliveries commit together. $1 ids, $2 profiles, $3 kinds.
 */
export const ENQUEUE_DELIVERIES = `
  insert into webhook_deliveries (profile_id, webhook_id, occurrence_id, next_attempt_at)
  select o.profile_id, w.id, o.id, now()
    from unnest($1::bigint[], $2::uuid[], $3::text[]) as o(id, profile_id, kind)
    join webhooks w on w.active and o.kind = any(w.kinds)
   order by o.id, w.id
  on conflict (profile_id, webhook_id, occurrence_id) do nothing`;

/**
 * Claims up to $1 due deliveries: `skip locked` lets several workers run without taking the
 * same row, and the claim pushes next_attempt_at out by a lease ($2 ms) so a worker that dies
 * mid-request leaves the delivery to be retried after it. Returns what the request needs.
 */
export const CLAIM_DUE_DELIVERIES = `
  with due as (
    select d.id
      from webhook_deliveries d
      join webhooks w on w.id = d.webhook_id and w.active
     where d.status = 'pending' and d.next_attempt_at <= now()
     order by d.next_attempt_at, d.id
     limit $1
       for update of d skip locked
  ), claimed as (
    update webhook_deliveries d
       set attempt = d.attempt + 1, last_attempt_at = now(), next_attempt_at = now() + $2::double precision * interval '1 millisecond'
      from due
     where d.id = due.id
    returning d.id, d.profile_id, d.webhook_id, d.occurrence_id, d.attempt
  )
  select c.id, c.attempt, w.url, w.secret,
         o.id as occurrence_id, o.kind, o.profile_id, o.dedupe_key, o.payload, o.occurred_at
    from claimed c
    join webhooks w on w.id = c.webhook_id
    join trigger_occurrences o on o.id = c.occurrence_id and o.profile_id = c.profile_id
   order by c.id`;

/**
 * Records the outcome of attempt $2 of delivery $1. The attempt guard keeps a worker whose
 * lease ran out from overwriting the result of the worker that took the delivery over.
 * $3 status, $4 HTTP status, $5 error, $6 retry delay in ms (pending only).
 */
export const RECORD_ATTEMPT = `
  update webhook_deliveries
     set status = $3, response_status = $4, error = $5,
         next_attempt_at = case when $3 = 'pending' then now() + $6::double precision * interval '1 millisecond' end,
         delivered_at = case when $3 = 'delivered' then now() end
   where id = $1 and attempt = $2 and status = 'pending'`;

/** One page of a webhook's deliveries, newest first, with their occurrences. $1 webhook, $2 status or null, $3 before id or null, $4 limit. */
export const DELIVERIES_PAGE = `
  select d.id, d.attempt, d.status, d.response_status, d.error, d.created_at, d.last_attempt_at, d.next_attempt_at, d.delivered_at,
         o.id as occurrence_id, o.kind, o.profile_id, o.dedupe_key, o.payload, o.occurred_at
    from webhook_deliveries d
    join trigger_occurrences o on o.id = d.occurrence_id and o.profile_id = d.profile_id
   where d.webhook_id = $1 and ($2::text is null or d.status = $2) and ($3::bigint is null or d.id < $3)
   order by d.id desc
   limit $4`;
