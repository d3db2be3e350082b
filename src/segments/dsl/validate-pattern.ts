/**
 * `matches` patterns run in PostgreSQL (`~`, `~*`), but a definition is validated before
 * it reaches the database, and a pattern PostgreSQL refuses would fail every evaluation.
 * So only a portable subset is accepted: what means the same to PostgreSQL's advanced
 * regular expressions and to JavaScript's, checked here token by token and then by
 * JavaScript's own parser (balanced groups, valid ranges). Outside it: backreferences,
 * lookaround, word boundaries (`\b` is a backspace to PostgreSQL), POSIX classes
 * (`[[:alpha:]]`), embedded options, and unescaped `]` `{` `}` used as characters.
 */
import { LIMITS } from './ast';

/** Escapes meaning the same in both engines (outside a bracket expression). */
const CLASS_ESCAPES = new Set(['d', 'D', 's', 'S', 'w', 'W', 'n', 't', 'r']);
/** Inside brackets PostgreSQL accepts only the positive shorthands. */
const BRACKET_ESCAPES = new Set(['d', 's', 'w', 'n', 't', 'r']);
const PUNCTUATION = /^[!-/:-@[-`{-~]$/;

/** The first reason the pattern is outside the portable subset, or undefined when it is inside. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'must not be empty';
  if (pattern.length > LIMITS.maxPatternLength) return `must be at most ${LIMITS.maxPatternLength} characters`;
  const problem = scan(pattern);
  if (problem) return problem;
  try {
    new RegExp(pattern);
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  return undefined;
}

function scan(pattern: string): string | undefined {
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const problem = escapeProblem(pattern[i + 1], CLASS_ESCAPES);
      if (problem) return problem;
      i += 2;
    } else if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (typeof end === 'string') return end;
      i = end;
    } else if (c === '(') {
      if (pattern[i + 1] === '?' && pattern[i + 2] !== ':') return 'supports only (?:…) among (?…) groups (no lookaround, named groups or options)';
      i += pattern[i + 1] === '?' ? 3 : 1;
    } else if (c === '{') {
      const bound = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (!bound) return 'uses { outside a repetition bound {m}, {m,} or {m,n}; write \\{ for the character';
      const [lo, hi] = [Number(bound[1]), bound[3] ? Number(bound[3]) : Number(bound[1])];
      if (lo > LIMITS.maxRepetition || hi > LIMITS.maxRepetition) return `repetition bounds must be at most ${LIMITS.maxRepetition}`;
      if (lo > hi) return 'a repetition bound {m,n} needs m <= n';
      i += bound[0].length;
    } else if (c === '}' || c === ']') {
      return `uses ${c} as a character; write \\${c}`;
    } else {
      i += 1;
    }
  }
  return undefined;
}

function escapeProblem(next: string | undefined, allowed: ReadonlySet<string>): string | undefined {
  if (next === undefined) return 'ends with a lone backslash';
  if (allowed.has(next) || PUNCTUATION.test(next)) return undefined;
  return `uses \\${next}, which PostgreSQL and JavaScript read differently or not at all; allowed escapes: \\${[...allowed].join(' \\')} and escaped punctuation`;
}

/** Index after the bracket expression starting at `start`, or the reason it is not portable. */
function bracketEnd(pattern: string, start: number): number | string {
  let i = start + 1;
  if (pattern[i] === '^') i += 1;
  if (pattern[i] === ']') return 'has an empty bracket expression or a leading ]; write \\] for the character';
  while (i < pattern.length && pattern[i] !== ']') {
    if (pattern[i] === '[') return 'uses [ inside a bracket expression (POSIX classes such as [:alpha:] are not supported); write \\[';
    if (pattern[i] === '\\') {
      const problem = escapeProblem(pattern[i + 1], BRACKET_ESCAPES);
      if (problem) return problem;
      i += 2;
    } else {
      i += 1;
    }
  }
  return i < pattern.length ? i + 1 : 'has an unclosed bracket expression';
}
