import { decodeCursor, encodeCursor, type CursorPart } from './pagination';
import { ValidationError } from './errors';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const TIME_UUID: CursorPart[] = ['time', 'uuid'];

test.each([
  [['2026-01-02T03:04:05.123456Z', '0b6e7c1e-8a5e-4f0c-9d55-2f0c5a1b2c3d'], TIME_UUID],
  [['2026-01-02T03:04:05.123Z', '12345'], ['time', 'id']],
  [[42], ['id']],
] as const)('a cursor it issued, %j, decodes to its parts as strings', (key, shape) => {
  expect(decodeCursor(encodeCursor(key), shape)).toEqual(key.map(String));
});

test.each([
  ['not base64 of JSON', 'junk!'],
  ['base64 of junk', b64('junk')],
  ['JSON of the wrong shape (an object)', b64('{"a":1}')],
  ['a tuple of another length', b64('["2026-01-02T03:04:05Z"]')],
  ['a tuple of wrong types', b64('["x","y"]')],
  ['nulls', b64('[null,null]')],
  ['nested values', b64('[{"a":1},[2]]')],
  ['a time that is no instant', b64('["2026-13-45T99:00:00Z","0b6e7c1e-8a5e-4f0c-9d55-2f0c5a1b2c3d"]')],
  ['an instant with a NUL after it', b64('["2026-01-02T03:04:05Z\\u0000","0b6e7c1e-8a5e-4f0c-9d55-2f0c5a1b2c3d"]')],
  ['a uuid with a boolean beside it', b64('["2026-01-02T03:04:05Z",true]')],
])('%s is BAD_USER_INPUT naming after', (_, cursor) => {
  let thrown: unknown;
  try {
    decodeCursor(cursor, TIME_UUID);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as ValidationError).path).toBe('after');
});

test.each([
  ['a fraction', b64('[1.5]')],
  ['a negative id', b64('[-1]')],
  ['an id beyond 2^53', b64('["99999999999999999999"]')],
])('an id cursor with %s is refused', (_, cursor) => {
  expect(() => decodeCursor(cursor, ['id'])).toThrow(ValidationError);
});

test('no cursor is no cursor', () => {
  expect(decodeCursor(undefined, TIME_UUID)).toBeNull();
  expect(decodeCursor(null, TIME_UUID)).toBeNull();
  expect(decodeCursor('', TIME_UUID)).toBeNull();
});
