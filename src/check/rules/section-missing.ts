import { SECTIONS } from '../../model/template.js';
import { defineRule } from '../rule.js';
import { eraOf } from './era.js';

export default defineRule({
  meta: {
    code: 'SECTION_MISSING',
    severity: 'warning',
    scope: 'report',
    basis: '条例第五十条; FORMAT.md §A.2 (six required parts)',
    title: { zh: '缺少年度报告的必备部分', en: 'One of the six required parts is absent' },
    explanation: {
      zh: '2019 年度起的年度报告应包括六部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。标题措辞可以不同，按关键词识别。',
      en: 'Reports from 2019 on have six parts: overview; proactive disclosure; requests received and handled; reconsideration and litigation; main problems and improvements; other matters. Headings vary and are recognised by their keywords.',
    },
  },
  check({ report }, emit) {
    const year = report.meta.year;
    if (year === null || eraOf(year) === 'legacy') return;
    const present = new Set(report.sections.map((s) => s.key));
    for (const def of SECTIONS) {
      if (!def.required || present.has(def.key)) continue;
      // a part whose table is present is there even without its heading
      if (def.key === 'proactive' && report.table2) continue;
      if (def.key === 'requests' && report.table3) continue;
      if (def.key === 'reviewLitigation' && report.table4) continue;
      emit({ message: `缺少“${def.label}”部分`, paths: ['sections'] });
    }
  },
});
