/** A TM candidate's codes renumbered onto the query's, and the codes the query lacks placed or counted. */
import { mapTmCodes } from '../../src/formats';
import { P } from '../helpers/xliff-fixtures';

describe('mapTmCodes', () => {
  it('renumbers the TM’s codes onto the query’s by order, and leaves a code only the target has out', () => {
    const mapped = mapTmCodes(`a ${P(0)} b ${P(1)}`, `a ${P(3)} b ${P(2)}`, `x ${P(2)} y ${P(3)}${P(7)}`);
    expect(mapped).toEqual({ sourceText: `a ${P(0)} b ${P(1)}`, targetText: `x ${P(1)} y ${P(0)}` });
  });

  it('writes the query’s text where the TM has a code and the query has text between the same words', () => {
    const mapped = mapTmCodes('أهلا __name__، مرحبا بك', `أهلا ${P(0)}، مرحبا بك`, `Hello ${P(0)}, welcome`);
    expect(mapped).toEqual({
      sourceText: 'أهلا ، مرحبا بك',
      targetText: 'Hello __name__, welcome',
      tmOnly: { unpaired: 1, text: ['__name__'], unplaced: 0 },
    });
    expect(mapTmCodes('Ahmed, welcome', `${P(0)}, welcome`, `${P(0)}, bienvenue`).targetText).toBe('Ahmed, bienvenue');
    expect(mapTmCodes('Welcome Ahmed', `Welcome ${P(0)}`, `Bienvenue ${P(0)}`).targetText).toBe('Bienvenue Ahmed');
    // Punctuation alone is text too when it stands exactly there.
    expect(mapTmCodes('50% off', `50${P(0)} off`, `-50${P(0)}`).targetText).toBe('-50%');
  });

  it('leaves a code out where the query has nothing, or other punctuation only: nothing is lost', () => {
    const bold = mapTmCodes('Click here now', `Click ${P(0)}here${P(1)} now`, `Cliquez ${P(0)}ici${P(1)} maintenant`);
    expect(bold).toEqual({
      sourceText: 'Click here now',
      targetText: 'Cliquez ici maintenant',
      tmOnly: { unpaired: 2, text: [], unplaced: 0 },
    });
    expect(mapTmCodes('Hello; welcome', `Hello ${P(0)}, welcome`, `Salut ${P(0)}, bienvenue`).tmOnly).toEqual({
      unpaired: 1,
      text: [],
      unplaced: 0,
    });
    expect(mapTmCodes('A B', `A ${P(0)}${P(1)} B`, `a ${P(0)}${P(1)} b`).targetText).toBe('a  b');
  });

  it('counts a code whose place in the query cannot be told, and writes nothing in its place', () => {
    // «أحمد» may be the friend or the name.
    const friend = mapTmCodes(
      'شكرا لك يا أحمد على مساعدتك',
      `شكرا لك يا صديقي ${P(0)} على مساعدتك`,
      `Thank you my friend ${P(0)} for your help`,
    );
    expect(friend.tmOnly).toEqual({ unpaired: 1, text: [], unplaced: 1 });
    // Two codes and a word in one place: which code the word is cannot be said.
    expect(mapTmCodes('A text B', `A ${P(0)}${P(1)} B`, `a ${P(0)}${P(1)} b`).tmOnly).toEqual({
      unpaired: 2,
      text: [],
      unplaced: 2,
    });
    // Paired by order, the query's code went to the TM's first; the second's place holds the query's code.
    expect(mapTmCodes(`A text B ${P(0)} C`, `A ${P(0)} B ${P(1)} C`, `a ${P(0)} b ${P(1)} c`).tmOnly).toMatchObject({
      unplaced: 1,
    });
  });

  it('places nothing in texts too long to align, and counts the code', () => {
    const words = 'w '.repeat(1100);
    const mapped = mapTmCodes(`${words}Ahmed`, `${words}${P(0)}`, `${words}${P(0)}`);
    expect(mapped.tmOnly).toEqual({ unpaired: 1, text: [], unplaced: 1 });
    expect(mapTmCodes(`${'w '.repeat(900)}Ahmed`, `${'w '.repeat(900)}${P(0)}`, P(0)).targetText).toBe('Ahmed');
  });

  it('counts nothing for a code the TM’s target does not have, but says the TM’s source had one', () => {
    expect(mapTmCodes('Hello Ahmed', `Hello ${P(0)}`, 'Bonjour')).toEqual({
      sourceText: 'Hello ',
      targetText: 'Bonjour',
      tmOnly: { unpaired: 1, text: [], unplaced: 0 },
    });
  });
});
