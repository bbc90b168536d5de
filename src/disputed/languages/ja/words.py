"""Japanese: the words marketplaces print and buyers write, beside the classifier's cues (``lexicon.py``).

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Dates are printed in digits (2026年5月3日), so there are no month names.
"""

from disputed.vocabulary import Remedy

FIELD_LABELS = {
    "order_id": ("注文番号", "注文id", "オーダー番号", "注文"),
    "item": ("商品", "商品名", "注文商品"),
    "quantity": ("数量", "返品数量", "個数"),
    "reason": ("返品理由", "理由", "申し立て理由", "キャンセル理由", "返金理由"),
    "comment": ("購入者の説明", "問題の説明", "紛争の詳細", "購入者からの説明",
                "お客様からのコメント", "お客様のコメント", "購入者のコメント", "コメント", "購入者からのコメント"),
    "message": ("メッセージ", "お問い合わせ内容", "購入者からのメッセージ"),
    "amount": ("金額", "請求金額", "返金額", "申し立て金額", "返金金額"),
    "buyer": ("購入者", "お客様", "購入者名"),
    "tracking": ("追跡番号", "お問い合わせ番号"),
    "rating": ("評価",),
}

RETURN_REASONS = {
    "empty_package": r"空の(荷物|箱|パッケージ|小包)|中身が(入っていない|空|ない)",
    "not_received": r"届(か|いて)(ない|いない)|未着|届きません|配送が遅|到着が遅|遅すぎ",
    "own_mistake": r"間違えて注文|誤って注文|注文を間違え",
    "wrong_item": r"間違(った|い)の?商品|違う商品|商品違い|誤った商品|別の商品",
    "missing_parts": r"(部品|付属品|パーツ)(・付属品)?(の|が)?(不足|足りない|欠品|入っていない|ない)|欠品",
    "size_fit": r"小さすぎ|大きすぎ|サイズ",
    "damaged": r"破損|壊れた状態で|壊れて(届|い)|傷|へこみ|割れて",
    "quality_defect": r"不具合|故障|動かない|作動しない|品質|不良",
    "not_as_described": r"説明と(異なる|違う)|商品説明|イメージと違|写真と違|互換性|色が違",
    "customs_tax": r"関税|輸入税",
    "unwanted": r"不要になった|必要なくなった|間違えて注文|誤って注文|より安い|気に入らない",
}

RELAY_INTRODUCTIONS = (r"購入者からメッセージ|新しいメッセージ|メッセージが届",)
RELAY_FACT_LABELS = (r"注文番号|商品名?",)
RELAY_CLOSINGS = (
    r"このメッセージに返信|返信する|このメールは",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"返信はこちら|メッセージを(見る|確認|表示)|メッセージセンター|注文(を|の)(確認|詳細)|紛争(を|の)(確認|詳細)|配信停止|プライバシー",
)

DEADLINE_NEAR_BEFORE = (r"期限",)
DEADLINE_AFTER = (r"まで", r"までに", r"前")

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("一部返金", "部分返金", "値引き"),
    Remedy.CANCELLATION: ("キャンセル", "取り消"), Remedy.EXCHANGE: ("交換",),
    Remedy.REPLACEMENT: ("代わりの商品", "再送", "新しいもの"),
    Remedy.REFUND: ("返金",),
}
ATTACHMENTS = {"photo": ("写真", "画像"), "video": ("動画", "ビデオ")}
ATTACHING = ("添付", "送り")

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"注文不良率",
    "late_shipment_rate": r"出荷遅延",
    "cancellation_rate": r"キャンセル率",
    "valid_tracking_rate": r"追跡可能率",
}
FUNDS = r"資金|売上金"
LISTING_CAUSES = {"customer_experience": r"購入者の体験", "ip": r"知的財産|商標|画像"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"出品(権限|用アカウント)[^。\n]{0,6}(停止|削除|無効|取り消)|アカウント[^。\n]{0,6}(停止|無効|閉鎖)され",
    "account_review": r"アカウント[^。\n]{0,8}(審査|確認)(中|を行って)",
    "ip_infringement": r"知的財産|商標権|著作権|権利侵害",
    "listing_removed": r"出品(が|を)?[^。\n]{0,6}(停止|削除|閉鎖|無効)|商品ページ[^。\n]{0,10}(停止|削除)",
    "performance_warning": r"注文不良率|出荷遅延率|キャンセル率|アカウント健全性|パフォーマンス指標",
    "chargeback": r"チャージバック",
    "atoz": r"マーケットプレイス保証|a-z保証|a-zギャランティ",
    "claim_word": r"申し立て|保証請求",
    "return_request": r"返品",
    "refund_issued": r"返金(が|を)?(開始|完了|処理|手続き)",
    "cancellation_request": r"キャンセル(リクエスト|依頼|申請|要求)",
    "feedback": r"評価|レビュー",
    "policy_warning": r"ポリシー|規約違反|警告",
    "dispute": r"ケース(が|を)?(開|オープン)",
    "not_received_request": r"未着",
    "decided_subject": r"決定|結果|判定",
    "decided_body": r"(決定|判断|判定)(しました|いたしました|されました)",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("元のメッセージ|転送されたメッセージ",)
QUOTE_ATTRIBUTIONS = (r".{0,80}(?:さんは書きました|書きました)\s*+[:：]",)
QUOTE_HEADER_FROM = ("差出人",)
QUOTE_HEADER_SENT = ("送信日時", "日付")
