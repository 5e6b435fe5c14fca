import { anchorCost, anchorsOf } from '../../src/align';
import { monthsOf } from '../../src/align/months';

describe('months', () => {
  it('are one anchor whether Chinese writes a number or English and Arabic a name', () => {
    expect(monthsOf('两位外长同意于9月在开罗举行会议。', 'zh').keys).toEqual(['m9']);
    expect(monthsOf('They agreed to meet in Cairo in September.', 'en').keys).toEqual(['m9']);
    expect(monthsOf('واتفق الوزيران على الاجتماع في القاهرة في سبتمبر.', 'ar').keys).toEqual(['m9']);
    expect(monthsOf('وصل في أيلول الماضي.', 'ar').keys).toEqual(['m9']);
    expect(monthsOf('定于十二月举行。', 'zh').keys).toEqual(['m12']);
    expect(monthsOf('Sept. 9 was the date.', 'en').keys).toEqual(['m9']);
  });

  it('replace the Chinese digit of the month among the numbers, so a date agrees in all three', () => {
    expect(anchorsOf('他于2026年3月15日抵达。', 'zh').numbers.sort()).toEqual(['15', '2026', 'm3']);
    expect(anchorsOf('He arrived on March 15, 2026.', 'en').numbers.sort()).toEqual(['15', '2026', 'm3']);
    expect(anchorsOf('وصل في 15 مارس 2026.', 'ar').numbers.sort()).toEqual(['15', '2026', 'm3']);
    const zh = anchorsOf('两位外长同意于9月在开罗举行会议。', 'zh');
    expect(anchorCost(anchorsOf('واتفق الوزيران على الاجتماع في القاهرة في سبتمبر.', 'ar'), zh)).toBeLessThan(0);
  });

  it('leave out words that are something else unless a number is beside them, and months counted in 个月', () => {
    expect(monthsOf('مارس الضغط على الحكومة.', 'ar').keys).toEqual([]);
    expect(monthsOf('May I come in?', 'en').keys).toEqual([]);
    expect(monthsOf('The talks ended on May 5.', 'en').keys).toEqual(['m5']);
    expect(monthsOf('在3个月内完成。', 'zh').keys).toEqual([]);
    expect(monthsOf('月球探测器于昨日发射。', 'zh').keys).toEqual([]);
  });
});
