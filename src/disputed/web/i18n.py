"""The page's two languages: English and Simplified Chinese.

The language comes from the ``disputed_lang`` cookie when the operator chose one,
otherwise from the browser's Accept-Language. Contract names (kinds, issues,
platforms, statuses) keep their English value in filters and URLs; only their
labels are translated.
"""

from __future__ import annotations

from datetime import datetime

from disputed.languages import OPERATOR_LANGUAGES

LANGUAGES = tuple(OPERATOR_LANGUAGES)
LANGUAGE_NAMES = OPERATOR_LANGUAGES
COOKIE = "disputed_lang"

MESSAGES: dict[str, dict[str, str]] = {
    "app.name": {"en": "disputed", "zh": "disputed"},
    "nav.queue": {"en": "Queue", "zh": "待审队列"},
    "nav.dashboard": {"en": "Dashboard", "zh": "概览"},
    "nav.users": {"en": "Users", "zh": "用户"},
    "nav.audit": {"en": "Audit log", "zh": "审计日志"},
    "nav.mailboxes": {"en": "Mailboxes", "zh": "邮箱"},
    "mailboxes.title": {"en": "Mailboxes", "zh": "邮箱"},
    "mailboxes.name": {"en": "Mailbox", "zh": "邮箱"},
    "mailboxes.login": {"en": "Login", "zh": "登录方式"},
    "mailboxes.state": {"en": "State", "zh": "状态"},
    "mailboxes.password": {"en": "Password", "zh": "密码"},
    "mailboxes.failing": {"en": "Login failing", "zh": "登录失败"},
    "mailboxes.next_try": {"en": "Next try:", "zh": "下次尝试："},
    "mailboxes.authorized": {"en": "Authorized by {who}", "zh": "已由 {who} 授权"},
    "mailboxes.not_authorized": {"en": "Not authorized yet", "zh": "尚未授权"},
    "mailboxes.authorize": {"en": "Authorize", "zh": "授权"},
    "mailboxes.reauthorize": {"en": "Authorize again", "zh": "重新授权"},
    "mailboxes.none": {"en": "No mailbox is configured.", "zh": "未配置邮箱。"},
    "mailboxes.redirect_hint": {
        "en": "Register this redirect URI with the provider's application: {uri}",
        "zh": "请在服务商的应用中登记此回调地址：{uri}",
    },
    "consent.title": {"en": "Authorize mailbox {name}", "zh": "授权邮箱 {name}"},
    "consent.explain": {
        "en": "At {host}, sign in as {account} (the mailbox's own account) and allow access. You will come back here.",
        "zh": "请在 {host} 以 {account}（该邮箱自己的账号）登录并允许访问，完成后会回到本页。",
    },
    "consent.continue": {"en": "Continue to {host}", "zh": "前往 {host}"},
    "consent.expires": {"en": "This link works once, for ten minutes.", "zh": "此链接仅可使用一次，十分钟内有效。"},
    "done.authorized": {"en": "Mailbox {name} is authorized.", "zh": "邮箱 {name} 已授权。"},
    "error.consent": {"en": "Mailbox {name} was not authorized: {reason}", "zh": "邮箱 {name} 未能授权：{reason}"},
    "error.consent_state": {
        "en": "That consent was not started by you in this session, or has expired. Start it again from this page.",
        "zh": "该授权不是你在本次会话中发起的，或已过期。请在本页重新发起。",
    },
    "nav.logout": {"en": "Log out", "zh": "退出"},
    "nav.language": {"en": "Language", "zh": "语言"},
    "login.title": {"en": "Log in", "zh": "登录"},
    "login.name": {"en": "User name", "zh": "用户名"},
    "login.password": {"en": "Password", "zh": "密码"},
    "login.submit": {"en": "Log in", "zh": "登录"},
    "login.failed": {"en": "Wrong user name or password.", "zh": "用户名或密码错误。"},
    "login.throttled": {
        "en": "Too many failed log-ins from your address. Try again in {minutes} minutes.",
        "zh": "你的地址登录失败次数过多，请 {minutes} 分钟后再试。",
    },
    "login.proof": {
        "en": "Many wrong passwords were tried for this name, so your browser does a short computation before each try. Enter your password again.",
        "zh": "此用户名被多次尝试错误密码，因此每次登录前浏览器需要先做一段简短计算。请重新输入密码。",
    },
    "login.proof_working": {
        "en": "Many wrong passwords were tried for this name, so your browser does a short computation before each try…",
        "zh": "此用户名被多次尝试错误密码，浏览器正在做登录前的简短计算…",
    },
    "login.proof_done": {"en": "Computation done: you can log in.", "zh": "计算完成，可以登录。"},
    "csrf.failed": {
        "en": "This form has expired. Reload the page and try again.",
        "zh": "表单已过期，请刷新页面后重试。",
    },
    "error.forbidden": {"en": "Your role ({role}) may not do this.", "zh": "你的角色（{role}）无权执行此操作。"},
    "error.not_found": {"en": "Not found.", "zh": "未找到。"},
    "error.title": {"en": "Cannot do that", "zh": "无法执行"},
    "error.back": {"en": "Back", "zh": "返回"},
    "queue.title": {"en": "Approval queue", "zh": "审批队列"},
    "queue.empty": {"en": "Nothing is waiting. Well done.", "zh": "没有待处理的草稿。"},
    "col.notification": {"en": "Notification", "zh": "通知"},
    "queue.showing": {"en": "{first}–{last} of {total}", "zh": "第 {first}–{last} 条，共 {total} 条"},
    "queue.page": {"en": "Page {page} of {pages}", "zh": "第 {page} / {pages} 页"},
    "queue.prev": {"en": "← Previous", "zh": "← 上一页"},
    "queue.next": {"en": "Next →", "zh": "下一页 →"},
    "queue.filters": {"en": "Filters", "zh": "筛选"},
    "queue.any": {"en": "any", "zh": "全部"},
    "queue.apply": {"en": "Apply", "zh": "应用"},
    "queue.clear": {"en": "Clear", "zh": "清除"},
    "queue.keys": {
        "en": "Keys: j / k move · a approve · e edit · o open case",
        "zh": "快捷键：j / k 上下移动 · a 批准 · e 编辑 · o 打开案件",
    },
    "queue.preview_hint": {"en": "Select a draft to read it here.", "zh": "选择一份草稿在此阅读。"},
    "col.due": {"en": "Time left", "zh": "剩余时间"},
    "col.platform": {"en": "Platform", "zh": "平台"},
    "col.kind": {"en": "Kind", "zh": "类型"},
    "col.issue": {"en": "Issue", "zh": "问题"},
    "col.mailbox": {"en": "Mailbox", "zh": "邮箱"},
    "col.language": {"en": "Language", "zh": "语言"},
    "col.status": {"en": "Status", "zh": "状态"},
    "col.order": {"en": "Order", "zh": "订单"},
    "col.subject": {"en": "Subject", "zh": "主题"},
    "col.to": {"en": "To", "zh": "收件人"},
    "col.actions": {"en": "Actions", "zh": "操作"},
    "col.when": {"en": "When", "zh": "时间"},
    "col.who": {"en": "Who", "zh": "操作人"},
    "col.what": {"en": "What", "zh": "内容"},
    "col.detail": {"en": "Detail", "zh": "详情"},
    "col.from": {"en": "From", "zh": "发件人"},
    "due.none": {"en": "no deadline", "zh": "无期限"},
    "due.left": {"en": "{span} left", "zh": "剩余 {span}"},
    "due.overdue": {"en": "overdue by {span}", "zh": "已逾期 {span}"},
    "span.days": {"en": "{d} d {h} h", "zh": "{d} 天 {h} 小时"},
    "span.hours": {"en": "{h} h {m} min", "zh": "{h} 小时 {m} 分"},
    "span.minutes": {"en": "{m} min", "zh": "{m} 分钟"},
    # The team's notifications (disputed.alerts): one message lists what happened, case by case.
    "alert.title": {"en": "disputed: {count} to see", "zh": "disputed：{count} 项待处理"},
    "alert.title_urgent": {"en": "disputed: {urgent} urgent, {count} in all", "zh": "disputed：{urgent} 项紧急，共 {count} 项"},
    "alert.urgent": {"en": "URGENT", "zh": "紧急"},
    "alert.line": {"en": "{case}: {what}", "zh": "{case}：{what}"},
    "alert.also": {"en": "; ", "zh": "；"},
    "alert.more": {"en": "… and {count} more: see the queue", "zh": "… 另有 {count} 项，请查看队列"},
    "alert.order": {"en": "order {order}", "zh": "订单 {order}"},
    "alert.case": {"en": "case {case}", "zh": "案件 {case}"},
    "alert.due": {"en": "due {when} ({left})", "zh": "截止 {when}（{left}）"},
    "alert.open": {"en": "open the case", "zh": "打开案件"},
    "alert.draft_pending": {"en": "a draft waits for approval", "zh": "有草稿待审批"},
    "alert.case_triage": {"en": "held for a person to decide (unsure classification)", "zh": "分类不确定，需人工判断"},
    "alert.case_unverified": {"en": "held: claims to be a marketplace but failed authentication", "zh": "已拦截：自称平台来信但未通过验证"},
    "alert.deadline": {"en": "deadline within {hours} h", "zh": "{hours} 小时内到期"},
    "alert.deadline_passed": {"en": "deadline passed", "zh": "已超过截止时间"},
    "alert.send_failed": {"en": "sending failed: {detail}", "zh": "发送失败：{detail}"},
    "alert.send_unknown": {"en": "send outcome unknown: check whether it arrived, then settle it", "zh": "发送结果未知：请确认是否送达后处理"},
    "alert.mailbox_login": {"en": "mailbox {mailbox}: login refused: {detail}", "zh": "邮箱 {mailbox} 登录被拒：{detail}"},
    "alert.mailbox_unreachable": {"en": "mailbox {mailbox}: cannot connect: {detail}", "zh": "邮箱 {mailbox} 无法连接：{detail}"},
    "alert.mailbox_stale": {"en": "mailbox {mailbox}: no sync since {since}", "zh": "邮箱 {mailbox} 自 {since} 起未同步"},
    "alert.mailbox_never": {"en": "mailbox {mailbox} has never synced", "zh": "邮箱 {mailbox} 从未同步"},
    "alert.mailbox_recovered": {"en": "mailbox {mailbox} works again", "zh": "邮箱 {mailbox} 已恢复"},
    "alert.smtp_recovered": {"en": "SMTP works again; waiting replies go out", "zh": "SMTP 已恢复，等待中的回复将发出"},
    "alert.smtp_failing": {"en": "SMTP is failing, replies wait: {detail}", "zh": "SMTP 发送失败，回复在等待：{detail}"},
    "alert.test": {"en": "Test message from disputed: the channel {channel} works.", "zh": "disputed 测试消息：通道 {channel} 工作正常。"},
    "alert.test_title": {"en": "disputed: test message", "zh": "disputed：测试消息"},
    "action.approve": {"en": "Approve", "zh": "批准"},
    "action.edit": {"en": "Edit", "zh": "编辑"},
    "action.open": {"en": "Open case", "zh": "打开案件"},
    "action.reject": {"en": "Reject", "zh": "驳回"},
    "action.send_now": {"en": "Approve and send now", "zh": "批准并立即发送"},
    "action.send_now_approved": {"en": "Send now", "zh": "立即发送"},
    "action.save": {"en": "Save", "zh": "保存"},
    "action.cancel": {"en": "Cancel", "zh": "取消"},
    "action.choose": {"en": "Choose this remedy", "zh": "选择此方案"},
    "action.mark_sent": {"en": "It was sent", "zh": "已发送"},
    "action.allow_resend": {"en": "Allow one resend", "zh": "允许重发一次"},
    "reject.reason": {"en": "Reason for rejecting", "zh": "驳回原因"},
    "done.approved": {"en": "Draft {id} approved.", "zh": "草稿 {id} 已批准。"},
    "done.rejected": {"en": "Draft {id} rejected.", "zh": "草稿 {id} 已驳回。"},
    "done.edited": {"en": "Draft {id} saved.", "zh": "草稿 {id} 已保存。"},
    "done.unapproved": {
        "en": "Draft {id} saved; it was approved before, so it is pending again.",
        "zh": "草稿 {id} 已保存；修改后需要重新批准。",
    },
    "done.unchanged": {"en": "Draft {id}: nothing changed.", "zh": "草稿 {id} 没有变化。"},
    "done.sending": {"en": "Draft {id} approved and handed to the sender.", "zh": "草稿 {id} 已批准并交给发送程序。"},
    "done.queued": {
        "en": "Draft {id} approved; the sender sends it on its next run.",
        "zh": "草稿 {id} 已批准，将在下次发送时发出。",
    },
    "done.chosen": {"en": "Remedy {n} chosen for draft {id}.", "zh": "草稿 {id} 已选择方案 {n}。"},
    "done.chosen_rendered": {
        "en": "Remedy {n} chosen; draft {id} was rewritten for it.",
        "zh": "已选择方案 {n}，草稿 {id} 已据此重写。",
    },
    "done.settled": {"en": "Draft {id}: outcome recorded.", "zh": "草稿 {id} 的结果已记录。"},
    "done.user_added": {"en": "User {name} added.", "zh": "已添加用户 {name}。"},
    "done.user_changed": {"en": "User {name} changed.", "zh": "已修改用户 {name}。"},
    "done.failed": {"en": "Not done: {reason}", "zh": "未完成：{reason}"},
    "done.taken_over": {"en": "Draft {id} now holds your previous edit.", "zh": "草稿 {id} 已采用您之前的修改。"},
    "case.title": {"en": "Case {id}", "zh": "案件 {id}"},
    "case.facts": {"en": "Facts", "zh": "事实"},
    "case.thread": {"en": "Thread", "zh": "往来邮件"},
    "case.events": {"en": "History", "zh": "处理记录"},
    "case.audit": {"en": "Audit log", "zh": "审计日志"},
    "case.drafts": {"en": "Drafts", "zh": "草稿"},
    "case.no_drafts": {"en": "No drafts on this case.", "zh": "此案件没有草稿。"},
    "case.no_messages": {"en": "No stored messages.", "zh": "没有已存储的邮件。"},
    "case.unverified": {
        "en": "This mail claims to come from a marketplace but failed the authenticity check. No draft is made for it.",
        "zh": "此邮件自称来自平台，但未通过真实性验证，不会为其生成草稿。",
    },
    "case.buyer_address_conflict": {
        "en": "Mail for this order came from another buyer address ({other}). The case still answers {buyer}; "
              "no draft was made from that mail. Check who wrote it before replying.",
        "zh": "此订单收到来自另一个买家地址（{other}）的邮件。案件仍回复 {buyer}，未根据该邮件生成草稿。回复前请核实发件人。",
    },
    "case.unvouched": {
        "en": "Not from the marketplace: this mail joined the thread by its reply headers and nothing vouches for its sender. It drives no draft.",
        "zh": "非平台邮件：此邮件通过回复标头加入往来记录，发件人未经任何验证，不会生成草稿。",
    },
    "case.show_unvouched": {"en": "Show this mail", "zh": "显示此邮件"},
    "case.outgoing": {"en": "Our reply", "zh": "我方回复"},
    "case.show_text": {"en": "Show as plain text", "zh": "以纯文本显示"},
    "case.remote_blocked": {
        "en": "{n} remote images or resources were not loaded.",
        "zh": "已阻止加载 {n} 个远程图片或资源。",
    },
    "case.unreadable": {"en": "This message could not be decoded; shown as text.", "zh": "无法解析此邮件，按文本显示。"},
    "fact.order": {"en": "Order", "zh": "订单号"},
    "fact.asin": {"en": "ASIN / SKU", "zh": "ASIN / SKU"},
    "fact.item": {"en": "Item", "zh": "商品"},
    "fact.reason": {"en": "Reason", "zh": "原因"},
    "fact.buyer_comment": {"en": "Buyer's words", "zh": "买家原话"},
    "fact.buyer_wants": {"en": "What the buyer wants", "zh": "买家诉求"},
    "fact.buyer": {"en": "Buyer", "zh": "买家"},
    "fact.amount": {"en": "Amount", "zh": "金额"},
    "fact.deadline": {"en": "Deadline", "zh": "截止时间"},
    "fact.auth": {"en": "Authentication", "zh": "真实性验证"},
    "fact.evidence": {"en": "Evidence", "zh": "依据"},
    "fact.marketplace": {"en": "Marketplace", "zh": "站点"},
    "fact.tracking": {"en": "Tracking", "zh": "物流单号"},
    "fact.case_status": {"en": "Case status", "zh": "案件状态"},
    "auth.true": {"en": "passed", "zh": "通过"},
    "auth.false": {"en": "FAILED", "zh": "未通过"},
    "auth.none": {"en": "not a marketplace mail", "zh": "非平台邮件"},
    "draft.title": {"en": "Draft {id}", "zh": "草稿 {id}"},
    "draft.text": {"en": "Text to be sent", "zh": "将发送的内容"},
    "draft.reading_en": {"en": "Reading (English)", "zh": "释义（英文）"},
    "draft.reading_zh": {"en": "Reading (Chinese)", "zh": "释义（中文）"},
    "draft.no_reading": {"en": "(no reading)", "zh": "（无释义）"},
    "draft.reading_stale": {
        "en": "The text was edited after these readings were written; they describe the first version.",
        "zh": "正文在生成释义后被修改过；释义对应的是最初版本。",
    },
    "draft.options": {"en": "Remedies offered", "zh": "提供的方案"},
    "draft.chosen": {"en": "chosen", "zh": "已选择"},
    "draft.approved_by": {"en": "approved by {who} at {at}", "zh": "由 {who} 于 {at} 批准"},
    "draft.rejected_because": {"en": "rejected: {reason}", "zh": "已驳回：{reason}"},
    "draft.audience": {"en": "Audience", "zh": "对象"},
    "draft.internal": {"en": "Internal note: never sent.", "zh": "内部备注：不会发送。"},
    "draft.operator_note": {"en": "Operator note", "zh": "操作员备注"},
    "draft.advice": {"en": "Advice", "zh": "提示"},
    "draft.not_ready": {"en": "Cannot be approved until completed", "zh": "完成前不能批准"},
    "draft.previous_edit": {"en": "Your previous edit (draft {id}, replaced by this one)", "zh": "您之前的修改（草稿 {id}，已被本草稿取代）"},
    "action.take_over": {"en": "Use this edit", "zh": "采用此修改"},
    "edit.title": {"en": "Edit draft {id}", "zh": "编辑草稿 {id}"},
    "edit.body": {"en": "Body", "zh": "正文"},
    "edit.preview": {"en": "Preview: the mail as it will leave", "zh": "预览：实际发出的邮件"},
    "edit.approved_warning": {
        "en": "This draft is approved. Saving a change returns it to pending; it must be approved again.",
        "zh": "此草稿已批准。保存修改后将回到待审状态，需要重新批准。",
    },
    "warn.no_recipient": {"en": "No recipient.", "zh": "没有收件人。"},
    "warn.empty_body": {"en": "The body is empty.", "zh": "正文为空。"},
    "warn.empty_subject": {"en": "The subject is empty.", "zh": "主题为空。"},
    "warn.template_marks": {
        "en": "The text still contains template marks ({{ or {%).",
        "zh": "正文中仍有模板标记（{{ 或 {%）。",
    },
    "warn.placeholder": {"en": "The text still contains a placeholder: {text}", "zh": "正文中仍有占位符：{text}"},
    "warn.long_line": {
        "en": "A line is longer than 998 characters; it will be wrapped.",
        "zh": "有一行超过 998 个字符，发送时会被折行。",
    },
    "preview.chars": {"en": "{n} characters, {lines} lines", "zh": "{n} 个字符，{lines} 行"},
    "dash.title": {"en": "Dashboard", "zh": "概览"},
    "dash.open_cases": {"en": "Open cases by kind and platform", "zh": "未结案件（按类型和平台）"},
    "dash.drafts_waiting": {"en": "Drafts waiting", "zh": "等待处理的草稿"},
    "dash.median": {"en": "Median time from notification to sent reply", "zh": "从通知到回复发出的中位时间"},
    "dash.median_30": {"en": "last 30 days: {value} ({n} replies)", "zh": "最近 30 天：{value}（{n} 封回复）"},
    "dash.median_by_day": {"en": "Median per day (hours)", "zh": "每日中位数（小时）"},
    "dash.deadlines": {"en": "Deadlines met and missed, last 30 days", "zh": "最近 30 天按时与逾期"},
    "dash.met": {"en": "met", "zh": "按时"},
    "dash.missed": {"en": "missed", "zh": "逾期"},
    "dash.none": {"en": "no data yet", "zh": "暂无数据"},
    "dash.total": {"en": "total", "zh": "合计"},
    "users.title": {"en": "Users", "zh": "用户"},
    "users.add": {"en": "Add a user", "zh": "添加用户"},
    "users.role": {"en": "Role", "zh": "角色"},
    "users.active": {"en": "Active", "zh": "启用"},
    "users.last_login": {"en": "Last log-in", "zh": "上次登录"},
    "users.set_role": {"en": "Set role", "zh": "设置角色"},
    "users.disable": {"en": "Disable", "zh": "停用"},
    "users.enable": {"en": "Enable", "zh": "启用"},
    "users.new_password": {"en": "New password", "zh": "新密码"},
    "users.set_password": {"en": "Set password", "zh": "设置密码"},
    "users.roles_help": {
        "en": "viewer reads · agent edits drafts · approver approves, rejects and sends · admin manages users",
        "zh": "viewer 只读 · agent 编辑草稿 · approver 批准、驳回和发送 · admin 管理用户",
    },
    "audit.title": {"en": "Audit log", "zh": "审计日志"},
    "audit.empty": {"en": "Nothing recorded yet.", "zh": "暂无记录。"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    # The cases page and the actions on a case (web/cases.py)
    "done.classified": {"en": "Issue set on case {id}; {n} draft(s) queued.", "zh": "案件 {id} 已设定问题；已生成 {n} 份草稿。"},
    "done.replied": {"en": "Reply {n} queued for approval on case {id}.", "zh": "案件 {id} 的回复 {n} 已提交审批。"},
    "done.closed": {"en": "Case {id} closed.", "zh": "案件 {id} 已关闭。"},
    "done.reopened": {"en": "Case {id} reopened.", "zh": "案件 {id} 已重新打开。"},
    "done.merged": {"en": "Case {id} merged into this one.", "zh": "案件 {id} 已合并到此案件。"},
    "done.trusted": {"en": "Case {id} trusted; {n} draft(s) queued.", "zh": "案件 {id} 已确认可信；已生成 {n} 份草稿。"},
    "done.fraud": {"en": "Case {id} closed as fraud.", "zh": "案件 {id} 已作为欺诈关闭。"},
    "done.handled": {"en": "Recorded as done on the platform.", "zh": "已记录为在平台上处理。"},
    "done.bulk": {"en": "{n} case(s) changed.", "zh": "已处理 {n} 个案件。"},
    "nav.cases": {"en": "Cases", "zh": "案件"},
    "cases.title": {"en": "Cases", "zh": "案件"},
    "cases.needs_person": {"en": "Needs a person", "zh": "需要处理"},
    "cases.all": {"en": "All", "zh": "全部"},
    "cases.search": {"en": "Order id, buyer, address, ASIN or words", "zh": "订单号、买家、地址、ASIN 或关键词"},
    "cases.find": {"en": "Search", "zh": "搜索"},
    "cases.empty": {"en": "No case here.", "zh": "这里没有案件。"},
    "cases.select": {"en": "Select", "zh": "选择"},
    "cases.select_all": {"en": "Select every case on this page", "zh": "选择本页全部案件"},
    "cases.due_before": {"en": "Due before", "zh": "截止日期早于"},
    "cases.bulk": {"en": "Many cases at once", "zh": "批量处理案件"},
    "cases.scope_selected": {"en": "the cases ticked above", "zh": "上面勾选的案件"},
    "cases.scope_filtered": {"en": "every case these filters find ({n}, all pages)", "zh": "这些筛选条件找到的全部案件（{n} 件，所有页）"},
    "cases.bulk_go": {"en": "Apply", "zh": "执行"},
    "cases.reason": {"en": "Reason", "zh": "原因"},
    "col.state": {"en": "State", "zh": "状态"},
    "col.drafts": {"en": "Drafts", "zh": "草稿"},
    "case.actions": {"en": "Decide", "zh": "处理"},
    "case.set_issue": {"en": "Set the issue", "zh": "设定问题"},
    "case.reply": {"en": "Reply", "zh": "回复"},
    "case.blank": {"en": "Blank page", "zh": "空白回复"},
    "case.reply_hint": {"en": "In the buyer's language ({lang}); it waits for approval like any draft.", "zh": "使用买家的语言（{lang}）；与其他草稿一样需要审批。"},
    # Files: the buyers' pictures and the files sent with a reply (web/files.py)
    "files.title": {"en": "Files", "zh": "附件"},
    "files.attach": {"en": "Attach files", "zh": "添加附件"},
    "files.choose": {"en": "Files to send with it", "zh": "随回复发送的文件"},
    "files.limits": {"en": "PDF, JPEG, PNG, GIF, WEBP or text; at most {n} files, {each} each, {total} in all.", "zh": "PDF、JPEG、PNG、GIF、WEBP 或文本；最多 {n} 个文件，每个不超过 {each}，合计不超过 {total}。"},
    "files.remove": {"en": "Remove", "zh": "移除"},
    "files.download": {"en": "Download", "zh": "下载"},
    "files.original": {"en": "original", "zh": "原文件"},
    "done.attached": {"en": "{n} file(s) attached to the draft.", "zh": "已为草稿添加 {n} 个附件。"},
    "done.detached": {"en": "File removed from draft {n}.", "zh": "已从草稿 {n} 移除附件。"},
    "error.picture": {"en": "This picture cannot be shown: {reason}. Download it instead.", "zh": "无法显示此图片：{reason}。请下载查看。"},
    "case.close": {"en": "Close", "zh": "关闭"},
    "case.reopen": {"en": "Reopen", "zh": "重新打开"},
    "case.merge": {"en": "Merge into case", "zh": "合并到案件"},
    "case.trust": {"en": "Trust this notice", "zh": "确认通知可信"},
    "case.fraud": {"en": "Mark as fraud", "zh": "标记为欺诈"},
    "case.note": {"en": "Note (optional)", "zh": "备注（可选）"},
    "case.on_platform": {"en": "Not e-mailed: paste this letter into {desk}, then record it.", "zh": "不通过邮件发送：请将此信粘贴到 {desk}，然后记录。"},
    "case.copy": {"en": "Copy text", "zh": "复制文本"},
    "case.done_on_platform": {"en": "Done on the platform", "zh": "已在平台上处理"},
    "action.subject": {"en": "Subject", "zh": "主题"},
    "col.template": {"en": "Template", "zh": "模板"},
}

# Labels for contract names. English shows the name itself, made readable.
LABELS_ZH: dict[str, str] = {
    # platforms
    "amazon": "亚马逊",
    "ebay": "eBay",
    "aliexpress": "速卖通",
    "walmart": "沃尔玛",
    # kinds
    "return_request": "退货请求",
    "refund_issued": "已退款",
    "cancellation_request": "取消请求",
    "atoz_claim": "A-to-z 索赔",
    "atoz_decision": "A-to-z 裁决",
    "chargeback": "信用卡拒付",
    "chargeback_decision": "拒付裁决",
    "buyer_message": "买家消息",
    "dispute": "纠纷",
    "feedback": "差评",
    "policy_warning": "政策警告",
    "ip_infringement": "知识产权投诉",
    "listing_removed": "商品被下架",
    "performance_warning": "绩效警告",
    "account_deactivated": "账户停用",
    "account_review": "账户审核",
    "bounce": "退信",
    "auto_reply": "自动回复",
    "unrecognised": "未识别",
    # issues
    "not_received": "未收到货",
    "wrong_item": "发错货",
    "not_as_described": "与描述不符",
    "quality_defect": "质量问题",
    "damaged": "运输损坏",
    "missing_parts": "缺少配件",
    "customs_tax": "关税",
    "empty_package": "空包裹",
    "size_fit": "尺码不合",
    "tracking_inquiry": "物流查询",
    "cancellation": "取消订单",
    "exchange_request": "换货请求",
    "usage_question": "使用咨询",
    "option_choice": "买家选择方案",
    "other": "其他",
    # draft statuses
    "pending": "待审",
    "approved": "已批准",
    "sending": "发送中",
    "sent": "已发送",
    "failed": "发送失败",
    "unknown": "结果未知",
    "rejected": "已驳回",
    "superseded": "已被取代",
    # case statuses
    "open": "待处理",
    "awaiting_buyer": "等待买家",
    "triage": "待分类",
    "unverified": "未验证",
    "resolved": "已解决",
    # case states and close reasons
    "needs_decision": "待决定", "waiting_approval": "待审批", "waiting_buyer": "等待买家", "follow_up": "已安排跟进",
    "handled_on_platform": "已在平台处理", "closed": "已关闭", "refunded_on_platform": "已在平台退款", "no_reply_needed": "无需回复",
    "duplicate": "重复", "fraud": "欺诈", "merged": "已合并",
    # audiences
    "buyer": "买家",
    "platform": "平台",
    "internal": "内部",
    # roles
    "viewer": "只读",
    "agent": "客服",
    "approver": "审批人",
    "admin": "管理员",
    # remedies
    "partial_refund": "部分退款",
    "claim_code": "优惠码",
    "next_order_discount": "下次购物折扣",
    "cleaning_cost": "清洁费用",
    "reissue": "补发",
    "full_refund": "全额退款",
    "return_for_refund": "退货退款",
    "return_for_replacement": "退货换新",
    "resend_part": "补发配件",
    "refund_part": "配件退款",
    "exchange": "换货",
}

LABELS_EN_SPECIAL = {"atoz_claim": "A-to-z claim", "atoz_decision": "A-to-z decision", "ebay": "eBay", "aliexpress": "AliExpress"}


def negotiate(cookie: str | None, accept_language: str | None) -> str:
    """The operator's choice if made, else the first supported language the browser asks for."""
    if cookie in LANGUAGES:
        return cookie
    for tag in _ranked(accept_language or ""):
        primary = tag.split("-")[0]
        if primary in LANGUAGES:
            return primary
    return "en"


def _ranked(header: str) -> list[str]:
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, position, tag.strip().lower()))
    return [tag for _, _, tag in sorted(ranked)]


class Translator:
    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"

    def __call__(self, key: str, **args: object) -> str:
        entry = MESSAGES.get(key)
        text = entry.get(self.lang, entry["en"]) if entry else key
        return text.format(**args) if args else text

    def has(self, key: str) -> bool:
        return key in MESSAGES

    def label(self, name: object) -> str:
        """A contract name (kind, issue, platform, status, role, remedy) for reading."""
        if name is None or name == "":
            return "—"
        value = str(name)
        if self.lang == "zh" and value in LABELS_ZH:
            return LABELS_ZH[value]
        return LABELS_EN_SPECIAL.get(value) or value.replace("_", " ").capitalize()

    def span(self, seconds: float) -> str:
        minutes = int(abs(seconds) // 60)
        days, rest = divmod(minutes, 24 * 60)
        hours, mins = divmod(rest, 60)
        if days:
            return self("span.days", d=days, h=hours)
        if hours:
            return self("span.hours", h=hours, m=mins)
        return self("span.minutes", m=mins)

    def time_left(self, due: datetime | None, now: datetime) -> tuple[str, str]:
        """Plain words for a deadline, and its urgency: none, ok, soon (< 6 h) or overdue."""
        if due is None:
            return self("due.none"), "none"
        seconds = (due - now).total_seconds()
        if seconds < 0:
            return self("due.overdue", span=self.span(seconds)), "overdue"
        return self("due.left", span=self.span(seconds)), "soon" if seconds < 6 * 3600 else "ok"

    def number(self, value: int | float) -> str:
        return f"{value:,}"
