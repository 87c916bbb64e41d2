/**
 * Every string the screens, kiosk, phone page, counter and rating pad show, in Simplified Chinese.
 * en.ts has the same keys (checked by its type). Placeholders: {name}.
 * Sections: common vocabulary first, then one section per page family — add a page's strings to
 * its own section.
 */
export const zhCN = {
  app: { name: '一窗', fullName: '一窗 · 政务服务排队叫号系统' },
  ticketStatus: { waiting: '等候中', called: '已叫号', serving: '办理中', done: '已办结', missed: '已过号', cancelled: '已取消' },
  windowState: { closed: '未登录', idle: '欢迎光临', called: '请前来办理', serving: '办理中', paused: '暂停服务' },
  pauseReason: { meeting: '会议', training: '培训', errand: '外出办事', meal: '就餐', other: '其他' },
  outcome: { completed: '办结', accepted: '受理', notice: '一次性告知', consultation: '咨询', proxy: '代办' },
  priority: { normal: '普通', priority: '绿色通道', appointment: '预约' },
  post: { A: 'A岗', B: 'B岗' },
  windowKind: { comprehensive: '综合受理', dedicated: '专窗', pickup: '出件', consultation: '咨询导办' },
  rating: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' },
  refusal: {
    unknown_hall: '没有这个服务中心',
    unknown_service: '没有这项业务',
    unknown_window: '没有这个窗口',
    unknown_ticket: '没有这张号票',
    unknown_staff: '没有这位工作人员',
    not_working_day: '今日不办公',
    outside_hours: '不在取号时间内',
    cap_reached: '今日号已取完',
    window_closed: '窗口未登录',
    window_paused: '窗口已暂停',
    window_busy: '请先处理完当前号票',
    no_current_ticket: '当前没有号票',
    not_signed_in: '您未在本窗口签到',
    staff_away: '您处于暂停状态，请先恢复服务',
    signed_in_elsewhere: '您已在其他窗口签到',
    post_taken: '该岗位已有人员签到',
    not_your_post: '您不是本窗口该岗位人员',
    bad_state: '号票当前状态不允许此操作',
    same_window: '不能转到本窗口',
    service_not_served: '本窗口不办理该业务',
    already_rated: '该号票已评价，每张号票只能评价一次',
    reason_required: '请至少选择一项不满意的原因',
    unknown_reason: '请从列表中选择原因',
    wrong_window: '该评价器不属于本窗口',
    empty: '无人等候',
    network: '网络异常，请重试',
    unauthorized: '请重新登录',
    forbidden: '无权进行此操作',
  },
  connection: { offline: '离线', offlineSince: '离线 · 数据停在 {time}', connecting: '正在连接…', refused: '设备未授权，请联系管理员' },
  units: { people: '人', minutes: '分钟', window: '{number}号窗口', ticket: '{number}号' },

  /** Hall screen 综合屏 and window screen 窗口屏. */
  screens: {
    hall: {
      title: '综合屏',
      nowCalling: '正在叫号',
      callBefore: '请',
      callAfterNumber: '号',
      callTo: '到',
      callAfterWindow: '号窗口办理',
      noCalls: '暂无叫号',
      recentCalls: '最近叫号',
      windows: '各窗口当前号',
      queues: '等候人数',
      waiting: '{count}人',
      windowIdle: '空闲',
      windowClosed: '未开放',
      ledCall: '到{window}号窗口',
      soundBlocked: '点击启用声音',
    },
    window: {
      title: '窗口屏',
      staffNo: '工号 {id}',
      covering: '代岗',
      current: '当前号码',
      pleaseCome: '请{number}号办理',
      pausedReason: '原因：{reason}',
      noStaff: '暂无人员',
      photo: '{name}的照片',
    },
  },
  /** Kiosk 取号机 and the phone tracker. */
  kiosk: {},
  /** Counter terminal 柜员终端. */
  counter: {},
  /** Rating pad 评价器. */
  pad: {},
};

export type Messages = typeof zhCN;
