import { NotFoundError, ValidationError } from '../../common';
import type { SegmentDefinition } from './ast';
import { SqlParams } from '../../db';
import { compileSegmentToSql, HISTORY_INSTANT, type SegmentDependencies } from './compile-sql';
import { validateSegmentDefinition } from './validate';

const NOW = new Date('2025-01-01T00:00:00Z');

function compile(input: unknown, segments: Record<string, unknown> = {}, startAt = 1) {
  const params = new SqlParams(startAt);
  const now = params.add(NOW);
  const resolveSegment = (key: string): SegmentDefinition => {
    if (!(key in segments)) throw new NotFoundError(`segment ${key} not found`);
    return validateSegmentDefinition(segments[key]);
  };
  const compiled = compileSegmentToSql(validateSegmentDefinition(input), { params, now, resolveSegment });
  return { ...compiled, values: params.values, now };
}

const trait = (path: string, op: string, value?: unknown) => ({ trait: { path, op, ...(value !== undefined && { value }) } });
const stat = (name: string, op: string, value?: unknown) => ({ stat: { name, op, ...(value !== undefined && { value }) } });
const event = (fields: Record<string, unknown>) => ({ event: { name: 'Order Completed', op: 'gte', value: 2, ...fields } });
const account = (path: string, op: string, value?: unknown) => ({ account: trait(path, op, value) });
/** What an ordering test reads at a path: a JSON number, or a string holding one. */
const numericAt = (doc: string, path: string) =>
  `(case jsonb_typeof((${doc} #> ${path}::text[])) when 'number' then (${doc} #> ${path}::text[])::numeric when 'string' then case when (${doc} #>> ${path}::text[]) ~ '^-?[0-9]{1,30}([.][0-9]{1,30})?([eE][-+]?[0-9]{1,3})?$' then (${doc} #>> ${path}::text[])::numeric end end)`;
/** The semi-join an account leaf becomes, around the trait test on `a.traits`. */
const onAccounts = (test: string) => `(exists (select 1 from profile_accounts pa join accounts a on a.id = pa.account_id where pa.profile_id = p.id and ${test}))`;

/** Every word the compiler may emit: keywords, functions, types, aliases and whitelisted columns. */
const SQL_VOCABULARY = new Set([
  'and', 'or', 'not', 'coalesce', 'false', 'true', 'case', 'when', 'then', 'end', 'is', 'null', 'between', 'any', 'all',
  'collate', 'select', 'from', 'where', 'exists', 'count', 'sum', 'avg', 'jsonb_typeof', 'jsonb_build_array', 'strpos',
  'starts_with', 'make_interval', 'days', 'hours', 'mins', 'floor', 'extract', 'epoch', 'nullif',
  'text', 'numeric', 'boolean', 'jsonb', 'timestamptz', 'int', 'number', 'string', 'array',
  'p', 'traits', 'id', 'e', 'events', 'profile_id', 'name', 'occurred_at', 'properties', 's',
  'orders', 'revenue', 'first_order_at', 'last_order_at', 'first_seen_at', 'last_seen_at', 'rfm_r', 'rfm_f', 'rfm_m',
  'rfm_segment', 'lifecycle', 'value_tier', 'p_alive', 'churn_risk', 'expected_orders_90d',
  'expected_avg_order_value', 'purchase_probability_30d', 'expected_orders_52w', 'clv_52w', 'clv_52w_discounted',
  'join', 'on', 'profile_accounts', 'pa', 'accounts', 'a', 'account_id',
  'segmentary_instant', 'lower', 'right', 'length', 'jsonb_array_elements', 'jsonb_array_length', 'elem', 'v',
  'asin', 'least', 'sqrt', 'power', 'sin', 'cos', 'radians', 'float8', 'geo', 'lat', 'lon', 'as', 'object',
  'group', 'by', 'having', 'in', 'cross', 'lateral', 'at', 's0', 's1', 'profile_id',
  'segmentary_local_date', 'segmentary_days_to_anniversary', 'segmentary_time_zones', 'z', 'to_char', 'at', 'time', 'zone', 'date',
]);
const FIXED_LITERALS = new Set([
  "'null'", "'number'", "'string'", "'array'", "'object'", '"C"', "'{}'",
  "'^-?[0-9]{1,30}([.][0-9]{1,30})?([eE][-+]?[0-9]{1,3})?$'",
  "'lat'", "'latitude'", "'lon'", "'lng'", "'longitude'", "'timezone'", "'UTC'", "'MM-DD'",
]);

/** The SQL text is built only from the vocabulary, fixed literals, placeholders and operators. */
function expectOnlyFixedSql(predicate: string): void {
  const literals = predicate.match(/'[^']*'|"[^"]*"/g) ?? [];
  for (const literal of literals) expect(FIXED_LITERALS).toContain(literal);
  const rest = predicate.replace(/'[^']*'|"[^"]*"/g, ' ');
  for (const word of rest.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) expect(SQL_VOCABULARY).toContain(word);
  expect(rest).toMatch(/^[A-Za-z0-9_$().,:<>=@#[\] */~+-]*$/);
  expect(rest).not.toMatch(/--|;|\/\*/);
}

/** Placeholders used are exactly $start..$start+n-1 for the n bound values. */
function expectPlaceholdersMatchValues(predicate: string, values: unknown[], now: string, startAt = 1): void {
  const used = new Set([now, ...(predicate.match(/\$\d+/g) ?? [])]);
  expect([...used].sort()).toEqual(values.map((_, i) => `$${startAt + i}`).sort());
}

/** What the compiler wraps around a predicate that does not read `now`, so PostgreSQL still learns its type. */
const withNowAnchor = (sql: string) => (sql.includes('($1)::timestamptz') ? sql : `($1::timestamptz is not null and ${sql})`);

describe('compileSegmentToSql: each leaf form', () => {
  const cases: [string, unknown, string, unknown[]][] = [
    ['trait eq uses containment', trait('address.country', 'eq', 'FR'), '(p.traits @> $2::jsonb)', ['{"address":{"country":"FR"}}']],
    ['trait neq on present values only', trait('vip', 'neq', true),
      "coalesce((p.traits #> $2::text[]) <> 'null'::jsonb and (p.traits #> $2::text[]) <> $3::jsonb, false)", [['vip'], 'true']],
    ['trait gt number reads numbers and numeric strings', trait('age', 'gt', 17), `coalesce(${numericAt('p.traits', '$2')} > $3::numeric, false)`, [['age'], 17]],
    ['trait lte string compares text', trait('code', 'lte', 'm'),
      `coalesce(case when jsonb_typeof((p.traits #> $2::text[])) = 'string' then (p.traits #>> $2::text[]) collate "C" <= $3::text end, false)`, [['code'], 'm']],
    ['trait lte ISO date compares instants', trait('signup', 'lte', '2024-01-01'),
      "coalesce((case when jsonb_typeof((p.traits #> $2::text[])) = 'string' then segmentary_instant((p.traits #>> $2::text[])) end) <= $3::timestamptz, false)",
      [['signup'], new Date('2024-01-01T00:00:00Z')]],
    ['trait between numbers', trait('age', 'between', [18, 65]), `coalesce(${numericAt('p.traits', '$2')} between $3::numeric and $4::numeric, false)`, [['age'], 18, 65]],
    ['trait in', trait('tier', 'in', ['gold', 2]),
      "coalesce((p.traits #> $2::text[]) <> 'null'::jsonb and $3::jsonb @> jsonb_build_array((p.traits #> $2::text[])), false)", [['tier'], '["gold",2]']],
    ['trait not_in', trait('tier', 'not_in', ['x']),
      "coalesce((p.traits #> $2::text[]) <> 'null'::jsonb and not ($3::jsonb @> jsonb_build_array((p.traits #> $2::text[]))), false)", [['tier'], '["x"]']],
    ['trait contains string: substring or element', trait('tags', 'contains', '50%_off'),
      "coalesce(case jsonb_typeof((p.traits #> $2::text[])) when 'array' then (p.traits #> $2::text[]) @> jsonb_build_array($3::text) when 'string' then strpos((p.traits #>> $2::text[]), $3::text) > 0 end, false)",
      [['tags'], '50%_off']],
    ['trait contains number: element only', trait('ids', 'contains', 7),
      "coalesce(case jsonb_typeof((p.traits #> $2::text[])) when 'array' then (p.traits #> $2::text[]) @> jsonb_build_array($3::numeric) end, false)", [['ids'], 7]],
    ['trait starts_with', trait('email', 'starts_with', 'ann'),
      "coalesce(case when jsonb_typeof((p.traits #> $2::text[])) = 'string' then starts_with((p.traits #>> $2::text[]), $3::text) end, false)", [['email'], 'ann']],
    ['trait exists', trait('a.b', 'exists'), "coalesce((p.traits #> $2::text[]) <> 'null'::jsonb, false)", [['a', 'b']]],
    ['trait not_exists', trait('a', 'not_exists'), "((p.traits #> $2::text[]) is null or (p.traits #> $2::text[]) = 'null'::jsonb)", [['a']]],
    ['counter stat is 0 without a stats row', stat('orders', 'gte', 1), 'coalesce(coalesce(s.orders, 0) >= $2::numeric, false)', [1]],
    ['derived stat', stat('avg_order_value', 'between', [10, 20]), 'coalesce((s.revenue / nullif(s.orders, 0)) between $2::numeric and $3::numeric, false)', [10, 20]],
    ['recency is whole days before now', stat('recency_days', 'lte', 30),
      'coalesce(floor(extract(epoch from (($1)::timestamptz - s.last_order_at)) / 86400) <= $2::numeric, false)', [30]],
    ['text stat in', stat('lifecycle', 'in', ['active', 'new']), 'coalesce(s.lifecycle = any($2::text[]), false)', [['active', 'new']]],
    ['numeric stat not_in', stat('rfm_r', 'not_in', [1]), 'coalesce(s.rfm_r <> all($2::numeric[]), false)', [[1]]],
    ['timestamp stat normalised to UTC', stat('last_seen_at', 'gt', '2024-06-01T02:00:00+02:00'),
      'coalesce(s.last_seen_at > $2::timestamptz, false)', ['2024-06-01T00:00:00.000Z']],
    ['stat exists', stat('churn_risk', 'exists'), '(s.churn_risk is not null)', []],
    ['viewed 3 times in the last 30 minutes', event({ name: 'Product Viewed', within: { lastMinutes: 30 }, op: 'gte', value: 3 }),
      'coalesce((select count(*) from events e where e.profile_id = p.id and e.name = $2::text and e.occurred_at >= ($1)::timestamptz - make_interval(mins => $3::int)) >= $4::numeric, false)',
      ['Product Viewed', 30, 3]],
    ['no order in the last 2 hours', event({ within: { lastHours: 2 }, op: 'eq', value: 0 }),
      '(not exists (select 1 from events e where e.profile_id = p.id and e.name = $2::text and e.occurred_at >= ($1)::timestamptz - make_interval(hours => $3::int)))',
      ['Order Completed', 2]],
    ['did not do X in 30 days', event({ within: { lastDays: 30 }, op: 'eq', value: 0 }),
      '(not exists (select 1 from events e where e.profile_id = p.id and e.name = $2::text and e.occurred_at >= ($1)::timestamptz - make_interval(days => $3::int)))',
      ['Order Completed', 30]],
    ['did X at least once since a date', event({ within: { since: '2024-01-01' }, op: 'gte', value: 1 }),
      '(exists (select 1 from events e where e.profile_id = p.id and e.name = $2::text and e.occurred_at >= $3::timestamptz))',
      ['Order Completed', '2024-01-01T00:00:00.000Z']],
    ['count with a filter in a fixed window', event({ where: [{ path: 'currency', op: 'eq', value: 'EUR' }], within: { between: ['2024-01-01', '2024-02-01'] } }),
      'coalesce((select count(*) from events e where e.profile_id = p.id and e.name = $2::text and e.occurred_at between $3::timestamptz and $4::timestamptz and (e.properties @> $5::jsonb)) >= $6::numeric, false)',
      ['Order Completed', '2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z', '{"currency":"EUR"}', 2]],
    ['sum of a numeric property', event({ aggregate: 'sum', property: 'order.total', op: 'gt', value: 100 }),
      "coalesce((select coalesce(sum(case when jsonb_typeof((e.properties #> $3::text[])) = 'number' then (e.properties #> $3::text[])::numeric end), 0) from events e where e.profile_id = p.id and e.name = $2::text) > $4::numeric, false)",
      ['Order Completed', ['order', 'total'], 100]],
    ['avg of a numeric property', event({ aggregate: 'avg', property: 'revenue', op: 'lt', value: 20 }),
      "coalesce((select avg(case when jsonb_typeof((e.properties #> $3::text[])) = 'number' then (e.properties #> $3::text[])::numeric end) from events e where e.profile_id = p.id and e.name = $2::text) < $4::numeric, false)",
      ['Order Completed', ['revenue'], 20]],
    ['account trait eq: containment on the account', account('plan', 'eq', 'enterprise'), onAccounts('(a.traits @> $2::jsonb)'), ['{"plan":"enterprise"}']],
    ['account trait gt guards the type', account('seats', 'gt', 100), onAccounts(`coalesce(${numericAt('a.traits', '$2')} > $3::numeric, false)`), [['seats'], 100]],
    ['account trait in', account('billing.country', 'in', ['FR', 'DE']),
      onAccounts("coalesce((a.traits #> $2::text[]) <> 'null'::jsonb and $3::jsonb @> jsonb_build_array((a.traits #> $2::text[])), false)"), [['billing', 'country'], '["FR","DE"]']],
    ['account trait not_exists: some account lacks it', account('churned_at', 'not_exists'),
      onAccounts("((a.traits #> $2::text[]) is null or (a.traits #> $2::text[]) = 'null'::jsonb)"), [['churned_at']]],
  ];

  it.each(cases)('%s', (_name, input, predicate, values) => {
    const compiled = compile(input);
    expect(compiled.predicate).toBe(withNowAnchor(predicate));
    expect(compiled.values).toEqual([NOW, ...values]);
    expectOnlyFixedSql(compiled.predicate);
    expectPlaceholdersMatchValues(compiled.predicate, compiled.values, compiled.now);
  });
});

describe('compileSegmentToSql: combinators', () => {
  it('compiles a 3-leaf definition to one predicate', () => {
    const compiled = compile({
      all: [
        trait('address.country', 'eq', 'FR'),
        stat('recency_days', 'lte', 30),
        { not: event({ name: 'Newsletter Opened', within: { lastDays: 14 }, op: 'gte', value: 1 }) },
      ],
    });
    expect(compiled.predicate).toBe(
      '((p.traits @> $2::jsonb)' +
        ' and coalesce(floor(extract(epoch from (($1)::timestamptz - s.last_order_at)) / 86400) <= $3::numeric, false)' +
        ' and (not (exists (select 1 from events e where e.profile_id = p.id and e.name = $4::text' +
        ' and e.occurred_at >= ($1)::timestamptz - make_interval(days => $5::int)))))',
    );
    expect(compiled.values).toEqual([NOW, '{"address":{"country":"FR"}}', 30, 'Newsletter Opened', 14]);
  });

  it('types `now` even when no condition reads it', () => {
    expect(compile(trait('a', 'eq', 1)).predicate).toBe('($1::timestamptz is not null and (p.traits @> $2::jsonb))');
  });

  it('joins any with or, and leaves a single child unwrapped', () => {
    expect(compile({ any: [trait('a', 'exists'), trait('b', 'exists')] }).predicate).toMatch(/^\(\$1::timestamptz is not null and \(coalesce\(.*\) or coalesce\(.*\)\)\)$/);
    expect(compile({ all: [trait('a', 'eq', 1)] }).predicate).toBe(withNowAnchor('(p.traits @> $2::jsonb)'));
  });

  it('starts placeholders where the caller asks', () => {
    const compiled = compile({ all: [trait('a', 'eq', 1), stat('orders', 'gt', 0)] }, {}, 3);
    expect(compiled.now).toBe('$3');
    expect(compiled.predicate).toBe('($3::timestamptz is not null and ((p.traits @> $4::jsonb) and coalesce(coalesce(s.orders, 0) > $5::numeric, false)))');
    expectPlaceholdersMatchValues(compiled.predicate, compiled.values, compiled.now, 3);
  });

  it('refuses a `now` that is not a placeholder', () => {
    const ctx = { params: new SqlParams(), now: 'now()', resolveSegment: () => ({ segment: { key: 'x' } }) };
    expect(() => compileSegmentToSql({ segment: { key: 'x' } }, ctx)).toThrow('ctx.now must be a parameter placeholder');
  });
});

/** Every string bound as a parameter, looking inside arrays and JSON-encoded parameters. */
function boundStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(boundStrings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(boundStrings);
  if (typeof value !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? [value, parsed] : [value, ...boundStrings(parsed)];
  } catch {
    return [value];
  }
}

describe('compileSegmentToSql: the operators of segment engine v2 compile to fixed SQL', () => {
  const cases: [string, unknown][] = [
    ['matches', trait('email', 'matches', '^[a-z]+@example[.]com$')],
    ['imatches', trait('email', 'imatches', 'ACME')],
    ['size_gte', trait('tags', 'size_gte', 2)],
    ['within_km', trait('location', 'within_km', { lat: 48.85, lon: 2.35, km: 10 })],
    ['between ISO dates', trait('signup', 'between', ['2024-01-01', '2024-12-31T23:59:59+02:00'])],
    ['event filter ends_with', event({ where: [{ path: 'url', op: 'ends_with', value: '/checkout' }] })],
    ['trait within_last', trait('signed_up_at', 'within_last', { days: 14 })],
    ['trait anniversary', trait('birthday', 'anniversary_within_next', 7)],
    ['stat after_next', stat('last_seen_at', 'before_last', { hours: 36 })],
    ['stat anniversary', stat('first_seen_at', 'anniversary_within_next', 0)],
    ['account trait within_next', account('renewal', 'within_next', { minutes: 90 })],
    ['event filter within_next', event({ where: [{ path: 'departure', op: 'within_next', value: { days: 7 } }] })],
    ['a sequence with a then-not tail', { sequence: { steps: [{ name: 'Product Added', where: [{ path: 'sku', op: 'starts_with', value: 'x' }] }, { name: 'Checkout Started', within: { hours: 1 } }],
      thenNot: { name: 'Order Completed', within: { hours: 2 } }, within: { lastDays: 7 } } }],
  ];
  it.each(cases)('%s', (_name, input) => {
    const compiled = compile(input);
    expectOnlyFixedSql(compiled.predicate);
    expectPlaceholdersMatchValues(compiled.predicate, compiled.values, compiled.now);
  });
});

describe('compileSegmentToSql: event leaves for every profile at once (allProfiles)', () => {
  const grouped = (input: unknown) => {
    const params = new SqlParams(1);
    const now = params.add(NOW);
    const compiled = compileSegmentToSql(validateSegmentDefinition(input), { params, now, allProfiles: true, resolveSegment: () => { throw new Error('none'); } });
    return { ...compiled, values: params.values, now };
  };
  it.each([
    ['at least once: the profiles that have one', event({ op: 'gte', value: 1 }),
      '(p.id in (select e.profile_id from events e where e.name = $2::text))'],
    ['never: the profiles that have none', event({ within: { lastDays: 30 }, op: 'eq', value: 0 }),
      '(p.id not in (select e.profile_id from events e where e.name = $2::text and e.occurred_at >= ($1)::timestamptz - make_interval(days => $3::int)))'],
    ['a count that zero fails: grouped, having the test', event({ op: 'gte', value: 2 }),
      '(p.id in (select e.profile_id from events e where e.name = $2::text group by e.profile_id having coalesce(count(*) >= $3::numeric, false)))'],
    ['a sum that zero passes: everyone but those whose sum fails', event({ aggregate: 'sum', property: 'revenue', op: 'lt', value: 100 }),
      "(p.id not in (select e.profile_id from events e where e.name = $2::text group by e.profile_id having not coalesce(coalesce(sum(case when jsonb_typeof((e.properties #> $3::text[])) = 'number' then (e.properties #> $3::text[])::numeric end), 0) < $4::numeric, false)))"],
  ])('%s', (_name, input, predicate) => {
    const compiled = grouped(input);
    expect(compiled.predicate).toBe(withNowAnchor(predicate));
    expectOnlyFixedSql(compiled.predicate);
  });

  it('gives the query of the members when the definition is positive event leaves and sequences under all / any', () => {
    const seq = { sequence: { steps: [{ name: 'A' }, { name: 'B' }] } };
    expect(grouped(event({ op: 'gte', value: 2 })).memberSet).toBe('select e.profile_id from events e where e.name = $2::text group by e.profile_id having coalesce(count(*) >= $3::numeric, false)');
    expect(grouped({ all: [event({ op: 'gte', value: 1 }), { any: [seq, event({ name: 'C', op: 'gt', value: 0 })] }] }).memberSet)
      .toMatch(/^\(select e\.profile_id from events e where e\.name = \$2::text\) intersect all \(\(select e\.profile_id from events e cross join lateral .*\) union all \(select e\.profile_id from events e where e\.name = \$\d+::text\)\)$/);
    // A grouped scan has no profile row: nothing in the set may read `p` (an event property's anniversary is in UTC).
    const anniversary = grouped(event({ where: [{ path: 'departure', op: 'anniversary_within_next', value: 3 }], op: 'gte', value: 1 })).memberSet!;
    expect(anniversary).toContain('segmentary_days_to_anniversary');
    expect(anniversary).not.toMatch(/\bp\./);
    for (const none of [
      event({ op: 'eq', value: 0 }), // true without events
      { all: [event({ op: 'gte', value: 1 }), trait('plan', 'eq', 'pro')] }, // a trait needs the profile
      { not: event({ op: 'gte', value: 1 }) },
    ]) expect(grouped(none).memberSet).toBeUndefined();
  });
});

describe('compileSegmentToSql: user data never reaches the SQL text', () => {
  const hostile = [`x'); drop table profiles; --`, 'Robert"); --', '$1', '/* c */', 'a\\b', 'é 𝄞'];
  const definitionsCarrying = (text: string): unknown[] => [
    trait('name', 'eq', text),
    trait('name', 'neq', text),
    trait('name', 'in', [text, 'other']),
    trait('name', 'contains', text),
    trait('name', 'starts_with', text),
    trait('name', 'between', [text, text]),
    ...['not_contains', 'ends_with', 'ieq', 'ineq', 'icontains', 'istarts_with', 'iends_with'].map((op) => trait('name', op, text)),
    ...['contains_any', 'contains_all', 'contains_none'].map((op) => trait('tags', op, [text])),
    stat('lifecycle', 'eq', text),
    stat('rfm_segment', 'not_in', [text]),
    event({ name: text, where: [{ path: 'x', op: 'contains', value: text }] }),
    account('plan', 'eq', text),
    account('plan', 'starts_with', text),
  ];

  it.each(hostile)('%j is only ever a bound value', (text) => {
    for (const input of definitionsCarrying(text)) {
      const compiled = compile(input);
      expectOnlyFixedSql(compiled.predicate);
      if (text !== '$1') expect(compiled.predicate).not.toContain(text);
      expect(boundStrings(compiled.values)).toContain(text);
    }
  });
});

describe('compileSegmentToSql: segment references are inlined', () => {
  const segments = {
    french: trait('address.country', 'eq', 'FR'),
    frenchBuyers: { all: [{ segment: { key: 'french' } }, stat('orders', 'gt', 0)] },
    lapsed: event({ name: 'Session Started', within: { lastDays: 30 }, op: 'eq', value: 0 }),
    a: { segment: { key: 'b' } },
    b: { any: [trait('x', 'exists'), { segment: { key: 'a' } }] },
  };

  it('replaces the reference by the referenced predicate', () => {
    const compiled = compile({ not: { segment: { key: 'french' } } }, segments);
    expect(compiled.predicate).toBe(withNowAnchor('(not (p.traits @> $2::jsonb))'));
    expect(compiled.dependencies.segmentKeys).toEqual(['french']);
  });

  it('inlines recursively and reuses the predicate of a segment used twice', () => {
    const compiled = compile({ any: [{ segment: { key: 'frenchBuyers' } }, { segment: { key: 'french' } }] }, segments);
    expect(compiled.predicate).toBe(withNowAnchor('(((p.traits @> $2::jsonb) and coalesce(coalesce(s.orders, 0) > $3::numeric, false)) or (p.traits @> $2::jsonb))'));
    expect(compiled.values).toEqual([NOW, '{"address":{"country":"FR"}}', 0]);
    expect(compiled.dependencies.segmentKeys).toEqual(['french', 'frenchBuyers']);
  });

  it('reports a reference cycle instead of recursing forever', () => {
    expect(() => compile({ segment: { key: 'a' } }, segments)).toThrow(ValidationError);
    expect(() => compile({ segment: { key: 'a' } }, segments)).toThrow('segment references form a cycle: a -> b -> a');
  });

  it('reports a reference to the segment being compiled', () => {
    const ctx = { params: new SqlParams(), now: '$1', segmentKey: 'self', resolveSegment: () => ({ segment: { key: 'self' } }) };
    expect(() => compileSegmentToSql({ not: { segment: { key: 'self' } } }, ctx)).toThrow('cycle: self -> self');
  });

  it('lets NotFoundError from resolveSegment through', () => {
    expect(() => compile({ segment: { key: 'nope' } }, segments)).toThrow(NotFoundError);
  });
});

describe('compileSegmentToSql: dependencies', () => {
  const segments = {
    lapsed: event({ name: 'Session Started', within: { lastDays: 30 }, op: 'eq', value: 0 }),
    vip: { all: [trait('tier', 'eq', 'vip'), stat('lifecycle', 'eq', 'active')] },
    enterprise: { account: trait('plan', 'eq', 'enterprise') },
  };
  const none: SegmentDependencies = { eventNames: [], traitPaths: [], accountTraitPaths: [], stats: [], computedKeys: [], segmentKeys: [], timeSensitive: false };
  const cases: [string, unknown, Partial<SegmentDependencies>][] = [
    ['traits by dot path', { all: [trait('address.country', 'eq', 'FR'), trait('age', 'gt', 1)] }, { traitPaths: ['address.country', 'age'] }],
    ['plain stats are not time sensitive', stat('orders', 'gt', 1), { stats: ['orders'] }],
    ['recency stats are time sensitive', { any: [stat('tenure_days', 'gt', 1), stat('days_since_last_seen', 'gt', 1)] },
      { stats: ['days_since_last_seen', 'tenure_days'], timeSensitive: true }],
    ['fixed event windows are not time sensitive', event({ name: 'Signed Up', within: { since: '2024-01-01' } }), { eventNames: ['Signed Up'] }],
    ['relative event windows are', event({ within: { lastDays: 7 } }), { eventNames: ['Order Completed'], timeSensitive: true }],
    ['relative dates and anniversaries are', { any: [trait('signup', 'within_last', { days: 1 }), stat('first_seen_at', 'anniversary_within_next', 3)] },
      { traitPaths: ['signup'], stats: ['first_seen_at'], timeSensitive: true }],
    ['a relative date in an event filter is', event({ within: { since: '2024-01-01' }, where: [{ path: 'departure', op: 'after_next', value: { days: 1 } }] }),
      { eventNames: ['Order Completed'], timeSensitive: true }],
    ['sequences with a then-not tail are', { sequence: { steps: [{ name: 'A' }, { name: 'B' }], thenNot: { name: 'C', within: { hours: 2 } } } },
      { eventNames: ['A', 'B', 'C'], timeSensitive: true }],
    ['sequences without one or a relative window are not', { sequence: { steps: [{ name: 'A' }, { name: 'B', within: { days: 1 } }], within: { since: '2024-01-01' } } },
      { eventNames: ['A', 'B'] }],
    ['minute and hour windows are', { any: [event({ within: { lastMinutes: 30 } }), event({ within: { lastHours: 2 } })] }, { eventNames: ['Order Completed'], timeSensitive: true }],
    ['property filters are not trait paths', event({ where: [{ path: 'sku', op: 'exists' }] }), { eventNames: ['Order Completed'] }],
    ['account traits are not the person\'s', { all: [account('plan', 'eq', 'pro'), { not: account('billing.country', 'eq', 'FR') }, trait('plan', 'exists')] },
      { accountTraitPaths: ['billing.country', 'plan'], traitPaths: ['plan'] }],
    ['through inlined segments', { all: [{ segment: { key: 'lapsed' } }, { not: { segment: { key: 'vip' } } }] },
      { eventNames: ['Session Started'], traitPaths: ['tier'], stats: ['lifecycle'], segmentKeys: ['lapsed', 'vip'], timeSensitive: true }],
    ['account traits through an inlined segment', { not: { segment: { key: 'enterprise' } } }, { accountTraitPaths: ['plan'], segmentKeys: ['enterprise'] }],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    const compiled = compile(input, segments);
    expect(compiled.dependencies).toEqual({ ...none, ...expected });
    // `now` is read (not just typed) exactly when membership can change with time alone.
    expect(compiled.predicate.includes('($1)::timestamptz')).toBe(compiled.dependencies.timeSensitive);
  });
});

describe('point-in-time mode', () => {
  function compileAsOf(input: unknown) {
    const params = new SqlParams();
    return compileSegmentToSql(validateSegmentDefinition(input), { params, now: HISTORY_INSTANT, pointInTime: true, resolveSegment: () => { throw new Error('none'); } });
  }

  it('reads traits as of the frame instant and only events up to it', () => {
    const { predicate } = compileAsOf({ all: [trait('plan', 'eq', 'pro'), event({ within: { lastDays: 30 } })] });
    expect(predicate).toContain('s.traits @>');
    expect(predicate).not.toContain('p.traits');
    expect(predicate).toContain('e.occurred_at <= (s.at)::timestamptz');
    expect(predicate).toContain('e.occurred_at >= (s.at)::timestamptz - make_interval');
  });

  it('live predicates never bound events by now', () => {
    expect(compile(event({})).predicate).not.toContain('occurred_at <=');
  });

  it.each(['rfm_segment', 'lifecycle', 'churn_risk', 'p_alive', 'value_tier'])('refuses the score stat %s, which has no history', (name) => {
    expect(() => compileAsOf(stat(name, 'exists'))).toThrow(ValidationError);
  });

  it('refuses account conditions, whose traits are kept only as they are now', () => {
    expect(() => compileAsOf({ account: { trait: { path: 'plan', op: 'eq', value: 'pro' } } })).toThrow(/account conditions have no history/);
  });

  it.each(['orders', 'revenue', 'recency_days', 'tenure_days', 'first_seen_at'])('accepts the event-derived stat %s', (name) => {
    expect(compileAsOf(stat(name, 'exists')).predicate).toContain('s.');
  });

  it('accepts the frame instant only in point-in-time mode', () => {
    const ctx = { params: new SqlParams(), now: HISTORY_INSTANT, resolveSegment: () => ({ trait: { path: 'a', op: 'exists' } }) as SegmentDefinition };
    expect(() => compileSegmentToSql(trait('a', 'exists') as SegmentDefinition, ctx)).toThrow('ctx.now must be a parameter placeholder');
  });
});
