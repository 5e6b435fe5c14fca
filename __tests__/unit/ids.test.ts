import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { documentIdFor, standaloneUnitId, standaloneUnitKey, unitIdFor, unitIdOfKey } from '../../src/service/ids';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('ids', () => {
  it('are the stored formulas: a prefix of the SHA-256 of what they name', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(), (tm, text, position) => {
        const canon = text.normalize('NFC').trim();
        expect(standaloneUnitId(tm, text)).toBe('u' + sha256(`${tm}\u0000unit\u0000${canon}`).slice(0, 20));
        expect(unitIdFor(tm, text, position)).toBe('u' + sha256(`${tm}\u0000${text}\u0000${position}`).slice(0, 20));
        expect(documentIdFor(text)).toBe(
          'd' + sha256(`${text.replace(/\r\n?/g, '\n').trim()}\u0000\u0000`).slice(0, 16),
        );
      }),
    );
  });

  it('give a standalone unit its id back from its compact merge key', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (tm, ar) => {
        const key = standaloneUnitKey(tm, ar);
        expect(key).toHaveLength(10);
        expect(unitIdOfKey(key)).toBe(standaloneUnitId(tm, ar));
      }),
    );
  });
});
