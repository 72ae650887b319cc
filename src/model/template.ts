/**
 * The template knowledge of the national annual-report format, in one place.
 *
 * Keys are the contract of `spec/model-keys.json`; labels are the official wording
 * (FORMAT.md §A.3, §B.3, §C.2); aliases are the real-world variants we have seen or that
 * peers document (FORMAT.md §E.1). Recognition, checking and rendering all read this file —
 * nothing else in the code base spells a label.
 */

export type Generation = '2021' | '2019' | 'legacy' | 'unknown';
export type TableGeneration = '2021' | '2019';

export interface ColumnDef {
  key: string;
  label: string;
  aliases?: string[];
  /** 'count' cells are non-negative integers; 'signed' may be negative; 'money' is 万元 with decimals. */
  kind: 'count' | 'signed' | 'money';
}

export interface Table2RowDef {
  key: string;
  label: string;
  aliases?: string[];
  /** 第二十条第（N）项 — the sub-table the row is printed under. */
  item: string;
  columns: ColumnDef[];
}

const count = (key: string, label: string, aliases?: string[]): ColumnDef => ({ key, label, kind: 'count', aliases });

// ---------------------------------------------------------------------------------------------
// 表二 — 主动公开政府信息情况
// ---------------------------------------------------------------------------------------------

const t2021DocColumns: ColumnDef[] = [
  count('issued', '本年制发件数', ['本年制发数量', '本年新制发件数']),
  count('repealed', '本年废止件数', ['本年废止数量']),
  count('inForce', '现行有效件数', ['现行有效数量']),
];
const decisions2021: ColumnDef[] = [count('decisions', '本年处理决定数量', ['处理决定数量'])];

export const TABLE2: Record<TableGeneration, Table2RowDef[]> = {
  '2021': [
    { key: 'regulations', label: '规章', item: '一', columns: t2021DocColumns },
    { key: 'normativeDocuments', label: '行政规范性文件', aliases: ['规范性文件'], item: '一', columns: t2021DocColumns },
    { key: 'licensing', label: '行政许可', item: '五', columns: decisions2021 },
    { key: 'penalty', label: '行政处罚', item: '六', columns: decisions2021 },
    { key: 'enforcement', label: '行政强制', item: '六', columns: decisions2021 },
    {
      key: 'fees',
      label: '行政事业性收费',
      item: '八',
      columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', aliases: ['本年收费金额'], kind: 'money' }],
    },
  ],
  '2019': [
    {
      key: 'regulations',
      label: '规章',
      item: '一',
      columns: [
        count('newlyMade', '本年新制作数量'),
        count('newlyPublished', '本年新公开数量'),
        count('totalPublished', '对外公开总数量'),
      ],
    },
    {
      key: 'normativeDocuments',
      label: '规范性文件',
      aliases: ['行政规范性文件'],
      item: '一',
      columns: [
        count('newlyMade', '本年新制作数量'),
        count('newlyPublished', '本年新公开数量'),
        count('totalPublished', '对外公开总数量'),
      ],
    },
    ...(['licensing:行政许可:五', 'otherServices:其他对外管理服务事项:五', 'penalty:行政处罚:六', 'enforcement:行政强制:六'].map((spec) => {
      const [key, label, item] = spec.split(':');
      return {
        key,
        label,
        item,
        columns: [
          count('previousItems', '上一年项目数量'),
          { key: 'change', label: '本年增/减', kind: 'signed' } as ColumnDef,
          count('decisions', '处理决定数量', ['本年处理决定数量']),
        ],
      };
    }) as Table2RowDef[]),
    {
      key: 'fees',
      label: '行政事业性收费',
      item: '八',
      columns: [count('previousItems', '上一年项目数量'), { key: 'change', label: '本年增/减', kind: 'signed' }],
    },
    {
      key: 'procurement',
      label: '政府集中采购',
      item: '九',
      columns: [
        count('projects', '采购项目数量'),
        { key: 'amount', label: '采购总金额（万元）', aliases: ['采购总金额'], kind: 'money' },
      ],
    },
  ],
};

/** Column headers that only the 2021 表二 prints (they decide meta.template). */
export const TABLE2_2021_MARKERS = ['本年制发件数', '本年废止件数', '现行有效件数', '本年收费金额'];
/** Column headers / items that only the 2019 trial 表二 prints. */
export const TABLE2_2019_MARKERS = ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '第二十条第(九)项', '政府集中采购'];

// ---------------------------------------------------------------------------------------------
// 表三 — 收到和处理政府信息公开申请情况
// ---------------------------------------------------------------------------------------------

export const TABLE3_COLUMNS: ColumnDef[] = [
  count('naturalPerson', '自然人'),
  count('commercial', '商业企业', ['企业']),
  count('research', '科研机构'),
  count('publicInterest', '社会公益组织', ['公益组织', '社会组织']),
  count('legalService', '法律服务机构', ['法律服务']),
  count('otherOrganization', '其他'),
  count('total', '总计', ['合计']),
];
export const TABLE3_COLUMN_KEYS = TABLE3_COLUMNS.map((c) => c.key);
export const TABLE3_APPLICANT_KEYS = TABLE3_COLUMN_KEYS.slice(0, 6);

export interface Table3RowDef {
  key: string;
  /** The group the row belongs to (三、本年度办理结果 → （三）不予公开 …), for display. */
  group?: string;
  /** The printed label of the row itself (the leaf), with its numbering. */
  label: string;
  /** Variants of the leaf label without numbering. */
  aliases?: string[];
  generations: TableGeneration[];
  /** Outcome rows are the parts that （七）总计 sums (T3-SUM). */
  outcome?: boolean;
}

const both: TableGeneration[] = ['2019', '2021'];
export const TABLE3_ROWS: Table3RowDef[] = [
  { key: 'newReceived', label: '一、本年新收政府信息公开申请数量', aliases: ['本年新收政府信息公开申请数量', '本年新收申请数量'], generations: both },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', aliases: ['上年结转政府信息公开申请数量', '上年结转申请数量'], generations: both },
  { key: 'granted', group: '三、本年度办理结果', label: '（一）予以公开', generations: both, outcome: true },
  {
    key: 'partiallyGranted',
    group: '三、本年度办理结果',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    aliases: ['部分公开'],
    generations: both,
    outcome: true,
  },
  { key: 'denied.stateSecret', group: '（三）不予公开', label: '1.属于国家秘密', generations: both, outcome: true },
  {
    key: 'denied.prohibitedByLaw',
    group: '（三）不予公开',
    label: '2.其他法律行政法规禁止公开',
    aliases: ['其他法律法规禁止公开', '其他法律、行政法规禁止公开'],
    generations: both,
    outcome: true,
  },
  {
    key: 'denied.endangersSecurity',
    group: '（三）不予公开',
    label: '3.危及“三安全一稳定”',
    aliases: ['危及"三安全一稳定"', '危及三安全一稳定', '危及“国家安全”', '危及国家安全、公共安全、经济安全和社会稳定'],
    generations: both,
    outcome: true,
  },
  { key: 'denied.thirdPartyRights', group: '（三）不予公开', label: '4.保护第三方合法权益', generations: both, outcome: true },
  { key: 'denied.internalAffairs', group: '（三）不予公开', label: '5.属于三类内部事务信息', generations: both, outcome: true },
  { key: 'denied.processInformation', group: '（三）不予公开', label: '6.属于四类过程性信息', generations: both, outcome: true },
  { key: 'denied.enforcementFile', group: '（三）不予公开', label: '7.属于行政执法案卷', generations: both, outcome: true },
  { key: 'denied.administrativeQuery', group: '（三）不予公开', label: '8.属于行政查询事项', generations: both, outcome: true },
  { key: 'unavailable.notHeld', group: '（四）无法提供', label: '1.本机关不掌握相关政府信息', generations: both, outcome: true },
  { key: 'unavailable.needsCreation', group: '（四）无法提供', label: '2.没有现成信息需要另行制作', generations: both, outcome: true },
  { key: 'unavailable.unclear', group: '（四）无法提供', label: '3.补正后申请内容仍不明确', generations: both, outcome: true },
  { key: 'notProcessed.petition', group: '（五）不予处理', label: '1.信访举报投诉类申请', generations: both, outcome: true },
  { key: 'notProcessed.repeated', group: '（五）不予处理', label: '2.重复申请', generations: both, outcome: true },
  { key: 'notProcessed.publication', group: '（五）不予处理', label: '3.要求提供公开出版物', generations: both, outcome: true },
  { key: 'notProcessed.excessive', group: '（五）不予处理', label: '4.无正当理由大量反复申请', generations: both, outcome: true },
  {
    key: 'notProcessed.confirmation',
    group: '（五）不予处理',
    label: '5.要求行政机关确认或重新出具已获取信息',
    generations: both,
    outcome: true,
  },
  { key: 'otherHandling', group: '三、本年度办理结果', label: '（六）其他处理', generations: ['2019'], outcome: true },
  {
    key: 'otherHandling.noCorrection',
    group: '（六）其他处理',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    aliases: ['申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请'],
    generations: ['2021'],
    outcome: true,
  },
  {
    key: 'otherHandling.unpaidFee',
    group: '（六）其他处理',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    aliases: ['申请人逾期未按收费通知要求缴纳费用,行政机关不再处理其政府信息公开申请'],
    generations: ['2021'],
    outcome: true,
  },
  { key: 'otherHandling.other', group: '（六）其他处理', label: '3.其他', generations: ['2021'], outcome: true },
  { key: 'resultsTotal', group: '三、本年度办理结果', label: '（七）总计', aliases: ['总计', '合计'], generations: both },
  { key: 'carriedForward', label: '四、结转下年度继续办理', aliases: ['结转下年度继续办理'], generations: both },
];

/** Group rows print no numbers of their own (FORMAT.md §A.3.2). */
export const TABLE3_GROUP_LABELS = ['三、本年度办理结果', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理'];
export const TABLE3_HEADER_LABELS = [
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '申请人情况',
  '法人或其他组织',
  ...TABLE3_COLUMNS.map((c) => c.label),
];

const TABLE3_ROWS_BY_GENERATION: Record<TableGeneration, Table3RowDef[]> = {
  '2021': TABLE3_ROWS.filter((r) => r.generations.includes('2021')),
  '2019': TABLE3_ROWS.filter((r) => r.generations.includes('2019')),
};

/** The rows one generation prints, in order (one shared array per generation: do not mutate). */
export function table3Rows(generation: TableGeneration): Table3RowDef[] {
  return TABLE3_ROWS_BY_GENERATION[generation];
}

// ---------------------------------------------------------------------------------------------
// 表四 — 政府信息公开行政复议、行政诉讼情况
// ---------------------------------------------------------------------------------------------

export const TABLE4_BLOCKS = [
  { key: 'reconsideration', label: '行政复议' },
  { key: 'litigationDirect', label: '未经复议直接起诉', group: '行政诉讼' },
  { key: 'litigationAfterReconsideration', label: '复议后起诉', group: '行政诉讼' },
] as const;
export const TABLE4_COLUMNS: ColumnDef[] = [
  count('upheld', '结果维持'),
  count('corrected', '结果纠正'),
  count('other', '其他结果'),
  count('pending', '尚未审结'),
  count('total', '总计', ['合计']),
];
export const TABLE4_HEADER_LABELS = ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', ...TABLE4_COLUMNS.map((c) => c.label)];

// ---------------------------------------------------------------------------------------------
// Sections (2019 and 2021 formats: six parts; pre-2019 reports: a looser list)
// ---------------------------------------------------------------------------------------------

export interface SectionDef {
  key: string;
  label: string;
  /** Every group of keywords that, all present, identifies the heading. */
  keywords: string[][];
  /** Required in reports from 2019 on. */
  required?: boolean;
}

/** In matching order: the specific headings of pre-2019 reports before the six standard ones. */
export const SECTIONS: SectionDef[] = [
  { key: 'fees', label: '收费及减免情况', keywords: [['收取', '费用'], ['收费', '减免']] },
  { key: 'capacity', label: '机构建设和保障经费情况', keywords: [['机构建设'], ['保障经费']] },
  { key: 'training', label: '政府信息公开会议和培训情况', keywords: [['会议', '培训']] },
  { key: 'response', label: '回应解读情况', keywords: [['回应', '解读']] },
  { key: 'complaints', label: '举报投诉情况', keywords: [['举报投诉']] },
  { key: 'overview', label: '一、总体情况', keywords: [['总体情况'], ['概述'], ['基本情况'], ['总体概况']], required: true },
  { key: 'proactive', label: '二、主动公开政府信息情况', keywords: [['主动公开']], required: true },
  {
    key: 'requests',
    label: '三、收到和处理政府信息公开申请情况',
    keywords: [['收到和处理'], ['依申请公开'], ['申请', '处理情况']],
    required: true,
  },
  {
    key: 'reviewLitigation',
    label: '四、政府信息公开行政复议、行政诉讼情况',
    keywords: [['行政复议'], ['复议', '诉讼']],
    required: true,
  },
  { key: 'problems', label: '五、存在的主要问题及改进情况', keywords: [['问题', '改进'], ['存在', '问题']], required: true },
  { key: 'other', label: '六、其他需要报告的事项', keywords: [['其他需要报告'], ['其他事项'], ['需要报告的事项']], required: true },
];

// ---------------------------------------------------------------------------------------------
// The pre-2019 statistics table (国办发〔2014〕32号 《政府信息公开情况统计表》 and older local tables)
// ---------------------------------------------------------------------------------------------

export interface LegacyIndicatorDef {
  key: string;
  label: string;
  unit: string;
  aliases?: string[];
  /** Labels that only identify the indicator inside the block named here (e.g. 被依法纠错数). */
  block?: string;
}

export const LEGACY_BLOCKS = [
  { key: 'proactive', label: '一、主动公开情况' },
  { key: 'response', label: '二、回应解读情况' },
  { key: 'requests', label: '三、依申请公开情况' },
  { key: 'reconsideration', label: '四、行政复议数量' },
  { key: 'litigation', label: '五、行政诉讼数量' },
  { key: 'complaints', label: '六、举报投诉数量' },
  { key: 'fees', label: '七、依申请公开信息收取的费用' },
  { key: 'capacity', label: '八、机构建设和保障经费情况' },
  { key: 'training', label: '九、政府信息公开会议和培训情况' },
] as const;

export const LEGACY_INDICATORS: LegacyIndicatorDef[] = [
  { key: 'proactive.total', label: '主动公开政府信息数', unit: '条', aliases: ['主动公开信息数', '主动公开政府信息条数'] },
  { key: 'proactive.normativeDocuments', label: '主动公开规范性文件数', unit: '条' },
  { key: 'proactive.normativeDocumentsIssued', label: '制发规范性文件总数', unit: '件' },
  { key: 'channels.gazette', label: '政府公报公开政府信息数', unit: '条', aliases: ['政府公报公开'] },
  { key: 'channels.website', label: '政府网站公开政府信息数', unit: '条', aliases: ['网站公开'] },
  { key: 'channels.weibo', label: '政务微博公开政府信息数', unit: '条', aliases: ['政务微博公开'] },
  { key: 'channels.wechat', label: '政务微信公开政府信息数', unit: '条', aliases: ['政务微信公开'] },
  { key: 'channels.other', label: '其他方式公开政府信息数', unit: '条', aliases: ['其他方式公开'] },
  { key: 'response.hotTopics', label: '回应公众关注热点或重大舆情数', unit: '次' },
  { key: 'response.pressConferences', label: '参加或举办新闻发布会总次数', unit: '次' },
  { key: 'response.pressConferencesByHeads', label: '主要负责同志参加新闻发布会次数', unit: '次' },
  { key: 'response.onlineInterviews', label: '政府网站在线访谈次数', unit: '次' },
  { key: 'response.onlineInterviewsByHeads', label: '主要负责同志参加政府网站在线访谈次数', unit: '次' },
  { key: 'response.policyInterpretations', label: '政策解读稿件发布数', unit: '篇' },
  { key: 'response.weiboWechat', label: '微博微信回应事件数', unit: '次' },
  { key: 'response.other', label: '其他方式回应事件数', unit: '次' },
  { key: 'requests.received', label: '收到申请数', unit: '件', aliases: ['受理依申请公开信息总数', '申请总数', '收到申请总数', '受理申请数'] },
  { key: 'requests.inPerson', label: '当面申请数', unit: '件' },
  { key: 'requests.fax', label: '传真申请数', unit: '件' },
  { key: 'requests.online', label: '网络申请数', unit: '件', aliases: ['网上申请数'] },
  { key: 'requests.letter', label: '信函申请数', unit: '件' },
  { key: 'requests.closed', label: '申请办结数', unit: '件' },
  { key: 'requests.closedOnTime', label: '按时办结数', unit: '件' },
  { key: 'requests.closedExtended', label: '延期办结数', unit: '件' },
  { key: 'answers.total', label: '申请答复数', unit: '件', aliases: ['对申请的答复数', '对申请的答复总数', '答复总数'] },
  { key: 'answers.alreadyPublic', label: '属于已主动公开范围数', unit: '件' },
  { key: 'answers.granted', label: '同意公开答复数', unit: '件' },
  { key: 'answers.partiallyGranted', label: '同意部分公开答复数', unit: '件' },
  { key: 'answers.denied', label: '不同意公开答复数', unit: '件', aliases: ['否决公开答复数', '否决公开答复总数'] },
  { key: 'answers.denied.stateSecret', label: '涉及国家秘密', unit: '件' },
  { key: 'answers.denied.commercialSecret', label: '涉及商业秘密', unit: '件' },
  { key: 'answers.denied.privacy', label: '涉及个人隐私', unit: '件' },
  { key: 'answers.denied.security', label: '危及国家安全、公共安全、经济安全和社会稳定', unit: '件' },
  { key: 'answers.denied.notGovernmentInformation', label: '不是《条例》所指政府信息', unit: '件' },
  { key: 'answers.denied.otherLaw', label: '法律法规规定的其他情形', unit: '件' },
  { key: 'answers.notThisAgency', label: '不属于本行政机关公开数', unit: '件' },
  { key: 'answers.notExist', label: '申请信息不存在数', unit: '件' },
  { key: 'answers.correctionRequested', label: '告知作出更改补充数', unit: '件' },
  { key: 'answers.otherChannel', label: '告知通过其他途径办理数', unit: '件' },
  { key: 'reconsideration.total', label: '行政复议数量', unit: '件', aliases: ['行政复议数'] },
  { key: 'reconsideration.upheld', label: '维持具体行政行为数', unit: '件', block: 'reconsideration' },
  { key: 'reconsideration.corrected', label: '被依法纠错数', unit: '件', block: 'reconsideration' },
  { key: 'reconsideration.other', label: '其他情形数', unit: '件', block: 'reconsideration' },
  { key: 'litigation.total', label: '行政诉讼数量', unit: '件', aliases: ['行政诉讼数'] },
  { key: 'litigation.upheld', label: '维持具体行政行为或者驳回原告诉讼请求数', unit: '件', block: 'litigation' },
  { key: 'litigation.corrected', label: '被依法纠错数', unit: '件', block: 'litigation', aliases: ['被依法纠错九'] },
  { key: 'litigation.other', label: '其他情形数', unit: '件', block: 'litigation' },
  { key: 'complaints.total', label: '举报投诉数量', unit: '件' },
  { key: 'fees.amount', label: '依申请公开信息收取的费用', unit: '万元' },
  { key: 'capacity.offices', label: '政府信息公开工作专门机构数', unit: '个' },
  { key: 'capacity.accessPoints', label: '设置政府信息公开查阅点数', unit: '个' },
  { key: 'capacity.staff', label: '从事政府信息公开工作人员数', unit: '人' },
  { key: 'capacity.staffFullTime', label: '专职人员数', unit: '人' },
  { key: 'capacity.staffPartTime', label: '兼职人员数', unit: '人' },
  { key: 'capacity.budget', label: '政府信息公开专项经费', unit: '万元' },
  { key: 'training.meetings', label: '召开政府信息公开工作会议或专题会议数', unit: '次' },
  { key: 'training.courses', label: '举办各类培训班数', unit: '次' },
  { key: 'training.trainees', label: '接受培训人员数', unit: '人次' },
];

/** Units printed in the unit column of the pre-2019 table. */
export const LEGACY_UNITS = ['条', '件', '次', '篇', '个', '人', '人次', '万元', '元', '项', '期', '场'];

/**
 * Sums of the pre-2019 table (FORMAT.md §D OLD-*). `sum`: the total equals the sum of the parts
 * (plus any unlisted item the report prints under the same parent); `atLeast`: a "其中" list that
 * need not be exhaustive (total ≥ sum); `each`: every part is at most the total (channels count
 * the same item once each, the total counts it once).
 */
export type LegacySumMode = 'sum' | 'atLeast' | 'each';
export const LEGACY_SUMS: { id: string; total: string; parts: string[]; mode: LegacySumMode }[] = [
  { id: 'OLD-CH', total: 'requests.received', parts: ['requests.inPerson', 'requests.fax', 'requests.online', 'requests.letter'], mode: 'sum' },
  { id: 'OLD-DONE', total: 'requests.closed', parts: ['requests.closedOnTime', 'requests.closedExtended'], mode: 'sum' },
  {
    id: 'OLD-ANS',
    total: 'answers.total',
    parts: [
      'answers.alreadyPublic',
      'answers.granted',
      'answers.partiallyGranted',
      'answers.denied',
      'answers.notThisAgency',
      'answers.notExist',
      'answers.correctionRequested',
      'answers.otherChannel',
    ],
    mode: 'sum',
  },
  {
    id: 'OLD-ANS-DENIED',
    total: 'answers.denied',
    parts: [
      'answers.denied.stateSecret',
      'answers.denied.commercialSecret',
      'answers.denied.privacy',
      'answers.denied.security',
      'answers.denied.notGovernmentInformation',
      'answers.denied.otherLaw',
    ],
    mode: 'atLeast',
  },
  { id: 'OLD-LIT', total: 'reconsideration.total', parts: ['reconsideration.upheld', 'reconsideration.corrected', 'reconsideration.other'], mode: 'sum' },
  { id: 'OLD-LIT', total: 'litigation.total', parts: ['litigation.upheld', 'litigation.corrected', 'litigation.other'], mode: 'sum' },
  { id: 'OLD-STAFF', total: 'capacity.staff', parts: ['capacity.staffFullTime', 'capacity.staffPartTime'], mode: 'sum' },
  {
    id: 'OLD-SUB',
    total: 'proactive.total',
    parts: ['channels.gazette', 'channels.website', 'channels.weibo', 'channels.wechat', 'channels.other'],
    mode: 'each',
  },
  { id: 'OLD-SUB', total: 'response.pressConferences', parts: ['response.pressConferencesByHeads'], mode: 'atLeast' },
  { id: 'OLD-SUB', total: 'response.onlineInterviews', parts: ['response.onlineInterviewsByHeads'], mode: 'atLeast' },
];
