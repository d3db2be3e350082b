import { birthdayMonthDays, daysOverdue, isBirthdayToday, nextExpectedOrderDate, parseBirthday } from './trigger-rules';

const at = (iso: string) => new Date(iso);

describe('birthday matching (UTC)', () => {
  test.each([
    ['1990-05-17', '2026-05-17T00:00:00Z', true],
    ['05-17', '2026-05-17T23:59:59Z', true],
    ['1990-05-17', '2026-05-18T00:00:00Z', false],
    ['1990-05-17', '2026-05-16T23:59:59Z', false],
    // Feb 29: on Feb 28 in years without one, on Feb 29 (only) in leap years.
    ['2000-02-29', '2027-02-28T10:00:00Z', true],
    ['02-29', '2027-02-28T10:00:00Z', true],
    ['2000-02-29', '2027-03-01T10:00:00Z', false],
    ['2000-02-29', '2028-02-29T10:00:00Z', true],
    ['2000-02-29', '2028-02-28T10:00:00Z', false],
    ['1990-02-28', '2027-02-28T10:00:00Z', true],
    ['1990-02-28', '2028-02-29T10:00:00Z', false],
    // Century rules: 2100 has no Feb 29, 2000 had one.
    ['02-29', '2100-02-28T00:00:00Z', true],
    ['02-29', '2000-02-28T00:00:00Z', false],
    // Not a birthday this API accepts.
    ['1990-5-17', '2026-05-17T00:00:00Z', false],
    ['17/05/1990', '2026-05-17T00:00:00Z', false],
    ['1990-05-17T00:00:00Z', '2026-05-17T00:00:00Z', false],
    [19900517, '2026-05-17T00:00:00Z', false],
    [null, '2026-05-17T00:00:00Z', false],
  ])('birthday %j on %s → %s', (birthday, now, expected) => {
    expect(isBirthdayToday(birthday, at(now))).toBe(expected);
  });

  test('month-days celebrated on a day', () => {
    expect(birthdayMonthDays(at('2027-02-28T12:00:00Z'))).toEqual(['02-28', '02-29']);
    expect(birthdayMonthDays(at('2028-02-28T12:00:00Z'))).toEqual(['02-28']);
    expect(birthdayMonthDays(at('2028-02-29T12:00:00Z'))).toEqual(['02-29']);
    expect(birthdayMonthDays(at('2026-12-31T23:59:59.999Z'))).toEqual(['12-31']);
  });

  test.each(['13-01', '00-10', '04-31', '02-30', '1990-06-00'])('%s is not a date', (raw) => {
    expect(parseBirthday(raw)).toBeNull();
  });

  test('parses the year when given', () => {
    expect(parseBirthday('1984-07-04')).toEqual({ year: 1984, monthDay: '07-04' });
    expect(parseBirthday('07-04')).toEqual({ year: null, monthDay: '07-04' });
  });
});

describe('next expected order date from a buyer’s own gaps', () => {
  test.each([
    // orders (UTC), expected date, median gap
    [['2026-01-01', '2026-01-11', '2026-01-21'], '2026-01-31', 10],
    // The median ignores one long pause: gaps 10, 10, 100 → 10.
    [['2026-01-01', '2026-01-11', '2026-01-21', '2026-05-01'], '2026-05-11', 10],
    // Even count: median of 4 and 7 is 5.5, rounded half up to 6.
    [['2026-03-01', '2026-03-05', '2026-03-12'], '2026-03-18', 5.5],
    // Orders on one day count once; order of input does not matter.
    [['2026-02-10T23:00:00Z', '2026-02-01T08:00:00Z', '2026-02-10T01:00:00Z', '2026-02-01T20:00:00Z'], '2026-02-19', 9],
    // Across a year end and a leap day.
    [['2027-12-01', '2028-01-15', '2028-02-15'], '2028-03-24', 38],
  ])('%j → %s', (orders, expected, median) => {
    const result = nextExpectedOrderDate(orders.map((o) => at(o.length === 10 ? `${o}T12:00:00Z` : o)));
    expect(result).toMatchObject({ expectedDate: expected, medianGapDays: median });
  });

  test.each([[[]], [['2026-01-01']], [['2026-01-01T01:00:00Z', '2026-01-01T22:00:00Z']]])('%j: too few order days', (orders) => {
    expect(nextExpectedOrderDate(orders.map(at))).toBeNull();
  });

  test('UTC days decide, not the local clock', () => {
    // 23:30 and 00:30 UTC are one hour apart but on two days.
    expect(nextExpectedOrderDate([at('2026-04-01T23:30:00Z'), at('2026-04-02T00:30:00Z')])).toMatchObject({ expectedDate: '2026-04-03', orderDays: 2 });
  });

  test('days overdue', () => {
    expect(daysOverdue('2026-01-31', at('2026-02-01T00:00:00Z'))).toBe(1);
    expect(daysOverdue('2026-01-31', at('2026-01-31T23:59:59Z'))).toBe(0);
    expect(daysOverdue('2026-01-31', at('2026-03-03T10:00:00Z'))).toBe(31);
  });
});
