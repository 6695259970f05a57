import { describe, expect, it } from 'vitest';
import { chineseAmount } from './chinese-amount';

describe('amounts in Chinese capitals (大写)', () => {
  it.each([
    [0, '零元整'],
    [100, '壹元整'],
    [5, '伍分'],
    [50, '伍角整'],
    [1_234_560, '壹万贰仟叁佰肆拾伍元陆角整'],
    [1_000_001, '壹万元零壹分'],
    [10_050, '壹佰元伍角整'],
    [100_000_000, '壹佰万元整'],
    [1_000_600, '壹万零陆元整'],
    [10_000_000_000, '壹亿元整'],
    [10_010_000_000, '壹亿零壹拾万元整'],
    [2_260_000, '贰万贰仟陆佰元整'],
    [120_300_000, '壹佰贰拾万叁仟元整'],
    [-25_600, '负贰佰伍拾陆元整'],
  ])('%i fen is %s', (fen, words) => {
    expect(chineseAmount(fen)).toBe(words);
  });
});
