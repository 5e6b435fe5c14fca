import { paragraphs, Segmenter } from '../../src/align';

const ar = new Segmenter('ar');
const en = new Segmenter('en');
const zh = new Segmenter('zh');

describe('Arabic sentence rules', () => {
  it('breaks after . ! ? ؟ and keeps decimals, times and dates whole', () => {
    expect(ar.sentences('ارتفعت النسبة إلى 3.5 في المئة. هل هذا كثير؟ نعم! انتهى')).toEqual([
      'ارتفعت النسبة إلى 3.5 في المئة.',
      'هل هذا كثير؟',
      'نعم!',
      'انتهى',
    ]);
    expect(ar.sentences('/مصدر: شينخوا/   2023:04:27.10:18')).toEqual(['/مصدر: شينخوا/   2023:04:27.10:18']);
    expect(ar.sentences('وصل في الساعة 10.30 صباحا. ثم غادر.')).toEqual(['وصل في الساعة 10.30 صباحا.', 'ثم غادر.']);
  });

  it('does not break after one-letter abbreviations (د. م. ص. ق.م. هـ.)', () => {
    expect(ar.sentences('قال د. محمد إن الاجتماع عقد عام 1445 هـ. وحضره الجميع.')).toEqual([
      'قال د. محمد إن الاجتماع عقد عام 1445 هـ. وحضره الجميع.',
    ]);
    expect(ar.sentences('بني المعبد في القرن الخامس ق.م. في الجنوب. ثم هُدم.')).toEqual([
      'بني المعبد في القرن الخامس ق.م. في الجنوب.',
      'ثم هُدم.',
    ]);
    expect(ar.sentences('انظر ص. 12 من التقرير.')).toEqual(['انظر ص. 12 من التقرير.']);
  });

  it('breaks after closing quotes, not inside them', () => {
    expect(ar.sentences('وقال: «هذا جيد!» ثم غادر.')).toEqual(['وقال: «هذا جيد!»', 'ثم غادر.']);
    expect(ar.sentences('وقال "سنعود." وعاد فعلا.')).toEqual(['وقال "سنعود."', 'وعاد فعلا.']);
  });
});

describe('English sentence rules', () => {
  it('keeps titles, months, No., initials and dotted acronyms inside the sentence', () => {
    expect(en.sentences('Mr. Smith met Dr. Lee on Jan. 5 in the U.S. capital. They spoke.')).toEqual([
      'Mr. Smith met Dr. Lee on Jan. 5 in the U.S. capital.',
      'They spoke.',
    ]);
    expect(en.sentences('See No. 5 and Art. 21 of the Charter. J. K. Rowling agreed.')).toEqual([
      'See No. 5 and Art. 21 of the Charter.',
      'J. K. Rowling agreed.',
    ]);
    expect(en.sentences('It rose 3.5 percent, e.g. in rice. Prices fell.')).toEqual([
      'It rose 3.5 percent, e.g. in rice.',
      'Prices fell.',
    ]);
  });

  it('keeps a dotted acronym before a name of two capitalized words, breaks before anything else capitalized', () => {
    expect(en.sentences('The U.N. Security Council met today. It voted.')).toEqual([
      'The U.N. Security Council met today.',
      'It voted.',
    ]);
    expect(en.sentences('He works for the U.S. He lives in D.C. now.')).toEqual([
      'He works for the U.S.',
      'He lives in D.C. now.',
    ]);
    expect(en.sentences('Talks at the U.N. ended. The U.S. delegation left.')).toEqual([
      'Talks at the U.N. ended.',
      'The U.S. delegation left.',
    ]);
    expect(en.sentences('It was approved by the E.U. China welcomed it.')).toEqual([
      'It was approved by the E.U.',
      'China welcomed it.',
    ]);
    expect(en.sentences('The talks were held in the U.K. Talks will resume in May.')).toEqual([
      'The talks were held in the U.K.',
      'Talks will resume in May.',
    ]);
    expect(en.sentences('He met the U.S. State Department spokesman.')).toEqual([
      'He met the U.S. State Department spokesman.',
    ]);
  });

  it('breaks after quotes and brackets that close a sentence', () => {
    expect(en.sentences('He said "yes." Then he left! Did she? (She did.) Fine')).toEqual([
      'He said "yes."',
      'Then he left!',
      'Did she?',
      '(She did.)',
      'Fine',
    ]);
  });
});

describe('Chinese sentence rules', () => {
  it('breaks after 。！？；… and after closing quotes, with no space needed', () => {
    expect(zh.sentences('他说：“我们走吧。”然后离开了！你呢？好的；再见……结束。')).toEqual([
      '他说：“我们走吧。”',
      '然后离开了！',
      '你呢？',
      '好的；',
      '再见……',
      '结束。',
    ]);
    expect(zh.sentences('增长了3.5%。「很好。」他说')).toEqual(['增长了3.5%。', '「很好。」', '他说']);
  });
});

describe('paragraphs', () => {
  it('splits on blank lines and joins soft-wrapped lines; without blank lines each line is a paragraph', () => {
    expect(paragraphs('first line\nwraps here\n\n  second  \n\n\nthird')).toEqual([
      'first line wraps here',
      'second',
      'third',
    ]);
    expect(paragraphs('\uFEFFone\r\ntwo\n')).toEqual(['one', 'two']);
  });
});
