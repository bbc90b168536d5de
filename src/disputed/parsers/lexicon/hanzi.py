"""Traditional -> simplified Chinese for the characters buyers' complaints use.

The Chinese lexicon is written in simplified characters; messages from Taiwan
and Hong Kong are folded through this table first. It covers the vocabulary of
orders, parcels, defects, sizes, payments and options, not the whole script.
"""

# Pairs of (traditional, simplified), written as two aligned strings for compactness.
_TRADITIONAL = (
    "貨沒壞損錯發稅關運單號碼換顏質問題說書裝選擇個訂裡裏無機開電線這們對兩種見辦處實際與圖樣異產費繳納額錢蹤詢"
    "轉遺丟購買賣請給還麼麽應該嗎條鈕纜壓變劃顯簽經週遲為報認達遞進長時間寬緊鬆適髒汙設連藍紅綠黃褲補誤氣歡謝後"
    "幾禮話讓幫聯繫係郵國戶帳現狀態況網頁價標籤確寫燈響聲鍵螢傷斷脫膠鏽銹臟舊齊絲遙紙濕爛腳頭雙隻織纖維偽決議項"
    "覺會嘗試組調動啟鐘錶筆記憶體驗證據張傳訊過領鄰門櫃櫥貼錄輸帶徵罰銷賠償優讓煩嚴殘廠製專業效靈戲齒邊輪壺鍋燒"
    "熱凍紋顆鏈鍊縫綁環鎖鑰蓋墊塊層麵盤準遠難種當將讀聽愛貝寶捲內東積輕細圍餘趕總團隊庫備貴傑誌類幣鑑層處買賣"
    "馬車門問題區員務護險們"
)
_SIMPLIFIED = (
    "货没坏损错发税关运单号码换颜质问题说书装选择个订里里无机开电线这们对两种见办处实际与图样异产费缴纳额钱踪询"
    "转遗丢购买卖请给还么么应该吗条钮缆压变划显签经周迟为报认达递进长时间宽紧松适脏污设连蓝红绿黄裤补误气欢谢后"
    "几礼话让帮联系系邮国户账现状态况网页价标签确写灯响声键荧伤断脱胶锈锈脏旧齐丝遥纸湿烂脚头双只织纤维伪决议项"
    "觉会尝试组调动启钟表笔记忆体验证据张传讯过领邻门柜橱贴录输带征罚销赔偿优让烦严残厂制专业效灵戏齿边轮壶锅烧"
    "热冻纹颗链链缝绑环锁钥盖垫块层面盘准远难种当将读听爱贝宝卷内东积轻细围余赶总团队库备贵杰志类币鉴层处买卖"
    "马车门问题区员务护险们"
)

assert len(_TRADITIONAL) == len(_SIMPLIFIED), "the two rows must stay aligned"

TRADITIONAL_TO_SIMPLIFIED = str.maketrans(
    {trad: simp for trad, simp in zip(_TRADITIONAL, _SIMPLIFIED, strict=True) if trad != simp}
)
