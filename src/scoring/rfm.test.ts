import { ValidationError } from '../common';
import { RFM_CELLS, RFM_GRID, rfmCell, rfmGridRows, slugOf } from './rfm';

describe('rfmCell', () => {
  test.each([
    [5, 5, 'Champions'], [5, 4, 'Champions'], [4, 5, 'Loyal'], [3, 4, 'Loyal'], [4, 4, 'Loyal'], [3, 5, 'Loyal'],
    [5, 2, 'Potential Loyalist'], [5, 3, 'Potential Loyalist'], [4, 2, 'Potential Loyalist'], [4, 3, 'Potential Loyalist'],
    [5, 1, 'New'], [4, 1, 'Promising'], [3, 3, 'Need Attention'], [3, 1, 'About to Sleep'], [3, 2, 'About to Sleep'],
    [2, 3, 'At Risk'], [2, 4, 'At Risk'], [1, 3, 'At Risk'], [1, 4, 'At Risk'], [2, 5, 'Cannot Lose'], [1, 5, 'Cannot Lose'],
    [2, 1, 'Hibernating'], [2, 2, 'Hibernating'], [1, 2, 'Hibernating'], [1, 1, 'Lost'],
  ])('R=%i F=%i is %s', (r, f, cell) => {
    expect(rfmCell(r, f)).toBe(cell);
  });

  test('every named cell is reachable and the grid names no other', () => {
    const reached = new Set(rfmGridRows().map((row) => row.cell));
    expect([...reached].sort()).toEqual([...RFM_CELLS].sort());
  });

  test('the grid covers each of the 25 (R, F) pairs exactly once', () => {
    const rows = rfmGridRows();
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((row) => `${row.r}${row.f}`)).size).toBe(25);
    for (const row of rows) expect(rfmCell(row.r, row.f)).toBe(row.cell);
    expect(RFM_GRID.every((row) => row.length === 5)).toBe(true);
  });

  test.each([[0, 3, 'r'], [6, 3, 'r'], [2.5, 3, 'r'], [3, 0, 'f'], [3, Number.NaN, 'f']])('rejects R=%p F=%p naming %s', (r, f, path) => {
    expect(() => rfmCell(r, f)).toThrow(ValidationError);
    expect(() => rfmCell(r, f)).toThrow(new RegExp(`^${path}:`));
  });
});

test.each([['Champions', 'champions'], ['Cannot Lose', 'cannot-lose'], ['high_value', 'high-value'], ['About to Sleep', 'about-to-sleep']])(
  'slugOf(%s) = %s',
  (name, slug) => expect(slugOf(name)).toBe(slug),
);
