import { ValidationErrors } from '../../common';
import { LIMITS, NODE_KINDS, TRAIT_OPS, type SegmentDefinition } from './ast';
import { detectSegmentCycle, findSegmentReferences, validateSegmentDefinition } from './validate';
import { checkWithinRetention } from './retention';

type Problem = { path: string; message: string };

function problemsOf(input: unknown, rootPath?: string): Problem[] {
  try {
    validateSegmentDefinition(input, rootPath);
  } catch (error) {
    if (error instanceof ValidationErrors) return error.problems;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

const trait = (path: string, op: string, value?: unknown) => ({ trait: { path, op, ...(value !== undefined && { value }) } });
const stat = (name: string, op: string, value?: unknown) => ({ stat: { name, op, ...(value !== undefined && { value }) } });
const event = (fields: Record<string, unknown>) => ({ event: { name: 'Order Completed', op: 'gte', value: 1, ...fields } });
const nestNots = (levels: number, leaf: unknown): unknown => (levels === 0 ? leaf : { not: nestNots(levels - 1, leaf) });
const leaf = trait('plan', 'eq', 'pro');

describe('validateSegmentDefinition accepts every form of the language', () => {
  const valid: [string, unknown][] = [
    ['trait eq on a nested path', trait('address.country', 'eq', 'FR')],
    ['trait eq number and boolean', { all: [trait('age', 'eq', 30), trait('vip', 'eq', true)] }],
    ['trait ordering on numbers and strings', { all: [trait('age', 'gt', 17), trait('signup', 'lte', '2024-01-01')] }],
    ['trait in / not_in with mixed scalars', { any: [trait('tier', 'in', ['gold', 1, true]), trait('tier', 'not_in', ['x'])] }],
    ['trait contains / starts_with', { all: [trait('tags', 'contains', 'vip'), trait('email', 'starts_with', 'ann')] }],
    ['trait presence', { all: [trait('phone', 'exists'), trait('utm-source', 'not_exists')] }],
    ['trait between numbers and strings', { all: [trait('age', 'between', [18, 18]), trait('n', 'between', ['a', 'b'])] }],
    ['numeric stats', { all: [stat('orders', 'gte', 1), stat('revenue', 'between', [10, 99.5]), stat('rfm_r', 'in', [4, 5])] }],
    ['time-relative stats', { all: [stat('recency_days', 'lte', 30), stat('tenure_days', 'gt', 365)] }],
    ['text stats', { all: [stat('lifecycle', 'in', ['active', 'new']), stat('value_tier', 'neq', 'low')] }],
    ['timestamp stats', { all: [stat('last_order_at', 'gt', '2024-01-01'), stat('first_seen_at', 'between', ['2024-01-01', '2024-01-01T10:00:00+02:00'])] }],
    ['stat exists', stat('churn_risk', 'exists')],
    ['event count, default aggregate', event({})],
    ['did not do X in 30 days', event({ within: { lastDays: 30 }, op: 'eq', value: 0 })],
    ['event sum with filters', event({ aggregate: 'sum', property: 'revenue', where: [trait('currency', 'eq', 'EUR').trait], within: { since: '2024-01-01' } })],
    ['event avg in a fixed window', event({ aggregate: 'avg', property: 'order.total', within: { between: ['2024-01-01', '2024-12-31T23:59:59.999Z'] } })],
    ['event with explicit count', event({ aggregate: 'count', where: [] })],
    ['segment reference', { not: { segment: { key: 'churned' } } }],
    ['account trait eq', { account: trait('plan', 'eq', 'enterprise') }],
    ['account trait of every form', { any: [{ account: trait('seats', 'between', [10, 50]) }, { account: trait('billing.country', 'in', ['FR', 'DE']) }, { not: { account: trait('churned', 'exists') } }] }],
    ['depth exactly at the limit', nestNots(LIMITS.maxDepth - 1, leaf)],
    ['leaves exactly at the limit', { any: Array.from({ length: LIMITS.maxLeaves }, () => leaf) }],
  ];

  it.each(valid)('%s', (_name, input) => {
    const definition = validateSegmentDefinition(input);
    expect(definition).toEqual(input);
    expect(definition).not.toBe(input);
  });
});

describe('validateSegmentDefinition names every problem by path', () => {
  const kinds = NODE_KINDS.join(', ');
  const invalid: [string, unknown, [path: string, message: string][]][] = [
    ['unknown node kind', { foo: {} }, [['definition', `unknown node kind "foo"; expected one of: ${kinds}`]]],
    ['more than one key', { trait: {}, stat: {} }, [['definition', 'got 2 keys (trait, stat)']]],
    ['empty node', {}, [['definition', 'got an empty object']]],
    ['node that is not an object', { all: [leaf, 'x'] }, [['definition.all[1]', 'must be a node object with one of']]],
    ['empty all', { all: [] }, [['definition.all', 'must contain at least one node']]],
    ['any that is not an array', { any: leaf }, [['definition.any', 'must be an array of nodes, got object']]],
    ['bad child of not', { not: null }, [['definition.not', 'got null']]],
    ['lastDays zero deep in a tree', { all: [leaf, leaf, event({ within: { lastDays: 0 } })] },
      [['definition.all[2].event.within.lastDays', 'must be a positive integer at most 3650, got 0']]],
    ['lastDays too large', event({ within: { lastDays: 3651 } }), [['definition.event.within.lastDays', 'at most 3650']]],
    ['lastDays not an integer', event({ within: { lastDays: 1.5 } }), [['definition.event.within.lastDays', 'positive integer']]],
    ['lastDays as a string', event({ within: { lastDays: '30' } }), [['definition.event.within.lastDays', 'got "30"']]],
    ['window with two kinds', event({ within: { lastDays: 1, since: '2024-01-01' } }),
      [['definition.event.within', 'exactly one of: lastMinutes, lastHours, lastDays, since, between; got lastDays, since']]],
    ['window of unknown kind', event({ within: { hours: 1 } }), [['definition.event.within', 'must be one of: lastMinutes, lastHours, lastDays, since, between; got "hours"']]],
    ['since that is not a date', event({ within: { since: 'yesterday' } }), [['definition.event.within.since', 'must be an ISO 8601 date']]],
    ['window between reversed', event({ within: { between: ['2024-02-01', '2024-01-01'] } }),
      [['definition.event.within.between', 'lo must be less than or equal to hi']]],
    ['trait path segment starting with a digit', trait('address.1st', 'exists'), [['definition.trait.path', 'bad: "1st"']]],
    ['trait path with an empty segment', trait('a..b', 'exists'), [['definition.trait.path', 'bad: ""']]],
    ['trait path with a space and a quote', trait("first name'", 'exists'), [['definition.trait.path', `bad: "first name'"`]]],
    ['unknown trait op', trait('a', 'like', 'x'), [['definition.trait.op', `must be one of: ${TRAIT_OPS.join(', ')}; got "like"`]]],
    ['ordering a boolean', trait('a', 'gt', true), [['definition.trait.value', 'must be a number or a string, got boolean (op gt)']]],
    ['starts_with a number', trait('a', 'starts_with', 5), [['definition.trait.value', 'must be a string, got number (op starts_with)']]],
    ['eq null', trait('a', 'eq', null), [['definition.trait.value', 'use exists / not_exists']]],
    ['eq an object', trait('a', 'eq', { b: 1 }), [['definition.trait.value', 'got object (op eq)']]],
    ['in not a list', trait('a', 'in', 'x'), [['definition.trait.value', 'must be an array, got string (op in)']]],
    ['in an empty list', trait('a', 'not_in', []), [['definition.trait.value', 'must not be empty (op not_in)']]],
    ['in with a bad item', trait('a', 'in', ['x', null]), [['definition.trait.value[1]', 'got null']]],
    ['exists with a value', trait('a', 'exists', 1), [['definition.trait.value', 'must be omitted for op exists']]],
    ['eq without a value', { trait: { path: 'a', op: 'eq' } }, [['definition.trait.value', 'is required for op eq']]],
    ['between reversed', trait('a', 'between', [5, 1]), [['definition.trait.value', 'lo must be less than or equal to hi']]],
    ['between of mixed types', trait('a', 'between', [1, 'z']), [['definition.trait.value', 'lo and hi must have the same type']]],
    ['between with one bound', trait('a', 'between', [1]), [['definition.trait.value', 'must be a [lo, hi] pair']]],
    ['unknown field in a trait', { trait: { path: 'a', op: 'exists', values: 1 } }, [['definition.trait.values', 'unknown field; allowed: path, op, value']]],
    ['unknown stat', stat('ltv', 'gt', 1), [['definition.stat.name', 'got "ltv"']]],
    ['ordering a text stat', stat('lifecycle', 'gt', 'a'), [['definition.stat.op', 'must be one of: eq, neq, in, not_in, exists; got "gt" (text stat lifecycle)']]],
    ['in on a timestamp stat', stat('last_order_at', 'in', ['2024-01-01']), [['definition.stat.op', '(timestamp stat last_order_at)']]],
    ['numeric stat compared to a string', stat('orders', 'gt', '3'), [['definition.stat.value', 'must be a finite number, got string (numeric stat orders)']]],
    ['impossible calendar date', stat('last_order_at', 'gt', '2024-02-30'), [['definition.stat.value', 'is not a real calendar date']]],
    ['date-time without offset', stat('last_seen_at', 'lt', '2024-02-03T10:00:00'), [['definition.stat.value', 'date-time with offset']]],
    ['timestamp between reversed', stat('first_order_at', 'between', ['2024-01-02', '2024-01-01T23:00:00Z']),
      [['definition.stat.value', 'lo must be less than or equal to hi']]],
    ['event missing everything', { event: {} }, [['definition.event.name', 'is required'], ['definition.event.op', 'is required'], ['definition.event.value', 'is required']]],
    ['sum without property', event({ aggregate: 'sum' }), [['definition.event.property', 'is required for aggregate sum']]],
    ['count with a property', event({ property: 'revenue' }), [['definition.event.property', 'is only used with aggregate sum or avg']]],
    ['unknown aggregate', event({ aggregate: 'max', property: 'x' }), [['definition.event.aggregate', 'must be one of: count, sum, avg; got "max"']]],
    ['bad filter in where', event({ where: [trait('a', 'exists').trait, { path: 'b c', op: 'eq', value: 1 }] }), [['definition.event.where[1].path', 'must match']]],
    ['event compared to a string', event({ op: 'gte', value: '1' }), [['definition.event.value', 'must be a finite number, got string']]],
    ['blank event name', event({ name: '  ' }), [['definition.event.name', 'must not be empty']]],
    ['account without a trait', { account: {} }, [['definition.account.trait', 'is required']]],
    ['account that is not an object', { account: 'enterprise' }, [['definition.account', 'must be an object, got string']]],
    ['account with another leaf inside', { account: { stat: { name: 'orders', op: 'gt', value: 1 } } },
      [['definition.account.stat', 'unknown field; allowed: trait'], ['definition.account.trait', 'is required']]],
    ['account trait with a bad op', { account: trait('plan', 'like', 'x') }, [['definition.account.trait.op', 'must be one of: eq, neq']]],
    ['account trait with a bad path', { account: trait('plan..tier', 'exists') }, [['definition.account.trait.path', 'bad: ""']]],
    ['segment without key', { segment: {} }, [['definition.segment.key', 'is required']]],
    ['segment with extra field', { segment: { key: 'a', id: 1 } }, [['definition.segment.id', 'unknown field; allowed: key']]],
    ['too deep', nestNots(LIMITS.maxDepth, leaf), [[`definition${'.not'.repeat(LIMITS.maxDepth)}`, 'nesting is deeper than 20 levels']]],
    ['too many leaves', { any: Array.from({ length: LIMITS.maxLeaves + 1 }, () => leaf) }, [['definition', 'has 201 conditions; at most 200 are allowed']]],
  ];

  it.each(invalid)('%s', (_name, input, expected) => {
    const problems = problemsOf(input);
    expect(problems.map((p) => p.path)).toEqual(expected.map(([path]) => path));
    problems.forEach((problem, i) => expect(problem.message).toContain(expected[i][1]));
  });

  it('reports all problems of a definition at once, in document order', () => {
    const input = { all: [trait('1a', 'gt', true), stat('orders', 'between', [3, 1]), event({ within: { lastDays: -1 }, op: 'max' })] };
    expect(problemsOf(input).map((p) => p.path)).toEqual([
      'definition.all[0].trait.path',
      'definition.all[0].trait.value',
      'definition.all[1].stat.value',
      'definition.all[2].event.within.lastDays',
      'definition.all[2].event.op',
    ]);
  });

  it('uses the given root path and throws a BAD_USER_INPUT ValidationErrors', () => {
    expect(problemsOf({ any: [] }, 'input.definition')).toEqual([{ path: 'input.definition.any', message: 'must contain at least one node' }]);
    expect(() => validateSegmentDefinition({ any: [] })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: 'definition.any: must contain at least one node' }));
  });

  it('quotes keys that are not identifiers in paths', () => {
    expect(problemsOf({ trait: { path: 'a', op: 'exists', 'bad key': 1 } })[0].path).toBe('definition.trait["bad key"]');
  });
});

const definitions: Record<string, SegmentDefinition> = {
  plain: trait('plan', 'eq', 'pro') as SegmentDefinition,
  usesPlain: { any: [{ segment: { key: 'plain' } }, { not: { segment: { key: 'plain' } } }] },
  diamondTop: { all: [{ segment: { key: 'left' } }, { segment: { key: 'right' } }] },
  left: { segment: { key: 'plain' } },
  right: { not: { segment: { key: 'plain' } } },
  a: { segment: { key: 'b' } },
  b: { all: [leaf as SegmentDefinition, { segment: { key: 'a' } }] },
  self: { not: { segment: { key: 'self' } } },
  entry: { segment: { key: 'loopX' } },
  loopX: { segment: { key: 'loopY' } },
  loopY: { any: [{ segment: { key: 'loopX' } }] },
  dangling: { segment: { key: 'missing' } },
};

describe('findSegmentReferences', () => {
  it.each<[string, string[]]>([
    ['plain', []],
    ['usesPlain', ['plain']],
    ['diamondTop', ['left', 'right']],
    ['b', ['a']],
  ])('%s refers to %j', (key, expected) => {
    expect(findSegmentReferences(definitions[key])).toEqual(expected);
  });
});

describe('detectSegmentCycle', () => {
  it.each<[string, string[] | null]>([
    ['plain', null],
    ['usesPlain', null],
    ['diamondTop', null],
    ['dangling', null],
    ['a', ['a', 'b', 'a']],
    ['self', ['self', 'self']],
    ['entry', ['entry', 'loopX', 'loopY', 'loopX']],
  ])('from %s: %j', (key, expected) => {
    expect(detectSegmentCycle(key, (k) => definitions[k])).toEqual(expected);
  });

  it('loads each definition once, even when reached by several paths', () => {
    const getDefinition = jest.fn((key: string) => definitions[key]);
    detectSegmentCycle('diamondTop', getDefinition);
    expect(getDefinition.mock.calls.map(([key]) => key).sort()).toEqual(['diamondTop', 'left', 'plain', 'right']);
  });

  it('finds the cycle a new definition would close', () => {
    const proposed: SegmentDefinition = { segment: { key: 'a' } };
    expect(detectSegmentCycle('plain', (k) => (k === 'plain' ? proposed : definitions[k]))).toEqual(['plain', 'a', 'b', 'a']);
  });
});

describe('the operators of segment engine v2', () => {
  it.each([
    ['string tests', { all: ['not_contains', 'ends_with', 'ieq', 'ineq', 'icontains', 'istarts_with', 'iends_with'].map((op) => trait('email', op, 'a')) }],
    ['array lists', { all: ['contains_any', 'contains_all', 'contains_none'].map((op) => trait('tags', op, ['a', 1, true])) }],
    ['array sizes', { all: ['size_eq', 'size_neq', 'size_gt', 'size_gte', 'size_lt', 'size_lte'].map((op) => trait('tags', op, 0)) }],
    ['geo', trait('location', 'within_km', { lat: -33.9, lon: 151.2, km: 0.5 })],
    ['portable patterns', { all: ['^[a-z0-9._%+-]+@example[.]com$', 'a{2,255}b+?', '(?:foo|bar)\\d\\s\\w\\.\\]', '[^\\d\\]]+$'].map((p) => trait('email', 'imatches', p)) }],
    ['ISO instants in ordering and ranges', { all: [trait('signup', 'gt', '2024-02-29'), trait('signup', 'between', ['2024-01-01T00:00:00+15:59', '2024-01-02'])] }],
    ['event filters and account traits take them too', { all: [event({ where: [{ path: 'url', op: 'ends_with', value: '/sale' }] }), { account: trait('domain', 'iends_with', '.io') }] }],
  ])('accepts %s', (_name, input) => {
    expect(validateSegmentDefinition(input)).toEqual(input);
  });

  it.each([
    ['a backreference', '(a)\\1', /uses \\1/],
    ['a word boundary', '\\bfoo', /uses \\b/],
    ['lookahead', 'a(?=b)', /only \(\?:…\)/],
    ['a POSIX class', '[[:alpha:]]', /POSIX classes/],
    ['an unescaped }', 'a}', /uses } as a character/],
    ['a bound above 255', 'a{256}', /at most 255/],
    ['a reversed bound', 'a{3,2}', /m <= n/],
    ['a lone {', 'a{x}', /outside a repetition bound/],
    ['an empty bracket', 'a[]', /empty bracket/],
    ['unbalanced parentheses', '(a', /not a valid regular expression/],
    ['an empty pattern', '', /must not be empty/],
    ['a long pattern', 'a'.repeat(LIMITS.maxPatternLength + 1), /at most 200 characters/],
  ])('refuses %s in matches, naming the value', (_name, pattern, message) => {
    const [problem] = problemsOf({ all: [leaf, trait('email', 'matches', pattern)] });
    expect(problem.path).toBe('definition.all[1].trait.value');
    expect(problem.message).toMatch(message);
  });

  it.each([
    ['a negative size', trait('tags', 'size_gte', -1), 'definition.trait.value', /integer from 0/],
    ['a fractional size', trait('tags', 'size_lt', 1.5), 'definition.trait.value', /integer from 0/],
    ['a latitude out of range', trait('loc', 'within_km', { lat: 91, lon: 0, km: 1 }), 'definition.trait.value.lat', /at most 90/],
    ['a zero radius', trait('loc', 'within_km', { lat: 0, lon: 0, km: 0 }), 'definition.trait.value.km', /above 0/],
    ['an unknown geo field', trait('loc', 'within_km', { lat: 0, lon: 0, km: 1, miles: 2 }), 'definition.trait.value.miles', /unknown field/],
    ['an impossible ISO day', trait('signup', 'gte', '2024-02-30'), 'definition.trait.value', /not a real calendar date/],
    ['a list that is empty', trait('tags', 'contains_any', []), 'definition.trait.value', /must not be empty/],
    ['instants in reverse order (though not as text)', trait('signup', 'between', ['2024-01-01T23:00:00-02:00', '2024-01-02']), 'definition.trait.value', /lo must be less/],
  ])('refuses %s', (_name, input, path, message) => {
    const [problem] = problemsOf(input);
    expect(problem.path).toBe(path);
    expect(problem.message).toMatch(message);
  });

  it('reads an offset past ±15:59 as text, not as an instant PostgreSQL would refuse', () => {
    expect(validateSegmentDefinition(trait('signup', 'gt', '2024-01-01T00:00:00+16:00'))).toBeDefined();
    expect(problemsOf(stat('first_seen_at', 'gt', '2024-01-01T00:00:00+16:00'))[0].message).toMatch(/ISO 8601/);
  });
});

describe('windows in minutes, hours and days', () => {
  it('accepts each unit up to ten years', () => {
    const windows = [{ lastMinutes: 1 }, { lastMinutes: 5_256_000 }, { lastHours: 87_600 }, { lastDays: 3650 }];
    for (const within of windows) expect(validateSegmentDefinition(event({ within }))).toEqual(event({ within }));
  });

  it.each([
    [{ lastMinutes: 0 }, 'definition.event.within.lastMinutes', /positive integer at most 5256000/],
    [{ lastHours: 87_601 }, 'definition.event.within.lastHours', /at most 87600/],
    [{ lastMinutes: 1.5 }, 'definition.event.within.lastMinutes', /positive integer/],
    [{ lastMinutes: 5, lastHours: 1 }, 'definition.event.within', /exactly one of: lastMinutes, lastHours, lastDays, since, between/],
  ])('refuses %j', (within, path, message) => {
    const [problem] = problemsOf(event({ within }));
    expect(problem.path).toBe(path);
    expect(problem.message).toMatch(message);
  });
});

describe('windows under retention', () => {
  const retention = { months: 12, since: new Date('2025-01-01T00:00:00Z') };
  const refusal = (within: Record<string, number>) => {
    try {
      checkWithinRetention(validateSegmentDefinition(event({ within })), retention);
    } catch (error) {
      return (error as ValidationErrors).problems;
    }
    return [];
  };

  it('measures minute and hour windows against the kept days (28 per month)', () => {
    expect(refusal({ lastHours: 28 * 12 * 24 })).toEqual([]);
    expect(refusal({ lastMinutes: 28 * 12 * 24 * 60 })).toEqual([]);
    expect(refusal({ lastHours: 28 * 12 * 24 + 1 })).toEqual([{ path: 'definition.event.within.lastHours', message: expect.stringMatching(/^must be at most 8064: EVENT_RETENTION_MONTHS=12/) }]);
    expect(refusal({ lastMinutes: 28 * 12 * 24 * 60 + 1 })).toEqual([{ path: 'definition.event.within.lastMinutes', message: expect.stringMatching(/^must be at most 483840:/) }]);
  });
});

describe('relative dates', () => {
  it('accepts spans of minutes, hours or days on traits and timestamp stats, and anniversaries', () => {
    const input = {
      all: [
        trait('signed_up_at', 'within_last', { days: 14 }), trait('renewal', 'within_next', { hours: 48 }),
        trait('last_login', 'before_last', { minutes: 90 }), trait('trial_end', 'after_next', { days: 3650 }),
        trait('birthday', 'anniversary_within_next', 0), stat('first_seen_at', 'anniversary_within_next', 366),
        stat('last_order_at', 'before_last', { days: 90 }),
      ],
    };
    expect(validateSegmentDefinition(input)).toEqual(input);
  });

  it.each([
    [trait('d', 'within_last', 14), 'definition.trait.value', /exactly one of: minutes, hours, days; got number/],
    [trait('d', 'within_last', { weeks: 2 }), 'definition.trait.value', /exactly one of: minutes, hours, days; got weeks/],
    [trait('d', 'within_next', { days: 0 }), 'definition.trait.value.days', /positive integer at most 3650/],
    [trait('d', 'anniversary_within_next', 367), 'definition.trait.value', /integer from 0 to 366/],
    [stat('orders', 'within_last', { days: 1 }), 'definition.stat.op', /must be one of/],
  ])('refuses %j', (input, path, message) => {
    const [problem] = problemsOf(input);
    expect(problem.path).toBe(path);
    expect(problem.message).toMatch(message);
  });
});

describe('sequences', () => {
  const cart = { name: 'Product Added', where: [{ path: 'price', op: 'gt', value: 10 }] };
  it('accepts steps with spans, a then-not tail and a window', () => {
    const input = { sequence: { steps: [cart, { name: 'Checkout Started', within: { minutes: 30 } }], thenNot: { name: 'Order Completed', within: { hours: 2 } }, within: { lastDays: 7 } } };
    expect(validateSegmentDefinition(input)).toEqual(input);
  });

  it.each([
    [{ steps: [] }, 'definition.sequence.steps', /1 to 10 steps/],
    [{ steps: Array.from({ length: 11 }, () => ({ name: 'A' })) }, 'definition.sequence.steps', /1 to 10 steps/],
    [{ steps: [{ name: 'A', within: { hours: 1 } }] }, 'definition.sequence.steps[0].within', /first step has no previous step/],
    [{ steps: [{ name: 'A' }, { name: ' ' }] }, 'definition.sequence.steps[1].name', /must not be empty/],
    [{ steps: [{ name: 'A' }, { name: 'B', within: { weeks: 1 } }] }, 'definition.sequence.steps[1].within', /exactly one of: minutes, hours, days/],
    [{ steps: [{ name: 'A' }], thenNot: { name: 'B' } }, 'definition.sequence.thenNot.within', /is required/],
    [{ steps: [{ name: 'A', where: [{ path: 'x', op: 'like', value: 1 }] }] }, 'definition.sequence.steps[0].where[0].op', /must be one of/],
    [{ steps: [{ name: 'A' }], within: { lastDays: 0 } }, 'definition.sequence.within.lastDays', /positive integer/],
    [{ steps: [{ name: 'A' }], order: 'strict' }, 'definition.sequence.order', /unknown field/],
  ])('refuses %j', (sequence, path, message) => {
    const [problem] = problemsOf({ sequence });
    expect(problem.path).toBe(path);
    expect(problem.message).toMatch(message);
  });
});
