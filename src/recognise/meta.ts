/**
 * The report's identity: title, the body it reports for, the statistics year, the printed date,
 * and what kind of body it is (which decides its legal deadline).
 */
import type { Meta } from '../model/report.js';
import type { Paragraph, SourceDocument } from '../read/document.js';
import { compact } from './normalise.js';

const TITLE = /(政府信息公开|政务信息公开|政务公开|信息公开).{0,14}(年度报告|年报|工作报告)|年度报告$/;

/** "二○一二" → 2012; "二十" → 20; Arabic digits pass through. */
export function chineseNumber(s: string): number | null {
  const t = s.normalize('NFKC').trim();
  if (/^\d+$/.test(t)) return Number(t);
  const digit: Record<string, number> = { 〇: 0, '○': 0, 零: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (/^[〇○零O一二三四五六七八九]{4}$/.test(t)) return Number([...t].map((c) => digit[c]).join(''));
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(t);
  if (!m || !t) return null;
  if (!m[2]) return m[1] ? digit[m[1]] : null;
  return (m[1] ? digit[m[1]] : 1) * 10 + (m[3] ? digit[m[3]] : 0);
}

const NUM = '[0-9０-９]+|[〇○零一二三四五六七八九十]+';
const DATE = new RegExp(`(${NUM})\\s*年\\s*(${NUM})\\s*月\\s*(${NUM})\\s*日`);
/** A line ending in a date whose year is not preceded by more digits: "乌拉特中旗卫生健康委员会2023年1月9日". */
const INLINE_SIGNATURE = new RegExp(`[。；！!](?:[^，。；:：]{2,30}?)?(?<![0-9０-９〇○零一二三四五六七八九十])((?:${NUM})年(?:${NUM})月(?:${NUM})日)(?=附件|$)`, 'g');
const SIGNATURE_DATE = new RegExp(`(?<![0-9０-９〇○零一二三四五六七八九十])((?:${NUM})年(?:${NUM})月(?:${NUM})日)$`);

export function parseChineseDate(s: string): string | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [chineseNumber(m[1]), chineseNumber(m[2]), chineseNumber(m[3])];
  if (y === null || mo === null || d === null || y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const paragraphs = (doc: SourceDocument) => doc.blocks.filter((b): b is Paragraph => b.kind === 'paragraph');

interface CompactParagraph {
  p: Paragraph;
  /** The text without white space, as labels and names are compared. */
  text: string;
}
const compactCache = new WeakMap<SourceDocument, CompactParagraph[]>();
/** The paragraphs with their compact text, made once per document: title, agency and date all read them. */
function compactParagraphs(doc: SourceDocument): CompactParagraph[] {
  let out = compactCache.get(doc);
  if (!out) compactCache.set(doc, (out = paragraphs(doc).map((p) => ({ p, text: compact(p.text) }))));
  return out;
}

const HAS_YEAR = /(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年/;

export function findTitle(doc: SourceDocument): { title: string | null; loc?: Paragraph['loc'] } {
  const hint = doc.metaHints.title;
  if (hint && TITLE.test(hint.replace(/\s+/g, ''))) return { title: hint.replace(/\s+/g, '') };
  const paras = compactParagraphs(doc).slice(0, 80);
  // a title names its year; breadcrumbs such as "政府信息公开年报" do not — they are the last resort
  for (const needYear of [true, false]) {
    for (let i = 0; i < paras.length; i++) {
      // a title may be broken over two or three short lines (none of which is a title alone)
      let joined = '';
      for (let k = i; k < Math.min(i + 3, paras.length); k++) {
        const line = paras[k].text;
        if (line.length > 60 || (k > i && TITLE.test(joined))) break;
        joined += line;
        if (TITLE.test(joined) && joined.length <= 80 && (!needYear || HAS_YEAR.test(joined))) return { title: joined, loc: paras[i].p.loc };
      }
    }
    // document properties before a yearless line: Word keeps last year's title in copied files,
    // so they only come in when the body names none
    if (needYear && doc.metaHints.propertiesTitle && TITLE.test(doc.metaHints.propertiesTitle.replace(/\s+/g, ''))) {
      return { title: doc.metaHints.propertiesTitle.replace(/\s+/g, '') };
    }
  }
  return { title: (hint ?? doc.metaHints.propertiesTitle)?.replace(/\s+/g, '') ?? null };
}

export function findYear(title: string | null, doc: SourceDocument): number | null {
  const fromTitle = title && /(\d{4}|[〇○零一二三四五六七八九]{4})\s*年/.exec(title.normalize('NFKC'));
  if (fromTitle) return chineseNumber(fromTitle[1]);
  for (const p of paragraphs(doc).slice(0, 200)) {
    const t = p.text.normalize('NFKC').replace(/\s+/g, '');
    const m = /(?:统计期限|统计时限|统计数据时限|统计时间)[^。]{0,6}?(\d{4})年1月1日/.exec(t) ?? /(\d{4})年1月1日(?:起)?至\1年12月31日/.exec(t);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Place words that make a body name specific (卫健委 alone names no body). */
const PLACE = /^(.{1,12}?(省|市|区|县|旗|州|盟|镇|乡|街道|自治区|新区|开发区|实验区|管理区|园区))|^国家|^国务院|^中国/;
const BODY = /(人民政府|政府|管委会|管理委员会|委员会|办公室|办公厅|局|委|厅|部|署|院|会|中心|所|站|处|队|街道办事处|街道)$/;

/**
 * "请与南关区卫生健康局办公室联系", "本报告由淮安市人民政府办公室编制": the office compiles the
 * report of the body it belongs to, so in those phrases the office suffix is dropped.
 */
function cleanAgency(s: string, dropOffice = false): string {
  const t = s.replace(/\s+/g, '').replace(/^(关于|印发)/, '');
  if (!dropOffice) return t;
  const m = /^(.+?)(?:政务公开办公室|政务公开办|信息公开办|办公室)$/.exec(t);
  return m && BODY.test(m[1]) ? m[1] : t;
}

const specific = (name: string) => PLACE.test(name) && name.length >= 4;

function titleAgency(title: string | null): string | null {
  if (!title) return null;
  const t = title.replace(/\s+/g, '');
  const m = /^(.+?)(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})年度?|关于|政府信息公开|政务信息公开|政务公开|信息公开)/.exec(t);
  const name = m?.[1] ? cleanAgency(m[1]) : null;
  return name && name.length >= 2 ? name : null;
}

/** Phrases that name the body, each with a word it cannot match without (a cheap test first). */
const NAMING: [string, RegExp][] = [
  ['填报单位', /填报单位(?:[(（]盖章[)）])?[:：]([^\s:：，,。；;]{4,30})/],
  ['本报告由', /本报告由(.{4,30}?)(?:根据|依据|按照|编制|负责)/],
  ['请与', /请与(.{4,30}?)联系/],
];

/** The longest signature line: a name of up to 30 characters and "2024年12月31日". */
const SIGNATURE_MAX = 30 + '0000年00月00日'.length;

/** Names the report gives itself outside the title: 填报单位, "本报告由…编制", "请与…联系", signature lines. */
function textAgencies(doc: SourceDocument): string[] {
  const out: string[] = [];
  const paras = compactParagraphs(doc);
  for (const { text: t } of paras) {
    for (const [word, re] of NAMING) {
      const m = t.includes(word) && re.exec(t);
      if (m) out.push(cleanAgency(m[1], true));
    }
  }
  // signature: a short line that is a body name, near a date line at the end
  for (const { text: t } of paras.slice(-12)) {
    const m = t.length <= SIGNATURE_MAX ? /^(.{4,30}?)(?:\d{4}年\d{1,2}月\d{1,2}日)?$/.exec(t) : null;
    if (m && BODY.test(m[1]) && specific(m[1]) && !/[，。：:]/.test(m[1])) out.push(m[1]);
  }
  return out.filter((n) => n.length >= 4 && BODY.test(n));
}

/** True when every character of `short` appears in `long` in order (卫健局 in 卫生健康局). */
function abbreviates(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

export function findAgency(title: string | null, doc: SourceDocument): string | null {
  const fromTitle = titleAgency(title);
  const others = textAgencies(doc);
  if (fromTitle && specific(fromTitle)) {
    // "南关区卫健局" in the title, "南关区卫生健康局" in the table: the full name wins
    const full = others.find((o) => !o.includes(fromTitle) && o.slice(0, 2) === fromTitle.slice(0, 2) && abbreviates(fromTitle, o));
    return full ?? fromTitle;
  }
  return others.find(specific) ?? null;
}

export function bodyType(agency: string | null): Meta['bodyType'] {
  if (!agency) return 'unknown';
  if (/(乡|镇)人民政府$|街道办事处$|街道$|(乡|镇)政府$/.test(agency)) return 'township';
  if (/(人民政府|政府|管委会|管理委员会)$/.test(agency)) return 'government';
  if (/(省|市|区|县|旗|州|盟|自治区|新区|实验区)$/.test(agency)) return 'government';
  return 'department';
}

/** The date printed at the end (signature) or as 填表日期 — not dates mentioned in the prose. */
export function findDate(doc: SourceDocument): { date: string | null; raw?: string; loc?: Paragraph['loc'] } {
  let found: { date: string | null; raw?: string; loc?: Paragraph['loc'] } = { date: null };
  const take = (raw: string, p: Paragraph) => {
    const date = parseChineseDate(raw);
    if (date) found = { date, raw, loc: p.loc };
  };
  for (const { p, text: t } of compactParagraphs(doc)) {
    if (!t.includes('日')) continue;
    const field = /(?:填表日期|填报日期|成文日期|报告日期)[:：]?(.{6,16}日)/.exec(t);
    if (field) {
      take(field[1], p);
      continue;
    }
    // a line that is only a date, or a body name followed by a date
    const m = t.length <= 40 ? SIGNATURE_DATE.exec(t) : null;
    if (m && !/[，。：:；;]/.test(t.slice(0, m.index))) take(m[1], p);
    // crawler text keeps the whole report on one line: the signature follows the last sentence
    else if (t.length > 200) for (const s of t.matchAll(INLINE_SIGNATURE)) take(s[1], p);
  }
  return found;
}
