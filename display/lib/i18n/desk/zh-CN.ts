/**
 * The front page (首页) and the manager's desk (管理台): their strings in Simplified Chinese.
 * Spread into zh-CN.ts as `home` and `desk`; en.ts has the same keys.
 */
import { categoryNames, gradeNames, recordKindNames, ruleNames } from '../../../../server/reports/evaluationNames.js';

export const homeZhCN = {
  title: '政务服务中心 · 入口',
  serves: '本系统服务',
  level: { county: '县级', town: '乡镇', village: '村（社区）' },
  under: '隶属 {parent}',
  roles: '请选择入口',
  counter: { title: '柜员终端', body: '窗口工作人员登录、签到、叫号、办理' },
  desk: { title: '管理台', body: '中心管理人员：今日实况、告警、考勤、操作' },
  inspect: { title: '督查巡查', body: '督查人员：手机巡查、拍照记录' },
  admin: { title: '系统配置', body: '系统管理员：事项、窗口分级、人员与AB岗、作息、规则；修改即时生效，留有记录' },
  devices: { title: '大厅设备', body: '综合屏、窗口屏、取号机、评价器', note: '设备页面需要配对令牌（由管理员在管理台“设备”中配对）' },
  device: { hall: '综合屏', window: '窗口屏', kiosk: '取号机', pad: '评价器' },
  loginHint: '用工号和密码登录；登录后按角色自动进入对应页面',
};

export const deskZhCN = {
  title: '管理台',
  login: {
    title: '管理台登录', username: '工号', password: '密码', submit: '登录', busy: '正在登录…',
    wrong: '工号或密码错误', network: '无法连接服务器，请稍后再试', staffOnly: '您的账号是窗口工作人员，请使用柜员终端',
    inspectorGo: '督查人员请使用督查巡查页面', notAllowed: '只有本中心的管理人员可以使用管理台',
  },
  nav: { today: '今日', actions: '操作', leave: '请假审批', month: '月度', cases: '差评', halls: '下辖大厅', devices: '设备', wall: '大屏' },
  logout: '退出', offline: '离线 · 数据停在 {time}', connecting: '正在连接…', refused: '无权使用管理台，请重新登录',
  attention: { title: '需要关注', none: '一切正常', alerts: '告警 {n}', overTarget: '超时业务 {n}', paused: '暂停窗口 {n}', closed: '未开窗口 {n}', absent: '未到 {n}', printers: '打印机故障 {n}' },
  queues: {
    title: '各业务排队', service: '业务', waiting: '等候', longest: '最长等候', target: '目标 {n} 分钟', trend: '趋势', empty: '无人等候',
  },
  windows: {
    title: '窗口', number: '{n}号', staff: '人员', covering: 'B岗顶岗', ticket: '当前号', handling: '办理 {time}', standard: '标准 {n} 分钟',
    pausedFor: '{reason} · {time}', none: '—', called: '已叫号 {time}',
  },
  roster: {
    title: '今日在岗', late: '迟到 {n} 分钟', awayFor: '{reason} {n} 分钟', leaveUntil: '至 {time}', at: '{n}号窗口 {post}',
    status: { absent: '未到', away: '离岗', covering: '顶岗', in: '在岗', leave: '请假', not_in: '未签到', unscheduled: '无岗位' },
    counts: '在岗 {in} · 离岗 {away} · 未到 {absent} · 请假 {leave}',
  },
  alerts: {
    title: '告警', none: '暂无告警', open: '未解除', resolved: '已解除 {time}', acked: '{by} 已知悉 {time}', ack: '知悉', ackTitle: '确认已知悉', note: '处理说明（可选）',
    confirm: '确认', cancel: '取消', since: '自 {time}',
    kind: {
      away_uncovered: '离岗无人顶岗', both_away: 'A、B岗同时离岗', window_unstaffed: '窗口无人值守', not_signed_in: '人员未签到', off_roster: '非本窗口人员签到',
      wait_over_target: '等候超时', bad_review: '收到差评', case_overdue: '差评整改超期',
    },
  },
  printers: { title: '打印机', none: '未配置打印机', state: { none: '未配置', unknown: '未知', ready: '正常', offline: '离线', paperOut: '缺纸', coverOpen: '纸仓未关', error: '故障' }, nearEnd: '纸将用完' },
  kpi: {
    title: '今日指标', arrivals: '取号', served: '办结', waitAvg: '平均等候', satisfaction: '满意率', overTarget: '等候超时', badReviews: '差评',
    byHour: '各时段取号与办结', waits: '等候时长分布', ratings: '评价分布', minutes: '{n} 分钟', none: '—', bucket: '{from}–{to} 分', bucketLast: '{from} 分以上', hour: '{n}时',
  },
  actions: {
    title: '操作', closeWindow: '关闭窗口', closeConfirm: '确认关闭 {n} 号窗口？在岗人员将被签退。', openNote: '窗口由工作人员在柜员终端签到后开放',
    cancelTicket: '取消号票', cancelConfirm: '确认取消 {number} 号？该群众将离开队列。', ticketNumber: '号票', pick: '请选择',
    issue: '导办台取号', issueBody: '为没有手机或取号机故障的群众取号', service: '业务', priority: '类别', issueSubmit: '取号', issued: '已取号：{number}（前面 {ahead} 人）',
    done: '已完成', confirm: '确认', cancel: '取消', noWaiting: '没有等候中的号票',
  },
  leave: {
    title: '请假审批', none: '没有待审批的申请', staff: '人员', type: '类型', span: '时间', reason: '事由', approve: '批准', refuse: '不批准',
    refuseConfirm: '确认不批准 {name} 的{type}申请？', note: '审批意见（可选）', correction: '补签', decided: '已处理',
  },
  month: {
    title: '月度考核', pick: '月份', load: '查看', notEvaluated: '{month} 尚未考核（月末次日 00:15 自动计算，或由管理人员重新计算）',
    version: '第 {n} 版', computed: '{time} {trigger}', by: '（{who}：{reason}）', trigger: { month_end: '月末自动计算', recompute: '重新计算' },
    attention: '需要关注', veto: '一票否决', talk: '约谈', star: '服务之星', redFlag: '红旗窗口', none: '无',
    staffRank: '人员排名', windowRank: '窗口排名', rank: '名次', name: '姓名', windows: '窗口', total: '总分', grade: '等次', bonus: '加分', awards: '奖惩',
    served: '办件', satisfaction: '满意率', badReviews: '差评', window: '窗口', efficiency: '效能与评价', staffMean: '人员均分', number: '{n}号',
    drill: '{name} · {month} 明细', drillWindow: '{n}号窗口 {name} · {month} 明细', category: '类别', max: '满分', deducted: '扣分', score: '得分',
    items: '扣分与加分', rule: '事项', points: '分值', at: '时间', records: '依据记录', noItems: '本月无扣分、加分', close: '关闭', notFound: '（记录未找到）',
    versions: '版本', recompute: '重新计算', recomputeTitle: '重新计算 {month} 的考核', reason: '原因（如：申诉成立、巡查复核撤销）', recomputeGo: '确认重新计算',
    recomputed: '已生成第 {n} 版', diff: '最近一次更正（第 {from} 版 → 第 {to} 版）', same: '两个版本结果相同', noDiff: '只有一个版本，没有更正',
    diffStatus: { added: '新增', removed: '移除', changed: '变化' }, gained: '新增 {what}', lost: '取消 {what}', itemsAdded: '新增事项', itemsRemoved: '移除事项',
    award: { service_star: '服务之星', talk: '约谈', veto: '一票否决', red_flag: '红旗窗口' },
    trend: '历月得分', trendOf: '{name} 历月得分', exports: '导出', xlsx: '月通报（Excel）', print: '打印月通报', attendanceCsv: '考勤月报（CSV）', attendanceXlsx: '考勤月报（Excel）',
    pct: '{n}%', managersOnly: '只有管理人员可以重新计算',
    categories: categoryNames, grades: gradeNames, rules: ruleNames, recordKind: recordKindNames,
  },
  cases: {
    title: '差评处理', states: { received: '待分派', verifying: '核实中', rectifying: '整改中', explaining: '解释说明', appealing: '申诉中', rectified: '已整改', revisited: '已回访', closed: '已办结', voided: '已作废' },
    ticket: '号票', staff: '人员', window: '窗口', rated: '评价时间', level: { 1: '非常不满意', 2: '不满意' }, reasons: '原因', assignee: '负责人', due: '时限', dueAt: '{time} 到期',
    overdue: '已超期', dueSoon: '一天内到期', none: '无', empty: '没有案件', open: '处理', steps: '处理记录', close: '关闭',
    action: { assign: '分派', contact: '已联系群众', verify: '核实结论', decide_appeal: '申诉裁决', rectify: '整改完成', revisit: '回访', close: '办结', note: '备注', open: '立案' },
    note: '说明', assignTo: '分派给', outcome: { rectify: '属实，需整改', explain: '不属实，解释说明', appeal: '提出申诉' }, complexity: { simple: '简单整改', complex: '复杂整改' },
    upheld: '申诉成立', rejected: '申诉不成立', response: { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' }, submit: '提交', done: '已记录',
    record: '登记投诉与表扬', complaint: '登记投诉（核实属实）', commendation: '登记表扬', kind: '类型', when: '发生时间（可选）', recorded: '已登记',
    complaintKind: { general: '一般投诉属实', benefits: '吃拿卡要/乱收费（一票否决）', fake_rating: '诱导或虚假评价（一票否决）', quarrel_citizen: '与群众争吵（一票否决）', negative_notice: '明查暗访或媒体负面通报（一票否决）' },
    commendationKind: { praise_letter: '表扬信/锦旗', extended_service: '延时/上门/节假日服务', fast_track: '特事特办', media: '媒体或上级表扬' },
    recentComplaints: '本月投诉', recentCommendations: '本月表扬',
  },
  halls: {
    title: '下辖大厅', hall: '大厅', level: '级别', today: '今日', waiting: '等候', served: '办结', alerts: '告警', month: '月度', satisfaction: '满意率', average: '平均分', staffCount: '参评人数',
    noMonth: '尚未考核', open: '打开', current: '当前', ranking: '跨大厅人员排名（{month}）', rankingAll: '跨大厅人员排名', hallRank: '本厅名次', back: '回到本中心', viewing: '正在查看：{hall}',
  },
  devices: {
    title: '设备', none: '尚未配对设备', kind: '类型', where: '位置', paired: '配对时间', pair: '配对新设备', revoke: '撤销', revokeConfirm: '确认撤销该设备？设备将立即断开，需重新配对。',
    window: '窗口', kiosk: '取号机编号', token: '配对令牌（只显示一次）：', link: '设备地址', adminOnly: '只有系统管理员可以配对和撤销设备',
  },
  wall: { title: '{hall} · 今日实况', updated: '更新于 {time}' },
  errors: {
    window_busy: '窗口正在办理号票，请办结后再关闭', bad_state: '当前状态不允许此操作', unknown_alert: '告警已不存在', forbidden: '您没有此操作的权限', unknown_device: '设备不存在或已撤销',
    needs_higher_approver: '该申请需要更高一级领导审批', own_request: '不能审批自己的申请', changed_meanwhile: '已被他人处理，请刷新', not_evaluated: '该月尚未考核', month_not_closed: '该月尚未结束', archive_behind: '归档尚未完成，请稍后再试', single_version: '只有一个版本', same_assignee: '已分派给此人', case_closed: '案件已结束', appeal_too_late: '已过申诉期限', complexity_required: '请选择整改难度', not_an_assignee: '只能分派给管理人员或督查人员', unknown_staff: '人员不存在', bad_request: '填写有误，请检查', network: '无法连接服务器，请稍后再试', other: '操作失败（{code}）',
  },
};
