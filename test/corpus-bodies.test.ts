/** Body normalisation: the same body across years and spellings, and never two bodies as one. */
import { describe, expect, it } from 'vitest';
import { BodyRegistry, normaliseBodyName, prefixesAgree } from '../src/corpus/bodies.js';

describe('normaliseBodyName', () => {
  it('splits the prefecture off a county body (洪泽区 2023 / 淮安市洪泽区 2024)', () => {
    const a = normaliseBodyName('洪泽区人民政府');
    const b = normaliseBodyName('淮安市洪泽区人民政府');
    expect(a).toMatchObject({ key: '洪泽区人民政府', core: '洪泽区人民政府', prefix: '' });
    expect(b).toMatchObject({ key: '淮安市洪泽区人民政府', core: '洪泽区人民政府', prefix: '淮安市' });
    expect(normaliseBodyName('江苏省淮安市洪泽区人民政府')).toMatchObject({ core: '洪泽区人民政府', prefix: '江苏省淮安市' });
  });

  it('expands abbreviations and short forms into the same key', () => {
    expect(normaliseBodyName('南关区卫健局').key).toBe(normaliseBodyName('南关区卫生健康局').key);
    expect(normaliseBodyName('乌苏市卫健委').key).toBe(normaliseBodyName('乌苏市卫生健康委员会').key);
    expect(normaliseBodyName('淮安经济技术开发区管委会').key).toBe(normaliseBodyName('淮安经济技术开发区管理委员会').key);
    expect(normaliseBodyName('洪泽区政府').key).toBe('洪泽区人民政府');
    expect(normaliseBodyName('淮安市发展和改革委员会').key).toBe(normaliseBodyName('淮安市发展改革委员会').key);
    expect(normaliseBodyName(' 淮安市 人民政府 ').key).toBe('淮安市人民政府');
  });

  it('keeps different bodies apart', () => {
    expect(normaliseBodyName('平潭县人民政府').core).not.toBe(normaliseBodyName('平潭综合实验区').core);
    expect(normaliseBodyName('淮安市人民政府').core).not.toBe(normaliseBodyName('淮安市洪泽区人民政府').core);
    expect(normaliseBodyName('洪泽区人民政府').key).not.toBe(normaliseBodyName('洪泽区人民政府办公室').key);
    // a department of a city is not a place under it: 城市管理局, 住房城乡建设局
    expect(normaliseBodyName('淮安市城市管理局')).toMatchObject({ prefix: '', core: '淮安市城市管理局' });
    expect(normaliseBodyName('淮安市住房和城乡建设局')).toMatchObject({ prefix: '', core: '淮安市住房城乡建设局' });
  });

  it('prefixes agree when one is empty or ends the other', () => {
    expect(prefixesAgree('', '淮安市')).toBe(true);
    expect(prefixesAgree('江苏省淮安市', '淮安市')).toBe(true);
    expect(prefixesAgree('南京市', '福州市')).toBe(false);
  });
});

describe('BodyRegistry', () => {
  const registry = () => {
    const r = new BodyRegistry();
    r.remember(1, '洪泽区人民政府', normaliseBodyName('洪泽区人民政府'));
    r.remember(2, '平潭综合实验区', normaliseBodyName('平潭综合实验区'));
    r.remember(3, '南京市鼓楼区人民政府', normaliseBodyName('南京市鼓楼区人民政府'));
    r.remember(4, '福州市鼓楼区人民政府', normaliseBodyName('福州市鼓楼区人民政府'));
    return r;
  };

  it('links a prefixed spelling to the body known without it, and back', () => {
    const r = registry();
    expect(r.resolve(normaliseBodyName('淮安市洪泽区人民政府'))).toEqual({ id: 1, known: false });
    r.remember(1, '淮安市洪泽区人民政府', normaliseBodyName('淮安市洪泽区人民政府'));
    expect(r.resolve(normaliseBodyName('淮安市洪泽区人民政府'))).toEqual({ id: 1, known: true });
    expect(r.resolve(normaliseBodyName('洪泽区政府')).id).toBe(1);
  });

  it('does not link a different prefix once the body has one', () => {
    const r = registry();
    r.remember(1, '淮安市洪泽区人民政府', normaliseBodyName('淮安市洪泽区人民政府'));
    expect(r.resolve(normaliseBodyName('宿迁市洪泽区人民政府')).id).toBeNull();
  });

  it('does not link different bodies or guess between two', () => {
    const r = registry();
    expect(r.resolve(normaliseBodyName('平潭县人民政府')).id).toBeNull();
    expect(r.resolve(normaliseBodyName('鼓楼区人民政府')).id).toBeNull();
    expect(r.resolve(normaliseBodyName('南京市鼓楼区人民政府')).id).toBe(3);
  });
});
