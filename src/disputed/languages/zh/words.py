"""Chinese: the words marketplaces print and buyers write, beside the classifier's cues (``lexicon.py``).

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Dates are printed in digits (2026年5月3日), so there are no month names.
"""

from disputed.vocabulary import Remedy

FIELD_LABELS = {
    "order_id": ("订单号", "订单编号", "订单", "订单号码"),
    "item": ("商品", "商品名称", "产品", "产品名称"),
    "quantity": ("数量", "退货数量"),
    "reason": ("纠纷原因", "退货原因", "原因", "争议原因", "取消原因", "退款原因"),
    "comment": ("问题描述", "纠纷详情", "纠纷描述", "买家说明", "买家陈述", "買家描述",
                "买家留言", "买家描述", "买家备注", "评论", "客户留言", "买家评论"),
    "message": ("消息内容", "留言内容", "买家消息", "消息"),
    "amount": ("退款金额", "金额", "申请退款金额", "争议金额"),
    "buyer": ("买家", "买家名称", "客户"),
    "request": ("买家诉求", "买家要求", "诉求", "买家期望"),
    "tracking": ("物流单号", "运单号", "跟踪号"),
    "case_id": ("纠纷编号", "纠纷号", "案件编号"),
    "rating": ("评分", "星级"),
}

RETURN_REASONS = {
    "empty_package": r"空包|空箱|包裹是空的|没有货物",
    "not_received": r"未收到|没有?收到|没收到|未到货|物流太慢|还没到|未送达",
    "own_mistake": r"拍错|买错|下错单",
    "wrong_item": r"发错|错发|寄错|发的不是|货不对|错误的(商品|产品|货物)|收到的(商品|产品)不对",
    "missing_parts": r"缺少?(配件|零件|部件)|缺件|少件|漏发|(配件|零件)(缺失|不全|不齐)",
    "size_fit": r"尺码|尺寸|太小|太大|不合身",
    "damaged": r"损坏|破损|破了|压坏|摔坏|碎了",
    "quality_defect": r"质量|坏了|不能用|不工作|有缺陷|瑕疵|做工",
    "not_as_described": r"与描述不符|货不对版|描述不符|颜色不符|与图片不符|假货|不符",
    "customs_tax": r"关税|海关|清关",
    "unwanted": r"不需要|不想要|拍错|买错|不喜欢",
}

RELAY_INTRODUCTIONS = (r"您有一条新消息|新消息|买家给您发送",)
RELAY_FACT_LABELS = (r"订单号?",)
RELAY_CLOSINGS = (
    r"请勿回复|回复此消息",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"立即回复|去回复|点击(此处|这里)?回复|查看(消息|订单|详情|纠纷|对话)|前往(消息|订单|纠纷|速卖通|买家)|消息中心|退订(邮件|通知)|取消订阅|隐私政策|版权所有",
)

DEADLINE_NEAR_BEFORE = (r"截止", r"限期")
DEADLINE_AFTER = (r"之前", r"以前")

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("部分退款", "补偿", "折扣"),
    Remedy.CANCELLATION: ("取消",), Remedy.EXCHANGE: ("换成", "换货", "更换", "换一"),
    Remedy.REPLACEMENT: ("补发", "重发", "再发"),
    Remedy.REFUND: ("退款", "退钱"),
}
ATTACHMENTS = {"photo": ("照片", "图片", "截图"), "video": ("视频",)}
ATTACHING = ("附上", "附件", "发给", "发了")

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"订单缺陷率",
    "late_shipment_rate": r"迟发率|延迟发货",
    "cancellation_rate": r"取消率",
    "valid_tracking_rate": r"有效追踪率",
}
FUNDS = r"资金|货款|余额"
LISTING_CAUSES = {"customer_experience": r"买家体验|客户体验", "ip": r"知识产权|商标|图片"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"账户[^。\n]{0,6}(停用|冻结|被封)|店铺[^。\n]{0,6}(关闭|冻结)",
    "account_review": r"账户[^。\n]{0,6}(审核|审查)",
    "ip_infringement": r"知识产权|侵权|商标",
    "listing_removed": r"(listing|商品)[^。\n]{0,4}下架|下架",
    "performance_warning": r"订单缺陷率|迟发率|账户状况|店铺表现",
    "chargeback": r"拒付|退单",
    "claim_word": r"索赔",
    "return_request": r"退货|退貨|退换",
    "refund_issued": r"已退款|退款(成功|完成|已)",
    "cancellation_request": r"取消订单|取消请求|申请取消",
    "feedback": r"差评|评价",
    "policy_warning": r"违反|违规|政策",
    "dispute": r"纠纷|争议",
    "not_received_request": r"未收到",
    "decided_subject": r"结果|裁决",
    "decided_body": r"已(裁决|判定)",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("原始邮件|原始郵件|转发的邮件",)
QUOTE_ATTRIBUTIONS = (r".{0,80}(?:写道|寫道)\s*+[:：]",)
QUOTE_HEADER_FROM = ("发件人", "寄件者")
QUOTE_HEADER_SENT = ("发送时间", "寄件日期", "日期")
