/**
 * The front page (首页) and the manager's desk (管理台): their strings in Simplified Chinese.
 * Spread into zh-CN.ts as `home` and `desk`; en.ts has the same keys.
 */
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
  nav: { today: '今日', actions: '操作', leave: '请假审批', devices: '设备', wall: '大屏' },
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
  devices: {
    title: '设备', none: '尚未配对设备', kind: '类型', where: '位置', paired: '配对时间', pair: '配对新设备', revoke: '撤销', revokeConfirm: '确认撤销该设备？设备将立即断开，需重新配对。',
    window: '窗口', kiosk: '取号机编号', token: '配对令牌（只显示一次）：', link: '设备地址', adminOnly: '只有系统管理员可以配对和撤销设备',
  },
  wall: { title: '{hall} · 今日实况', updated: '更新于 {time}' },
  errors: {
    window_busy: '窗口正在办理号票，请办结后再关闭', bad_state: '当前状态不允许此操作', unknown_alert: '告警已不存在', forbidden: '您没有此操作的权限', unknown_device: '设备不存在或已撤销',
    needs_higher_approver: '该申请需要更高一级领导审批', own_request: '不能审批自己的申请', changed_meanwhile: '申请已被他人处理，请刷新', network: '无法连接服务器，请稍后再试', other: '操作失败（{code}）',
  },
};
