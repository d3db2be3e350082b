import { ValidationError } from '../common';
import { lifecycleStage, validateLifecycleRules, valueTier, type LifecycleRules } from './lifecycle';

const RULES: LifecycleRules = { newDays: 30, activeDays: 90, churnDays: 180 };

describe('lifecycleStage (30 / 90 / 180 days)', () => {
  test.each([
    // days since first order, days since last order, stage
    [0, 0, 'new'],
    [29, 0, 'new'],
    [29, 29, 'new'],
    [30, 0, 'active'],
    [30, 30, 'active'],
    [400, 89, 'active'],
    [400, 90, 'silent'],
    [400, 179, 'silent'],
    [400, 180, 'churned'],
    [1000, 999, 'churned'],
  ])('first %i days ago, last %i days ago: %s', (first, last, stage) => {
    expect(lifecycleStage(first, last, RULES)).toBe(stage);
  });

  test('thresholds come from the rules', () => {
    expect(lifecycleStage(10, 10, { newDays: 7, activeDays: 14, churnDays: 28 })).toBe('active');
    expect(lifecycleStage(20, 20, { newDays: 7, activeDays: 14, churnDays: 28 })).toBe('silent');
    expect(lifecycleStage(40, 28, { newDays: 7, activeDays: 14, churnDays: 28 })).toBe('churned');
  });
});

describe('validateLifecycleRules', () => {
  test('accepts ordered whole days', () => {
    expect(validateLifecycleRules(RULES)).toEqual(RULES);
    expect(validateLifecycleRules({ newDays: 30, activeDays: 30, churnDays: 31 })).toBeTruthy();
  });

  test.each([
    [{ newDays: 0, activeDays: 90, churnDays: 180 }, 'lifecycle.newDays'],
    [{ newDays: 1.5, activeDays: 90, churnDays: 180 }, 'lifecycle.newDays'],
    [{ newDays: 30, activeDays: Number.NaN, churnDays: 180 }, 'lifecycle.activeDays'],
    [{ newDays: 100, activeDays: 90, churnDays: 180 }, 'lifecycle.newDays'],
    [{ newDays: 30, activeDays: 180, churnDays: 180 }, 'lifecycle.activeDays'],
    [{ newDays: 30, activeDays: 90, churnDays: 40000 }, 'lifecycle.churnDays'],
  ])('rejects %j at %s', (rules, path) => {
    expect(() => validateLifecycleRules(rules)).toThrow(ValidationError);
    expect(() => validateLifecycleRules(rules)).toThrow(new RegExp(`^${path.replace('.', '\\.')}:`));
  });
});

describe('valueTier (potential from 1 expected order)', () => {
  test.each([
    [{ r: 1, f: 1, m: 5, expectedOrders90d: 0 }, 'high_value'],
    [{ r: 5, f: 1, m: 5, expectedOrders90d: 3 }, 'high_value'],
    [{ r: 1, f: 5, m: 4, expectedOrders90d: 1 }, 'potential'],
    [{ r: 1, f: 5, m: 4, expectedOrders90d: 0.99 }, null],
    [{ r: 4, f: 2, m: 3, expectedOrders90d: 0.1 }, 'potential'],
    [{ r: 5, f: 1, m: 1, expectedOrders90d: null }, 'potential'],
    [{ r: 4, f: 3, m: 3, expectedOrders90d: 0.2 }, null],
    [{ r: 3, f: 1, m: 3, expectedOrders90d: null }, null],
  ])('%j → %s', (input, tier) => {
    expect(valueTier(input, 1)).toBe(tier);
  });
});
