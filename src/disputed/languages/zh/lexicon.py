"""Chinese buyer cues, written in simplified characters.

Traditional text is folded to simplified first (``hanzi.py``), so one lexicon
serves both. Chinese negates just before the verb ("没坏" = not broken), so
negation is looked for in the last few characters before a cue.
"""

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Lexicon, cue

_NUMBER = r"(?:\d+|[一二两三四五六七八九十几多半]+)"
_NOT_GOODS = r"(?:单号|物流|追踪|跟踪|回复|退款|邮件|消息|信息|答复|通知)"
_OPTION_NOUN = r"(?:方案|选项|办法|方法|建议|解决方案|选择|方式)"

CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4, rf"(?:没|未|还没|没有|还未|尚未|一直没|都没)(?:有)?(?:收到|到|到货|送到|寄到|拿到|签收|送达)(?!{_NOT_GOODS})", negatable=False),
    cue(I.NOT_RECEIVED, 1.4, r"(?:丢了|丢失|丢件|遗失|弄丢|寄丢)", negatable=False),
    cue(I.NOT_RECEIVED, STRONG, r"退回(?:给)?(?:卖家|发件人|寄件人)|被退回|原路退回"),
    cue(I.NOT_RECEIVED, MEDIUM, r"显示(?:已)?(?:签收|送达|妥投)|太慢|怎么还没|迟迟|延误|一直在等|还在等"),
    # --- lateness -------------------------------------------------------------------------------
    cue(LATE, 1.0, rf"{_NUMBER}\s*(?:个多?月|個月|周|星期|礼拜)|(?:[1-9]\d|\d{{3}}|[二三四五六七八九]十多?)\s*天|好久|很久|这么久|快.{{0,3}}月"),
    cue(LATE, 0.5, r"还|已经|仍然|依然"),
    # --- tracking -------------------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"(?:物流|快递|运单|追踪|跟踪|查询|包裹)(?:单)?(?:号|号码|编号|单号)|追踪码|跟踪码|单号", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"物流(?:信息|状态|情况)|查不到|没有更新|跟踪", negatable=False),
    cue(I.TRACKING_INQUIRY, STRONG, r"什么时候(?:能|会|可以|才)?(?:发货|出货|发|到|能到|寄|送到|收到|寄出|送达)|(?:几|多少)天(?:能|可以|才能)?(?:到|收到|发货)", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, r"(?:发货|出货|寄出|发出)了(?:吗|没)|(?:有没有|是否)(?:发货|寄出)|发货(?:时间|日期)", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, r"(?:包裹|快递|订单|货)(?:现在)?(?:在哪|到哪|到了哪)", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"(?:卡|扣|滞留|压)在(?:了)?海关"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, 1.4, r"发错|寄错|送错|错发|错寄|发成了|寄成了"),
    cue(I.WRONG_ITEM, 1.4, r"(?:不是|并非)(?:我)?(?:买|订|购买|下单|要)的|和(?:我)?(?:买|订|下单)的(?:不一样|不同|不是)", negatable=False),
    cue(I.WRONG_ITEM, 1.0, r"(?:收到|寄来|发来|送来)(?:的)?(?:是|了)?(?:别的|其他|另一|另外一|不同的)"),
    cue(I.WRONG_ITEM, STRONG, r"错(?:的)?(?:商品|货|东西|产品)|商品(?:不对|错了)|货不对"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"(?:与|和|跟)(?:图片|照片|描述|说明|介绍|宣传|详情|网站|页面|图|网上|商品描述)(?:上的|里的|中的)?(?:完全|很|严重|有点)?(?:不符|不一样|不同|不相符|差别|差距|相差|有差|差很多|差太多)",
        negatable=False),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"描述不符|图文不符|货不对板|实物与|实物和|实物跟|与实物|和实物不|虚假宣传"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"颜色(?:完全|有点|很)?(?:不对|不一样|不同|有差|偏差|差|发错)|色差"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"假货|仿品|山寨|不是正品|高仿|材质(?:不对|不一样|不是|差)|说是.{1,10}(?:结果|但是|实际|其实)"),
    # --- quality --------------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"质量(?:太|很|非常|特别|真)?(?:差|不好|不行|有问题|问题|一般|堪忧)"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"开不了机|不能用|用不了|不工作|不能开机|无法开机|无法使用|不能充电|充不了电|充不进电|没反应|不亮|失灵|故障|不转|没(?:有)?声音|无声|不响|连不上|有杂音|杂音|发烫|过热|接触不良|自动关机|死机|卡顿|不灵", negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"次品|瑕疵|残次|缺陷|劣质|做工(?:差|粗糙|不好)|有毛病|不良"),
    cue(I.QUALITY_DEFECT, 1.0, r"掉色|褪色|起球|开线|脱线|脱胶|开胶|生锈|有异味|异味|污渍|很脏|发霉|掉漆"),
    # --- breakage -------------------------------------------------------------------------------
    cue(BROKEN, 1.0, r"坏了|坏的|坏掉|已经坏|是坏|碎了|裂了|裂开|裂痕|裂纹|断了|划痕|漏水|漏了|凹陷|破了|破洞"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, STRONG, r"破损|损坏|压坏|摔坏|压扁|压烂|摔碎|撞坏|运坏"),
    cue(I.DAMAGED, STRONG, r"(?:外包装|包装|箱子|外箱|盒子|纸箱|包裹)(?:已经|都|也)?(?:破|烂|压|坏|湿|变形|扁)"),
    cue(I.DAMAGED, 1.0, r"碎成|粉碎|稀碎|碎片"),
    cue(ARRIVAL, 1.0, r"收到(?:的)?时(?:候)?|到货时|到的时候|拆开|打开(?:包裹|箱子|盒子)?(?:后|时|一看)|运输(?:过程)?中|路上|快递(?:途中|过程)|一收到|刚收到"),
    cue(ARRIVAL, 0.5, r"收到|到货|包裹|箱子|盒子"),
    # --- time in use ----------------------------------------------------------------------------
    cue(AFTER_USE, 1.0, rf"(?:用|使用|穿|戴|洗|充)(?:了)?{_NUMBER}\s*(?:天|次|周|个星期|星期|个月|个礼拜|回)"),
    cue(AFTER_USE, 1.0, rf"没用几(?:天|次)|才用|刚用|用了没多久|洗了一次|洗一次|用一次|用过一次|{_NUMBER}\s*(?:天|周|个星期|个月)(?:后|就|以后)|使用中|用着用着"),
    # --- missing --------------------------------------------------------------------------------
    cue(I.MISSING_PARTS, STRONG,
        r"少了|少发|少寄|少一个|少一件|少了配件|缺(?:少|了|件)|漏发|漏寄|配件(?:没有|不全|缺)|不齐全|不完整|少件", negatable=False),
    cue(I.MISSING_PARTS, STRONG, r"没有(?:配件|零件|说明书|螺丝|充电器|充电线|电池|遥控器|数据线|附件)", negatable=False),
    cue(I.MISSING_PARTS, 1.0, rf"只(?:收到|有|来了)(?:{_NUMBER})(?:个|件|只|双|套)"),
    # --- customs --------------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.4, r"关税|进口税|海关(?:税|费|收费)|清关费|增值税|税费|交税|缴税|被收税|被征税|收了.{0,6}税"),
    cue(I.CUSTOMS_TAX, 0.4, r"海关|税", veto=r"(?:卡|扣|滞留|压)在(?:了)?海关"),
    # --- empty ----------------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, r"空的|空盒|空箱|空包|是空|里面空|空空|什么都没有|什么也没有|里面没有(?:东西|商品|货)|没有东西", negatable=False),
    # --- size -----------------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG, r"(?:尺码|尺寸|码数|大小|号码?)(?:偏|太|有点|不合|不对|不合适|不适合|小了|大了)|(?:太|偏|有点)(?:小|大|紧|松|短|长|窄|宽)(?:了)?"),
    cue(I.SIZE_FIT, 1.0, r"穿不上|穿不了|戴不上|穿不进|不合身|不合脚|不合适", negatable=False),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, STRONG, r"换(?:货|成|一个|个|一件|大|小|尺码|颜色|码|一下)|调换|更换|能不能换|可以换|想换"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"(?:改成|改为|改一下|修改)(?:.{0,6})(?:色|码|号|尺寸|款|型号)|(?:颜色|尺码|尺寸|型号)(?:改|换)"),
    cue(OWN_MISTAKE, 1.0, r"(?:我)?(?:拍错|下错|选错|买错|订错)|不小心(?:拍|买|订|选)", negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4, r"怎么(?:用|使用|安装|设置|连接|充电|开机|操作|组装|调|装|弄|打开)|如何(?:使用|安装|设置|连接|操作|组装|充电)|使用方法|安装方法|用法", negatable=False),
    cue(I.USAGE_QUESTION, 1.0, r"说明书(?:上)?(?:看不懂|没写)|看不懂|不会用|不知道怎么", negatable=False),
    cue(I.USAGE_QUESTION, WEAK, r"说明书"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"取消(?!纠纷|争议|投诉|退货|申请)"),
    cue(I.CANCELLATION, MEDIUM, r"不要了|不想要了|不需要了|退订"),
    cue(I.CANCELLATION, 1.0, r"别发货|不要发货|先别发|不用发货|停止发货"),
    # --- option choice --------------------------------------------------------------------------
    cue(I.OPTION_CHOICE, 1.4, rf"第(?P<ord>[一二三四1-4])(?:个|种|条|项)?{_OPTION_NOUN}"),
    cue(I.OPTION_CHOICE, 1.4, r"(?:选|选择|要|接受|同意|就|用)(?:择)?第(?P<ord>[一二三四1-4])"),
    cue(I.OPTION_CHOICE, 1.4, rf"{_OPTION_NOUN}\s*(?P<ord>[一二三四1-4])(?![\d天次])"),
    cue(I.OPTION_CHOICE, 1.4, rf"(?P<ord>[1-4])号{_OPTION_NOUN}"),
    cue(I.OPTION_CHOICE, STRONG, r"第(?P<ord>[一二三四1-4])(?:个|种|条|项)(?:就|吧|可以|好|行|吧)"),
    cue(I.OPTION_CHOICE, 1.0, r"(?:接受|同意)(?:你们的|您的)?(?:方案|建议|提议|补偿|部分退款|优惠码|折扣)"),
    cue(I.OPTION_CHOICE, WEAK, r"(?:接受|同意|要)(?:全额)?(?:退款|补发|重发|换货)"),
)

LEXICON = Lexicon(
    language="zh",
    cues=CUES,
    ordinals=((r"1", 1), (r"2", 2), (r"3", 3), (r"4", 4)),
    cardinals=((r"一", 1), (r"二|两", 2), (r"三", 3), (r"四", 4)),
    # "是不是坏了" (is it broken?) asks; it does not deny.
    negation_before=r"(?<!是)(?<!会)(?<!是否)(?:没|没有|不|未|无|别|不是|并没有|并没)(?:有|太|是)?$",
    clause_break=r"[.,;:!?\n()。，、；！？]|但是|可是|不过",
    spaced=False,
    simplify_han=True,
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=r"(?:评价|评论|反馈|差评|好评|星级|追评)",
    change=r"(?:修改|更改|删除|撤销|撤回|更新|重新考虑|追评|改评)",
    incentive=r"(?:退款|折扣|优惠|免费|礼物|赠品|补偿|作为回报|换取)",
    positive=r"(?:好评|五星|5星|正面评价)",
    outside_contact=r"(?:whatsapp|微信|wechat|telegram|打电话|电话联系)",
    marketing=r"(?:关注我们|新品上市|订阅|facebook|instagram|tiktok)",
)
