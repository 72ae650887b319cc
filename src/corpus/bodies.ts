/**
 * Recognising the same reporting body across years and naming variants.
 *
 * A report names its body as it likes: "洪泽区人民政府" one year, "淮安市洪泽区人民政府" the
 * next; "南关区卫健局" for "南关区卫生健康局"; "XX区政府" for "XX区人民政府". A name is reduced to
 *   key    — the whole name with abbreviations expanded and spelling noise removed;
 *   prefix — the higher-level places written before the body's own place (江苏省淮安市);
 *   core   — the key without that prefix (洪泽区人民政府).
 * Two names are the same body when their keys are equal, or when their cores are equal and
 * their prefixes do not contradict each other (one is empty, or one ends the other). Different
 * prefixes (南京市鼓楼区 / 福州市鼓楼区) and different cores (平潭县人民政府 / 平潭综合实验区)
 * are different bodies; a bare core that matches several bodies is linked to none of them.
 */

/** Abbreviations used in report titles and their full forms (longest first when applied). */
const ABBREVIATIONS: [string, string][] = [
  ['卫健委', '卫生健康委员会'],
  ['卫健局', '卫生健康局'],
  ['卫计委', '卫生和计划生育委员会'],
  ['卫计局', '卫生和计划生育局'],
  ['发改委', '发展和改革委员会'],
  ['发改局', '发展和改革局'],
  ['人社局', '人力资源和社会保障局'],
  ['人社厅', '人力资源和社会保障厅'],
  ['住建局', '住房和城乡建设局'],
  ['住建委', '住房和城乡建设委员会'],
  ['住建厅', '住房和城乡建设厅'],
  ['市场监管局', '市场监督管理局'],
  ['市监局', '市场监督管理局'],
  ['自规局', '自然资源和规划局'],
  ['教体局', '教育体育局'],
  ['文广旅局', '文化广电和旅游局'],
  ['文广新局', '文化广电新闻出版局'],
  ['文旅局', '文化和旅游局'],
  ['应急局', '应急管理局'],
  ['医保局', '医疗保障局'],
  ['退役军人局', '退役军人事务局'],
  ['科技局', '科学技术局'],
  ['工信局', '工业和信息化局'],
  ['经信局', '经济和信息化局'],
  ['城管局', '城市管理局'],
  ['综合执法局', '综合行政执法局'],
  ['民宗局', '民族宗教事务局'],
  ['政数局', '政务服务和数据管理局'],
  ['国资委', '国有资产监督管理委员会'],
  ['人防办', '人民防空办公室'],
  ['机关事务局', '机关事务管理局'],
  ['残联', '残疾人联合会'],
  ['街道办', '街道办事处'],
  ['管委会', '管理委员会'],
  ['高新区', '高新技术产业开发区'],
  ['经开区', '经济技术开发区'],
  ['供销社', '供销合作社'],
].sort((a, b) => b[0].length - a[0].length) as [string, string][];

/** A place word at the start of a name: 淮安市, 洪泽区, 沛县, 江苏省, 内蒙古自治区, 岔河镇. */
const PLACE = /^(?:[^省市区县旗盟镇乡]{2,8}?(?:自治区|自治州|自治县|自治旗|省|市|地区|盟|州|区|县|旗|镇|乡|街道)|[^省市区县旗盟镇乡]县)/;
/** Words that end like a place but are not one ("城市管理局" is not the place 城市). */
const NOT_PLACES = new Set(['城市', '都市', '社区', '园区', '景区', '小区', '市区', '城区', '辖区', '地区', '省区', '特区', '城乡']);

export interface BodyName {
  /** The name as printed (whitespace removed). */
  name: string;
  key: string;
  core: string;
  prefix: string;
}

function expand(name: string): string {
  let s = name;
  for (const [short, full] of ABBREVIATIONS) if (s.includes(short) && !s.includes(full)) s = s.split(short).join(full);
  return s;
}

function leadingPlace(s: string): string | null {
  const m = PLACE.exec(s);
  if (!m) return null;
  const place = m[0];
  // 住房城乡建设局: "城乡" is a word, not a township
  if (NOT_PLACES.has(place) || place.endsWith('城乡')) return null;
  return place;
}

export function normaliseBodyName(printed: string): BodyName {
  const name = printed.normalize('NFKC').replace(/\s+/g, '');
  let key = expand(name)
    .replace(/[()（）【】\[\]〔〕《》“”"'‘’·•・、，,.。:：;；\-—_]/g, '')
    // 区政府 → 区人民政府 (the same body, written short)
    .replace(/(省|市|区|县|旗|州|盟|镇|乡)政府/g, '$1人民政府')
    // 发展和改革委员会 / 发展改革委员会: both spellings are official
    .replace(/[和与及]/g, '');
  // drop leading places while what follows still starts with a place
  let prefix = '';
  for (;;) {
    const place = leadingPlace(key.slice(prefix.length));
    if (!place) break;
    const rest = key.slice(prefix.length + place.length);
    if (!leadingPlace(rest)) break;
    prefix += place;
  }
  if (!key) key = name;
  return { name, key, core: key.slice(prefix.length), prefix };
}

/** Prefixes agree when either is empty or one ends the other (江苏省淮安市 / 淮安市). */
export function prefixesAgree(a: string, b: string): boolean {
  return !a || !b || a.endsWith(b) || b.endsWith(a);
}

export interface KnownBody {
  id: number;
  name: string;
  /** Prefixes of every name linked to the body. */
  prefixes: Set<string>;
}

/**
 * The bodies of a corpus in memory, for resolving names while ingesting. `resolve` says which
 * body a name belongs to, or that it is new; the caller writes new bodies and names and then
 * `remember`s them.
 */
export class BodyRegistry {
  private readonly byName = new Map<string, number>();
  private readonly byKey = new Map<string, number>();
  private readonly byCore = new Map<string, Set<number>>();
  private readonly bodies = new Map<number, KnownBody>();

  remember(bodyId: number, bodyName: string, n: BodyName): void {
    let body = this.bodies.get(bodyId);
    if (!body) this.bodies.set(bodyId, (body = { id: bodyId, name: bodyName, prefixes: new Set() }));
    body.prefixes.add(n.prefix);
    this.byName.set(n.name, bodyId);
    if (!this.byKey.has(n.key)) this.byKey.set(n.key, bodyId);
    let ids = this.byCore.get(n.core);
    if (!ids) this.byCore.set(n.core, (ids = new Set()));
    ids.add(bodyId);
  }

  /** The body a name belongs to: `{ id }` when known, `{ id: null }` when it is a new body. */
  resolve(n: BodyName): { id: number | null; known: boolean } {
    const exact = this.byName.get(n.name) ?? this.byKey.get(n.key);
    if (exact !== undefined) return { id: exact, known: this.byName.has(n.name) };
    const candidates = [...(this.byCore.get(n.core) ?? [])].filter((id) => [...this.bodies.get(id)!.prefixes].every((p) => prefixesAgree(p, n.prefix)));
    return candidates.length === 1 ? { id: candidates[0], known: false } : { id: null, known: false };
  }

  body(id: number): KnownBody | undefined {
    return this.bodies.get(id);
  }
}

/** The display name to keep for a body: the most specific (longest prefix) spelling seen. */
export function preferredName(current: string, candidate: string): string {
  const a = normaliseBodyName(current);
  const b = normaliseBodyName(candidate);
  return b.prefix.length > a.prefix.length ? candidate : current;
}
