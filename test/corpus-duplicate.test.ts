/** The prose fingerprint: masking, MinHash similarity and the share of identical passages. */
import { describe, expect, it } from 'vitest';
import { bandHash, BANDS, comparable, fingerprint, namesToMask, overlap, passagesWithHashes, SIGNATURE_SIZE, similarity } from '../src/corpus/duplicate.js';
import { proseSections } from '../src/corpus/record.js';
import { parsePath } from '../src/pipeline.js';
import type { Report } from '../src/model/report.js';
import { fixture } from './corpus-helpers.js';

const load = async (rel: string) => {
  const r = await parsePath(fixture(rel));
  if ('error' in r) throw new Error(r.error.message);
  return r as Report;
};

describe('masking', () => {
  it('masks numbers, dates, years and the body’s own name and places', () => {
    const a = comparable('2023年，乌拉特中旗卫生健康委员会共收到申请12件，于2024年1月9日办结。', namesToMask('乌拉特中旗卫生健康委员会'));
    const b = comparable('2024年，乌拉特前旗卫生健康委员会共收到申请7件，于2025年1月20日办结。', namesToMask('乌拉特前旗卫生健康委员会'));
    expect(a).toBe(b);
    expect(a).not.toMatch(/\d|乌拉特/);
    expect(comparable('二〇二三年收到三十件', [])).toBe('#年收到#件');
  });

  it('keeps the words that differ', () => {
    expect(comparable('加强政务公开平台建设', [])).not.toBe(comparable('加强政务公开制度建设', []));
  });
});

describe('fingerprint', () => {
  it('finds a report copied under another name identical, and unrelated reports apart', async () => {
    const original = await load('seeds/004_2e038facf9d8feda.txt');
    const copy = { ...original, meta: { ...original.meta, agency: '乌拉特前旗卫生健康委员会' }, sections: original.sections.map((s) => ({ ...s, text: s.text.replaceAll('乌拉特中旗', '乌拉特前旗').replace(/\d+/g, (d) => String(Number(d) + 1)) })) };
    const other = await load('real/pingtan-2021.html');
    const fa = fingerprint(proseSections(original), original.meta.agency);
    const fb = fingerprint(proseSections(copy), copy.meta.agency);
    const fc = fingerprint(proseSections(other), other.meta.agency);
    expect(fa.signature).toHaveLength(SIGNATURE_SIZE);
    expect(similarity(fa.signature, fb.signature)).toBe(1);
    expect(overlap(fa.passages, fb.passages).share).toBe(1);
    expect(similarity(fa.signature, fc.signature)).toBeLessThan(0.2);
    expect(overlap(fa.passages, fc.passages).share).toBeLessThan(0.1);
    for (let band = 0; band < BANDS; band++) expect(bandHash(fa.signature, band)).toBe(bandHash(fb.signature, band));
  });

  it('measures a partly copied report by length and says where', async () => {
    const r = await load('seeds/004_2e038facf9d8feda.txt');
    const sections = proseSections(r);
    const overview = sections.find((s) => s.key === 'overview')!;
    const rewritten = sections.map((s) => (s.key === 'overview' ? s : { ...s, text: '本年度我单位全面梳理制度文件，逐项核对公开目录，重新编制办事指南。针对群众反映的问题逐条制定整改方案，明确时限和责任人。' }));
    const a = fingerprint(rewritten, r.meta.agency);
    const b = fingerprint(sections, r.meta.agency);
    const o = overlap(a.passages, b.passages);
    const overviewIndex = rewritten.indexOf(overview);
    expect(o.bySection.get(overviewIndex)!.share).toBe(1);
    expect(o.share).toBeGreaterThan(0.5);
    expect(o.share).toBeLessThan(1);
    const examples = passagesWithHashes(rewritten, r.meta.agency, o.matched);
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.every((e) => e.section === overviewIndex)).toBe(true);
  });

  it('gives a report without prose an empty signature that matches nothing', () => {
    const empty = fingerprint([], null);
    expect(similarity(empty.signature, empty.signature)).toBe(0);
    expect(empty.passages).toHaveLength(0);
  });
});
