/**
 * Locale handling for the service. Every user-facing string lives in one of
 * two tables: the rule table (diagnostic messages, `rules.ts`) and `MESSAGES`
 * below (quick-fix titles and other labels). Simplified Chinese is the first
 * language; English is used when the client's locale is not Chinese.
 */

export type Locale = 'zh-cn' | 'en';

export interface LocalizedText {
  'zh-cn': string;
  en: string;
}

export function resolveLocale(locale: string | undefined): Locale {
  return locale && /^zh/i.test(locale) ? 'zh-cn' : 'en';
}

export type MessageArgs = Record<string, string | number>;

/**
 * Fills `{name}` placeholders from `args`, or first from `more` (words derived
 * from the args, added without copying them); an unknown placeholder stays
 * visible rather than vanishing.
 */
export function format(template: string, args: MessageArgs = {}, more?: MessageArgs): string {
  const parts = partsOf(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    const value = more && name in more ? more[name] : name in args ? args[name] : `{${name}}`;
    out += String(value) + parts[i + 1];
  }
  return out;
}

/** Each template split once into text and placeholder names, alternating: every diagnostic's message is formatted on every keystroke. */
const TEMPLATE_PARTS = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = TEMPLATE_PARTS.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    TEMPLATE_PARTS.set(template, parts);
  }
  return parts;
}

export function localize(text: LocalizedText, locale: Locale, args?: MessageArgs, more?: MessageArgs): string {
  return format(text[locale], args, more);
}

export const MESSAGES = {
  'fix.marker': { 'zh-cn': '将序号改为{expected}', en: 'Change the marker to {expected}' },
  'fix.renumber': { 'zh-cn': '从此处起重新编排{levelName}序号', en: 'Renumber {levelName} markers from here on' },
  'fix.renumberFromPrevious': { 'zh-cn': '从上一项起重新编排{levelName}序号', en: 'Renumber {levelName} markers from the item before on' },
  'fix.width': { 'zh-cn': '将全文{levelName}序号统一为{widthName}', en: 'Make every {levelName} marker {widthName}' },
  'fix.removePageMarker': { 'zh-cn': '删除页码标记“{actual}”', en: 'Remove the page marker “{actual}”' },
  'fix.joinLine': { 'zh-cn': '合并断行', en: 'Join the broken line' },
  'fix.joinAllLines': { 'zh-cn': '合并全文所有断行', en: 'Join every broken line in the document' },
  'fix.closeClause': { 'zh-cn': '补上右括号“）”', en: 'Close the clause with “）”' },
  'fix.all': { 'zh-cn': '修复全部可自动修复的问题', en: 'Fix all auto-fixable problems' },
  'fix.replaceUnit': { 'zh-cn': '改为“{unit}”', en: 'Change to “{unit}”' },
  'fix.removeUnit': { 'zh-cn': '删除重复的“{unit}”', en: 'Remove the repeated “{unit}”' },
  'fix.insertRole': { 'zh-cn': '补上“负责”', en: 'Add “负责”' },
  'fix.insertTask': { 'zh-cn': '在此处补充全国任务{number}（改写为本地表述{unitsNote}）', en: 'Insert national task {number} here, rewritten for this plan{unitsNote}' },
  'fix.insertTaskUnits': {
    'zh-cn': '；{units}没有已知的本地对应单位，插入后请改写',
    en: ' ({units}: no known local counterpart, to be replaced after inserting)',
  },
  'fix.addToRegistry': { 'zh-cn': '将“{unit}”加入工作区注册表', en: 'Add “{unit}” to the workspace registry' },
  'clause.unclosed': { 'zh-cn': '括号未闭合，应在“{after}”后加“）”', en: 'the bracket is not closed; expected “）” after “{after}”' },
  'clause.noRole': { 'zh-cn': '缺少“负责”或“牵头”，应为（{unit}…负责）', en: 'no 负责 or 牵头; expected （{unit}…负责）' },
  'clause.leadAsPartner': { 'zh-cn': '“{unit}”已牵头，不应再列为配合单位', en: '“{unit}” leads and should not be listed again as a partner' },
  'hint.suggestion': { 'zh-cn': '，是否应为“{expected}”', en: '; did you mean “{expected}”?' },
  'hint.noSuggestion': { 'zh-cn': '：如确为本地单位，可加入工作区注册表', en: ': if it is right, add it to the workspace registry' },
  'hint.counterpart': { 'zh-cn': '：应为本地对应单位“{expected}”', en: ': expected the local counterpart “{expected}”' },
  'hint.noCounterpart': { 'zh-cn': '：应改为本地对应单位', en: ': expected its local counterpart' },
  'hint.otherYear': {
    'zh-cn': '（本文档为{draftYear}年，对照的是{planYear}年全国工作要点；当年要点可用设置 workplan.nationalPlan 或命令行 --national 指定）',
    en: ' (this plan is for {draftYear}, compared with the national plan of {planYear}; name that year’s plan in the setting workplan.nationalPlan or with --national)',
  },
  'year.of': { 'zh-cn': '为{year}年工作要点', en: 'is for {year}' },
  'year.none': { 'zh-cn': '未写明年份', en: 'names no year' },
  'year.ofParent': { 'zh-cn': '{year}年的', en: '{year}' },
  'year.noneParent': { 'zh-cn': '本年度的', en: 'its year' },
  'hint.successor': { 'zh-cn': '：应改为现在承担其职责的单位', en: '; expected the unit that does its work now' },
  'hint.expected': { 'zh-cn': '：应为“{expected}”', en: '; expected “{expected}”' },
  'reason.bare-core': { 'zh-cn': '缺少地区前缀', en: 'lacks the region prefix' },
  'reason.other-level': { 'zh-cn': '不是{levelName}单位', en: 'is not a {levelName} unit' },
  'reason.other-region': { 'zh-cn': '属于其他地区', en: 'belongs to another region' },
  'reason.local-in-national': { 'zh-cn': '是地方单位，不应出现在全国工作要点中', en: 'is a local unit and does not belong in a national plan' },
  'levelId.national': { 'zh-cn': '全国', en: 'national' },
  'levelId.province': { 'zh-cn': '省级', en: 'provincial' },
  'levelId.city': { 'zh-cn': '市级', en: 'city' },
  'levelId.district': { 'zh-cn': '区级', en: 'district' },
  'levelId.county': { 'zh-cn': '县级', en: 'county' },
  'levelId.zone': { 'zh-cn': '示范区', en: 'zone' },
  'hover.fullName': { 'zh-cn': '全称：', en: 'Full name: ' },
  'hover.level': { 'zh-cn': '级别：', en: 'Level: ' },
  'hover.national': { 'zh-cn': '全国对应部门：', en: 'National counterpart: ' },
  'hover.leads': { 'zh-cn': '本文档中牵头或负责：', en: 'Leads or owns in this plan: ' },
  'hover.partners': { 'zh-cn': '本文档中配合：', en: 'Partners in this plan: ' },
  'hover.placeholder': { 'zh-cn': '泛指有关单位，不是具体单位', en: 'Stands for the units concerned; not an agency' },
  'hover.scope.vertical': { 'zh-cn': '垂直管理单位', en: 'vertically managed' },
  'hover.scope.upper': { 'zh-cn': '上级单位', en: 'upper-level unit' },
  'config.error': {
    'zh-cn': '工作区配置文件 {file} 第 {line} 行第 {column} 列有误，已忽略该文件：{error}',
    en: 'The workspace configuration file {file} cannot be used (line {line}, column {column}); it is ignored: {error}',
  },
  'registry.untrusted': {
    'zh-cn': '此工作区尚未受信任，不能写入注册表文件。请先信任该工作区（“管理工作区信任”）。',
    en: 'This workspace is not trusted, so no registry file is written into it. Trust the workspace first (Manage Workspace Trust).',
  },
  'renumber.nothing': { 'zh-cn': '各级序号均已连续，无需重新编排。', en: 'Every level is already numbered in sequence; nothing to renumber.' },
  'renumber.label': { 'zh-cn': '重新编排全文序号', en: 'Renumber the whole document' },
  'registry.error': {
    'zh-cn': '工作区注册表 {file} 第 {line} 行第 {column} 列有误：{error}。已忽略该文件，继续使用内置注册表。',
    en: 'Workspace registry {file}, line {line}, column {column}: {error}. The file is ignored; the built-in registry is used.',
  },
  // Where a value in a message was set; the English names it alone.
  'origin.setting': { 'zh-cn': '设置 {name}', en: '{name}' },
  'origin.option': { 'zh-cn': '选项 {name}', en: '{name}' },
  'origin.config': { 'zh-cn': '工作区配置文件 {file}', en: '{file}' },
  'settings.unknownRegion': {
    'zh-cn': '{origin} 中的地区“{region}”不存在（可用：{known}），已改为自动识别。',
    en: 'Region “{region}” in {origin} is not defined (known: {known}); detecting the region instead.',
  },
  'registry.builtinError': {
    'zh-cn': '内置注册表文件 {file} 第 {line} 行第 {column} 列有误：{error}。已忽略该文件。',
    en: 'Built-in registry file {file}, line {line}, column {column}: {error}. The file is ignored.',
  },
  'registry.noWorkspace': {
    'zh-cn': '没有打开工作区文件夹，无法写入工作区注册表：请先打开文件夹，或在设置 workplan.registry 中填写绝对路径。',
    en: 'No workspace folder is open, so there is no workspace registry to write: open a folder, or set an absolute path in workplan.registry.',
  },
  'registry.added': { 'zh-cn': '已将“{unit}”加入工作区注册表 {file}', en: 'Added “{unit}” to the workspace registry {file}' },
  'national.task': { 'zh-cn': '全国任务', en: 'National task ' },
  'national.score': { 'zh-cn': '匹配度 ', en: 'score ' },
  'national.units': { 'zh-cn': '全国责任单位 → 本地对应：', en: 'National units → local counterparts: ' },
  'national.notCovered': { 'zh-cn': '全国任务中本事项未体现的内容：', en: 'What the national task says that this item does not:' },
  'national.noMatch': { 'zh-cn': '本事项在《{plan}》中没有对应任务（本地新增事项）', en: 'No task of “{plan}” corresponds to this item (a local addition)' },
  'national.lens': { 'zh-cn': '对应全国{numbers}', en: 'National {numbers}' },
  'national.lensNone': { 'zh-cn': '本地新增（无对应全国任务）', en: 'Local addition (no national task)' },
  'national.coverage': { 'zh-cn': '全国任务覆盖 {covered}/{total} · {plan}', en: 'National tasks covered {covered}/{total} · {plan}' },
  'national.otherYear': { 'zh-cn': '（本文档为{draftYear}年）', en: ' (this plan: {draftYear})' },
  'national.reportTitle': { 'zh-cn': '全国任务对照表：{plan}', en: 'Coverage of {plan}' },
  'national.unreadable': { 'zh-cn': '无法读取{origin} 指定的上级工作要点：{error}。改用内置全国工作要点。', en: 'Cannot read the parent plan set in {origin}: {error}. Using the built-in national plans.' },
  'national.unknown': {
    'zh-cn': '{origin} 指定的上级工作要点“{plan}”既不是内置工作要点（{known}），也不是文件。改用内置全国工作要点。',
    en: 'The parent plan “{plan}” set in {origin} is neither a built-in plan ({known}) nor a file. Using the built-in national plans.',
  },
  'national.notAPlan': {
    'zh-cn': '{origin} 指定的文件 {file} 不是工作要点：其中没有可对照的编号事项（如“（一）”）。改用内置全国工作要点。',
    en: 'The file {file} set in {origin} is not a work plan: it has no numbered items (such as “（一）”) to align with. Using the built-in national plans.',
  },
  'national.nothingMissing': { 'zh-cn': '本文档已覆盖全部全国任务，无需补充。', en: 'Every national task already has a counterpart in this plan.' },
  'national.insertAll': { 'zh-cn': '补充全部缺失的全国任务', en: 'Insert all missing national tasks' },
  'breakdown.number': { 'zh-cn': '序号', en: 'No.' },
  'breakdown.section': { 'zh-cn': '所属部分', en: 'Section' },
  'breakdown.task': { 'zh-cn': '工作任务', en: 'Task' },
  'breakdown.leads': { 'zh-cn': '牵头单位', en: 'Lead units' },
  'breakdown.partners': { 'zh-cn': '配合/责任单位', en: 'Partner / responsible units' },
  'breakdown.national': { 'zh-cn': '对应全国任务', en: 'National task' },
  'completion.used': { 'zh-cn': '本文档已用', en: 'used in this plan' },
  'level.1': { 'zh-cn': '一级', en: 'level-1' },
  'level.2': { 'zh-cn': '二级', en: 'level-2' },
  'level.3': { 'zh-cn': '三级', en: 'level-3' },
  'level.4': { 'zh-cn': '四级', en: 'level-4' },
  'width.full': { 'zh-cn': '全角', en: 'full-width' },
  'width.half': { 'zh-cn': '半角', en: 'half-width' },
  'convention.continuous': { 'zh-cn': '全文连续编号', en: 'runs on through the whole plan' },
  'convention.restart': { 'zh-cn': '在每一部分内重新编号', en: 'restarts in every section' },
  'place.documentStart': { 'zh-cn': '正文开头', en: 'the start of the plan' },
  'symbol.notice': { 'zh-cn': '印发通知', en: 'Issuing notice' },
  'symbol.preamble': { 'zh-cn': '导语', en: 'Preamble' },
  'align.covered': {
    'zh-cn': '全国任务覆盖 {covered}/{total}；缺失 {missing} 项；本地新增 {added} 项',
    en: 'National tasks covered {covered}/{total}; {missing} missing; {added} local additions',
  },
  'registryInit.written': {
    'zh-cn': '已将地区预设“{id}”（{name}，{level}，{units} 个本地单位）写入 {file}',
    en: 'Wrote the region preset “{id}” ({name}, {level}, {units} own units) to {file}',
  },
  'registryInit.noPlace': {
    'zh-cn': '{file}：未能从标题或发文机关识别地名，请用 --id 指定地区预设的标识',
    en: '{file}: no place name was found in the title or issuer; name the region preset with --id',
  },
  'context.levelDefault': {
    'zh-cn': '{file}：未能从标题、发文机关或责任单位识别层级，已按市级检查（可用 --level 或配置文件中的 level 指定）',
    en: '{file}: the level was not recognised from the title, issuer or units; checked as a city plan (give --level, or level in the configuration file)',
  },
  'office.tooLarge': {
    'zh-cn': '{file}：文件有 {size} MB，超过可读取的 {limit} MB，未读取',
    en: '{file}: the file is {size} MB, over the {limit} MB that can be read; not read',
  },
  'office.empty': { 'zh-cn': '{file}：文件是空的', en: '{file}: the file is empty' },
  'office.notZip': {
    'zh-cn': '{file}：不是有效的 Word 文档（.docx 应为 zip 压缩包），可能已损坏或扩展名有误',
    en: '{file}: not a valid Word document (a .docx is a zip archive); it may be damaged or misnamed',
  },
  'office.corrupt': { 'zh-cn': '{file}：文件已损坏，无法读取（{detail}）', en: '{file}: the file is damaged and cannot be read ({detail})' },
  'office.encrypted': {
    'zh-cn': '{file}：文件已加密或设有打开密码，请先取消密码再打开',
    en: '{file}: the file is encrypted or password-protected; remove the password first',
  },
  'office.imageOnly': {
    'zh-cn': '{file}：PDF 的 {pages} 页都没有文字层（扫描图片），无法读取文字；请使用可复制文字的 PDF 或 Word 原件',
    en: '{file}: none of the PDF\'s {pages} pages has a text layer (scanned images), so no text can be read; use a PDF with selectable text or the Word original',
  },
  'office.noText': { 'zh-cn': '{file}：文档中没有文字', en: '{file}: the document holds no text' },
  'office.unsupported': {
    'zh-cn': '{file}：不支持的文件类型“{ext}”（支持 .docx、.doc、.pdf 与纯文本）',
    en: '{file}: unsupported file type “{ext}” (.docx, .doc, .pdf and plain text are read)',
  },
  'office.notLocal': { 'zh-cn': '{file}：只能打开本机上的文件', en: '{file}: only files on this machine can be opened' },
  'office.atParagraph': { 'zh-cn': '原文第{paragraph}段', en: 'paragraph {paragraph} of the original' },
  'office.atPage': { 'zh-cn': '原文第{page}页第{paragraph}段', en: 'page {page}, paragraph {paragraph} of the original' },
  'office.breakdownTitle': { 'zh-cn': '任务分解表', en: 'Task breakdown' },
  'office.tooSlow': {
    'zh-cn': '{file}：读取超过 {seconds} 秒仍未完成，已停止；文件可能已损坏',
    en: '{file}: reading took more than {seconds} s and was stopped; the file may be damaged',
  },
  'office.pdfPageNumbers': {
    'zh-cn': '{file}：PDF 各页的 {count} 个页码不是正文，已略去',
    en: '{file}: the {count} page numbers printed on the PDF\'s pages are not text and were left out',
  },
  'office.pdfRunningLines': {
    'zh-cn': '{file}：PDF 各页重复的 {count} 行页眉页脚（如“{text}”）已略去',
    en: '{file}: {count} running header and footer lines repeated on the PDF\'s pages (such as “{text}”) were left out',
  },
  'office.pdfJoinedWraps': {
    'zh-cn': '{file}：PDF 排版时的 {count} 处自动换行已接回所在段落',
    en: '{file}: {count} line breaks the PDF\'s layout made at the page width were joined back into their paragraphs',
  },
  'office.tooMuchText': {
    'zh-cn': '{file}：文档文字超过 {limit} 字，无法检查',
    en: '{file}: the document holds more than {limit} characters of text, too many to check',
  },
  'office.tooComplex': {
    'zh-cn': '{file}：文档过于庞大（{part} 超过 {limit} 个 XML 标记），无法读取',
    en: '{file}: the document is too large to read ({part} has more than {limit} XML tags)',
  },
  'office.docNumbering': {
    'zh-cn': '{file}：无法读取 .doc 文档的自动编号（一、（一）1. 等），这些序号在检查中缺失；请在 Word 中另存为 .docx 后再检查',
    en: '{file}: the automatic numbering of a .doc (一、 （一） 1. …) cannot be read, so those markers are missing from the check; save the document as .docx in Word and check that',
  },
  'align.line': { 'zh-cn': '行', en: 'line' },
  'align.local': { 'zh-cn': '本文档事项', en: 'Item in this plan' },
  'align.national': { 'zh-cn': '全国任务', en: 'National task' },
  'align.score': { 'zh-cn': '匹配度', en: 'score' },
  'align.missing': { 'zh-cn': '缺失的全国任务（本文档没有对应事项）：', en: 'National tasks with no item in this plan:' },
  'align.additions': { 'zh-cn': '本地新增事项（没有对应的全国任务）：', en: 'Local additions (no national task):' },
  'align.none': { 'zh-cn': '无', en: 'none' },
} satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey, locale: Locale, args?: MessageArgs, more?: MessageArgs): string {
  return localize(MESSAGES[key], locale, args, more);
}
