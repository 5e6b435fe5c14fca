/**
 * One behaviour per sentence-break rule added for real text (src/align/rules/*.json), from example sentences written
 * for these tests.
 */
import { Segmenter } from '../../src/align';

const ar = new Segmenter('ar');
const en = new Segmenter('en');
const zh = new Segmenter('zh');

describe('English abbreviations are decided by what follows them', () => {
  it('keeps a.m. and p.m. before a time zone, a day or a month, and ends the sentence before anything else', () => {
    expect(
      en.sentences('The polls closed at 8 p.m. Eastern time on Tuesday. Counting began at 9 p.m. It ended late.'),
    ).toEqual(['The polls closed at 8 p.m. Eastern time on Tuesday.', 'Counting began at 9 p.m.', 'It ended late.']);
    expect(en.sentences('The flight lands at 6 a.m. Monday in Doha.')).toEqual([
      'The flight lands at 6 a.m. Monday in Doha.',
    ]);
    expect(en.sentences('Trading opens at 9 a.m. GMT and closes at noon.')).toEqual([
      'Trading opens at 9 a.m. GMT and closes at noon.',
    ]);
  });

  it('ends a sentence after Inc., Ltd. or Jr. before a word that opens sentences, and keeps it whole otherwise', () => {
    expect(
      en.sentences('The deal was signed with Gulf Foods Ltd. The shares rose. Gulf Foods Ltd. shares fell.'),
    ).toEqual(['The deal was signed with Gulf Foods Ltd.', 'The shares rose.', 'Gulf Foods Ltd. shares fell.']);
    expect(en.sentences('Sammy Davis Jr. Street was renamed. The mayor spoke.')).toEqual([
      'Sammy Davis Jr. Street was renamed.',
      'The mayor spoke.',
    ]);
  });

  it('keeps titles whatever follows: Mr. Dr. Prof.', () => {
    expect(en.sentences('We called Dr. Salem and Prof. Wang. They agreed.')).toEqual([
      'We called Dr. Salem and Prof. Wang.',
      'They agreed.',
    ]);
  });

  it('keeps initials before a name, but not before a word that opens a sentence', () => {
    expect(en.sentences('The prize went to Harriet B. Stowe last year.')).toEqual([
      'The prize went to Harriet B. Stowe last year.',
    ]);
    expect(en.sentences('The team was drawn in group C. The draw was fair.')).toEqual([
      'The team was drawn in group C.',
      'The draw was fair.',
    ]);
  });

  it("keeps a country's dotted acronym before an institution or a title", () => {
    expect(en.sentences('He visited the U.S. Embassy in Cairo. The U.N. Envoy arrived later.')).toEqual([
      'He visited the U.S. Embassy in Cairo.',
      'The U.N. Envoy arrived later.',
    ]);
    expect(en.sentences('The vote was held in the U.S. Capitol on Friday.')).toEqual([
      'The vote was held in the U.S. Capitol on Friday.',
    ]);
    expect(en.sentences('The ban was lifted by the U.K. Egypt welcomed it.')).toEqual([
      'The ban was lifted by the U.K.',
      'Egypt welcomed it.',
    ]);
  });

  it('reads No. before a number as an abbreviation and No. before a capital as a word', () => {
    expect(en.sentences('Resolution No. 12 passed. No. It did not pass.')).toEqual([
      'Resolution No. 12 passed.',
      'No.',
      'It did not pass.',
    ]);
  });
});

describe('English written in lower case (posts, chat)', () => {
  it('ends a sentence at a lower-case word before a lower-case word, not at a lower-case abbreviation', () => {
    expect(en.sentences('we waited for the bus. it never came. so we walked home.')).toEqual([
      'we waited for the bus.',
      'it never came.',
      'so we walked home.',
    ]);
    expect(en.sentences('prices hit a new high.. time to sell, i guess')).toEqual([
      'prices hit a new high..',
      'time to sell, i guess',
    ]);
    expect(en.sentences('The tank holds approx. four litres and the hose is 6 ft. long, incl. the nozzle.')).toEqual([
      'The tank holds approx. four litres and the hose is 6 ft. long, incl. the nozzle.',
    ]);
  });

  it('keeps a capitalized or one-letter abbreviation before a lower-case word, and an ellipsis as a pause', () => {
    expect(en.sentences('She moved to Sacramento, Calif. and opened a bakery.')).toEqual([
      'She moved to Sacramento, Calif. and opened a bakery.',
    ]);
    expect(en.sentences('The letter was signed by T. s. Eliot himself.')).toEqual([
      'The letter was signed by T. s. Eliot himself.',
    ]);
    expect(en.sentences('We could stay... or we could go.')).toEqual(['We could stay... or we could go.']);
  });
});

describe('quotations followed by who said them', () => {
  it('keeps an English quotation ending in ? ! or a full stop with its short speech tag, either order', () => {
    expect(en.sentences('"Where do we go now?" Salma asked. The road was closed.')).toEqual([
      '"Where do we go now?" Salma asked.',
      'The road was closed.',
    ]);
    expect(en.sentences('“Not yet!” he shouted, running to the gate. “Come back.” Omar Haddad said softly.')).toEqual([
      '“Not yet!” he shouted, running to the gate.',
      '“Come back.” Omar Haddad said softly.',
    ]);
    expect(en.sentences('"We are ready!" cried Layla. Nobody moved.')).toEqual([
      '"We are ready!" cried Layla.',
      'Nobody moved.',
    ]);
  });

  it('ends the sentence after the quotation when what follows is a sentence of its own', () => {
    expect(en.sentences('The talks were "a success." He said more would follow.')).toEqual([
      'The talks were "a success."',
      'He said more would follow.',
    ]);
    expect(en.sentences('She called it "a start." Karim added that the fund would grow.')).toEqual([
      'She called it "a start."',
      'Karim added that the fund would grow.',
    ]);
    expect(en.sentences('“Stop.” The door closed behind her.')).toEqual(['“Stop.”', 'The door closed behind her.']);
  });

  it('keeps a Chinese quotation ending in 。！？ with 她喊道 / 他问 after it, and not with any other sentence', () => {
    expect(zh.sentences('“我们走吧！”她大声喊道。大家都站了起来。')).toEqual([
      '“我们走吧！”她大声喊道。',
      '大家都站了起来。',
    ]);
    expect(zh.sentences('“好吗？”他问。“好。”他走了。')).toEqual(['“好吗？”他问。', '“好。”', '他走了。']);
    expect(zh.sentences('“里面有什么？”顾问看着他。')).toEqual(['“里面有什么？”', '顾问看着他。']);
  });
});

describe('numbered paragraphs', () => {
  it("keeps a paragraph's number or letter with its first sentence", () => {
    expect(en.sentences('12. The committee met twice. It adopted the report.')).toEqual([
      '12. The committee met twice.',
      'It adopted the report.',
    ]);
    expect(en.sentences('(b) Other matters.')).toEqual(['(b) Other matters.']);
    expect(en.sentences('It ended. 13. The next meeting. He was 12. He left.')).toEqual([
      'It ended.',
      '13. The next meeting.',
      'He was 12.',
      'He left.',
    ]);
    expect(zh.sentences('12.委员会举行了两次会议。')).toEqual(['12.委员会举行了两次会议。']);
    expect(ar.sentences('12. اجتمعت اللجنة مرتين. واعتمدت التقرير.')).toEqual([
      '12. اجتمعت اللجنة مرتين.',
      'واعتمدت التقرير.',
    ]);
  });
});

describe('English full stops without a space', () => {
  it('breaks at a full stop followed directly by a capitalized word, and not inside names or numbers', () => {
    expect(en.sentences('Rest is the main treatment.Patients should drink water. See ASP.Net and 3.5 mg.')).toEqual([
      'Rest is the main treatment.',
      'Patients should drink water.',
      'See ASP.Net and 3.5 mg.',
    ]);
  });
});

describe('Latin text and ASCII punctuation inside Chinese', () => {
  it('keeps Latin initials inside a Chinese sentence', () => {
    expect(zh.sentences('主持人 John F. Kennedy 表示，会议明天举行。下一句。')).toEqual([
      '主持人 John F. Kennedy 表示，会议明天举行。',
      '下一句。',
    ]);
  });

  it('keeps a Latin initial inside a name written in Chinese', () => {
    expect(zh.sentences('该使馆的一座大厅于1964年以约翰·F.肯尼迪的名字命名。下一句。')).toEqual([
      '该使馆的一座大厅于1964年以约翰·F.肯尼迪的名字命名。',
      '下一句。',
    ]);
  });

  it('keeps Latin abbreviations inside a Chinese sentence', () => {
    expect(zh.sentences('海湾食品公司 Gulf Foods Ltd. 宣布扩产。Mr. Salem 出席了仪式。')).toEqual([
      '海湾食品公司 Gulf Foods Ltd. 宣布扩产。',
      'Mr. Salem 出席了仪式。',
    ]);
  });

  it('reads an ASCII full stop, ! or ? after Chinese as a Chinese sentence end', () => {
    expect(zh.sentences('会谈结束了.双方同意再谈!什么时候?下周。')).toEqual([
      '会谈结束了.',
      '双方同意再谈!',
      '什么时候?',
      '下周。',
    ]);
  });
});

describe('mismatched quotes and doubled final marks', () => {
  it('reads an opening quote after a final mark, while a quote is open, as the closer it stands for', () => {
    expect(zh.sentences('部长说：“谈判很顺利。“双方将继续对话。。明天再谈')).toEqual([
      '部长说：“谈判很顺利。“',
      '双方将继续对话。。',
      '明天再谈',
    ]);
    expect(zh.sentences('“第一句。”“第二句。”')).toEqual(['“第一句。”', '“第二句。”']);
    expect(ar.sentences('قال: «وصلنا متأخرين.« ثم جلس.')).toEqual(['قال: «وصلنا متأخرين.«', 'ثم جلس.']);
  });
});

describe('Arabic', () => {
  it('keeps an ellipsis inside «...» as a pause and breaks after «؟!»', () => {
    expect(ar.sentences('قال: «سنعود... وسنبني ما تهدم» ثم غادر. هل يعقل هذا؟!» سأل أحدهم.')).toEqual([
      'قال: «سنعود... وسنبني ما تهدم» ثم غادر.',
      'هل يعقل هذا؟!»',
      'سأل أحدهم.',
    ]);
  });

  it('keeps Latin initials spelled in Arabic letters before a name', () => {
    expect(ar.sentences('وقال المدير جي. كيه. سامي إن العمل بدأ. ثم غادر.')).toEqual([
      'وقال المدير جي. كيه. سامي إن العمل بدأ.',
      'ثم غادر.',
    ]);
    expect(ar.sentences('ظهر الممثل على قناة إن بي سي. كما ظهر في الصحف.')).toEqual([
      'ظهر الممثل على قناة إن بي سي.',
      'كما ظهر في الصحف.',
    ]);
  });

  it('keeps a time of day written like p.m. before the day', () => {
    expect(ar.sentences('بدأ الاجتماع الساعة 7 مساءً. يوم الخميس في الدوحة. وانتهى متأخراً.')).toEqual([
      'بدأ الاجتماع الساعة 7 مساءً. يوم الخميس في الدوحة.',
      'وانتهى متأخراً.',
    ]);
  });
});

describe('markup copied from a web page', () => {
  it('ends a sentence after the closing tags that follow its final mark, in all three languages', () => {
    expect(zh.sentences('更多内容见第七节…</div>下一段从这里开始。')).toEqual([
      '更多内容见第七节…</div>',
      '下一段从这里开始。',
    ]);
    expect(zh.sentences('<p>会议明天举行。</b></p> 双方将继续对话。')).toEqual([
      '<p>会议明天举行。</b></p>',
      '双方将继续对话。',
    ]);
    expect(en.sentences('<p>The talks resume tomorrow.</p> Both sides agreed.')).toEqual([
      '<p>The talks resume tomorrow.</p>',
      'Both sides agreed.',
    ]);
    expect(ar.sentences('<p>تستأنف المحادثات غدا.</p> واتفق الجانبان.')).toEqual([
      '<p>تستأنف المحادثات غدا.</p>',
      'واتفق الجانبان.',
    ]);
  });

  it('never starts a sentence with a closing tag: a Chinese line with no mark before the next block stays whole', () => {
    // The English and Arabic end "etc." before the next block; the Chinese 等等 has no mark, so its line is one
    // sentence (the aligner then flags the row's counts) rather than a sentence that starts with </div>.
    expect(zh.sentences('等等<div id=sec7>第七节…</div>')).toEqual(['等等<div id=sec7>第七节…</div>']);
    expect(en.sentences('etc. <div id=sec7>section 7…</div>')).toEqual(['etc.', '<div id=sec7>section 7…</div>']);
  });
});
