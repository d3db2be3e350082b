/**
 * Compiles an account condition to a semi-join on the person's accounts: true when
 * at least one account they were seen in has the trait (a person with no account
 * matches nothing, and `not` then holds). The trait test is the one profile traits
 * use, over `a.traits`.
 */
import type { AccountCondition } from './ast';
import { compilePropertyCondition } from './compile-property';
import type { SqlParams } from '../../db';

export function compileAccountCondition(condition: AccountCondition, params: SqlParams, now: string): string {
  const trait = compilePropertyCondition('a.traits', condition.trait, params, now);
  return `(exists (select 1 from profile_accounts pa join accounts a on a.id = pa.account_id where pa.profile_id = p.id and ${trait}))`;
}
