import { isMizanError } from '../../src/errors';
import { isTmName, requireTmName } from '../../src/service';

describe('TM names, one rule for the API and the scripts', () => {
  it.each(['main', 'legal-2024', 'a_b', '0', 'x'.repeat(64)])('accepts %s', (name) => {
    expect(isTmName(name)).toBe(true);
    expect(requireTmName(name)).toBe(name);
  });

  it.each(['Legal TM', 'Main', '../x', 'قانون', 'a}b{c', ' main', '', '-x', 'x'.repeat(65)])(
    'refuses %j with INVALID_PARAMETER naming the parameter',
    (name) => {
      expect(isTmName(name)).toBe(false);
      let caught: unknown;
      try {
        requireTmName(name, '--tm');
      } catch (err) {
        caught = err;
      }
      expect(isMizanError(caught) && caught.code).toBe('INVALID_PARAMETER');
      expect(isMizanError(caught) && caught.params).toEqual({ param: '--tm', value: name });
    },
  );
});
