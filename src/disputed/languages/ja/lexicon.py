"""Japanese buyer cues.

Japanese has no spaces, so patterns are substrings; it negates after the verb
("壊れていない" = not broken), so negation is looked for right after a cue.
Text is NFKC-folded: full-width digits are ASCII, half-width kana full-width.
"""

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Lexicon, cue

_NUMBER = r"(?:\d+|[一二三四五六七八九十数]+)"
_NOT_GOODS = r"(?:追跡番号|番号|返信|返事|返金|メール|連絡|回答|お知らせ)"
_OPTION_NOUN = r"(?:案|方法|オプション|選択肢|提案|解決策|プラン|方)"

CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4,
        r"(?:届|とど)(?:か(?:ない|ず|なかった|なくて)|きません|いて(?:い|お)?(?:ない|ません|りません|なかった)|いてません)",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.4, r"(?:受け取|うけと|受取|手元に届|到着し)(?:って|れて|っ)?(?:い|お)?(?:ない|ません|りません|ていない|ていません|ず)", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.4, r"未着|未到着|まだ(?:何も)?来て(?:い)?(?:ない|ません)", negatable=False),
    cue(I.NOT_RECEIVED, STRONG, r"紛失|行方不明|配達されていない", negatable=False),
    cue(I.NOT_RECEIVED, STRONG, r"返送され|差出人に戻"),
    cue(I.NOT_RECEIVED, MEDIUM, r"配達済み|配達完了|遅延|遅れて(?:い)?(?:る|ます)|遅すぎ"),
    # --- lateness -------------------------------------------------------------------------------
    cue(LATE, 1.0, rf"{_NUMBER}\s*(?:週間|ヶ月|か月|カ月|ヵ月|ケ月)|(?:[1-9]\d|\d{{3}}|[二三四五六七八九]十)\s*日"),
    cue(LATE, 0.5, r"まだ|未だ|いまだに|ずっと"),
    # --- tracking -------------------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"追跡番号|お問い合わせ番号|問い合わせ番号|伝票番号|トラッキング", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"追跡|配送状況|発送状況|配送状態|配達状況", negatable=False),
    cue(I.TRACKING_INQUIRY, STRONG, r"いつ(?:頃|ごろ)?(?:に)?(?:届|発送|到着|着|配達|送|出荷)", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, r"(?:発送|出荷)(?:は|って)?(?:いつ|されました(?:か)?|済み(?:でしょうか|ですか)|されていますか|していただけ|予定)", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, r"(?:荷物|商品|注文|品物|小包)(?:は|が)?(?:今)?どこ", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"税関(?:で|に)(?:止ま|保留|留め)"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, 1.4, r"(?:注文|頼ん|購入|買っ|注文し)(?:した|だ|た)?(?:商品|もの|物|品)?(?:と|とは)(?:全く|全然|まったく)?(?:違う|異なる|ちがう|別)", negatable=False),
    cue(I.WRONG_ITEM, STRONG, r"(?:違う|別の|異なる|ちがう)(?:商品|もの|物|品物|製品)|別物|別商品|他人の(?:商品|荷物)"),
    cue(I.WRONG_ITEM, STRONG, r"間違った(?:商品|もの|物|品)|商品(?:が|を)?間違|誤配送|誤送|間違って(?:送|届|発送)|取り違え"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, STRONG, r"(?:説明|記載|表記)(?:が|は|内容が)?(?:不正確|間違|誤|虚偽|嘘)"),
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"(?:写真|画像|説明|商品説明|記載|掲載|サイト|ページ|イメージ|説明文|表示)(?:と|とは)(?:全然|全く|かなり|少し|だいぶ|まったく|大きく|明らかに)?(?:違|異な|ちが)",
        negatable=False),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"(?:色|カラー|素材|材質|柄|デザイン|生地|色味)(?:が|は|も)?(?:全然|全く|かなり|少し|だいぶ|まったく)?(?:違|異な|ちが)"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"偽物|偽造|コピー品|本物ではな|正規品ではな|誇大|詐欺"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"(?:写真|画像)より(?:も)?(?:小さ|大き|安っぽ|暗|薄|ちゃち)"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"(?:と書いて|と記載|と表示)(?:あ|され)"),
    # --- quality --------------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"(?:性能|品質)(?:・品質)?(?:が|は)?(?:不十分|不足|低すぎ)"),
    cue(I.QUALITY_DEFECT, STRONG, r"(?:電源|スイッチ)(?:が|も)?(?:入らな|入りませ|つかな|つきませ|入らなくな)", negatable=False),
    cue(I.QUALITY_DEFECT, 1.0,
        r"動か(?:ない|なく|ず)|動きません|作動しな|作動しません|起動しな|起動しません|充電(?:でき|され)(?:ない|ません)|使えな|使えません|機能しな|反応しな|反応しません|点かな|点きません|つかない|音が出な",
        negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"故障|不良品|初期不良|欠陥|不具合|不良"),
    cue(I.QUALITY_DEFECT, STRONG, r"品質(?:が|は)?(?:悪|低|最悪|ひど|酷)|粗悪|作りが(?:雑|悪|甘)|縫製(?:が|は)?(?:雑|悪|ひど)"),
    cue(I.QUALITY_DEFECT, STRONG, r"使い物にならな|すぐに(?:切れ|壊れ|止ま|動かなく|電源が)|(?:電池|バッテリー)(?:が)?(?:すぐ|持たな|もたな|減る)|持ちが悪|異音|発熱|熱くな|ノイズ|途切れ"),
    cue(I.QUALITY_DEFECT, 1.0, r"色落ち|毛玉|ほつれ|剥がれ|はがれ|錆|さび|サビ|臭い|におい|匂い|シミ|しみ|汚れ|変色|カビ|ベタベタ"),
    # --- breakage -------------------------------------------------------------------------------
    cue(BROKEN, 1.0, r"壊れ|こわれ|割れ|破れ|ひび|ヒビ|欠け|折れ|へこ|凹|傷|キズ|漏れ|曲が|ちぎれ"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, STRONG, r"破損|損傷"),
    cue(I.DAMAGED, STRONG, r"(?:箱|外箱|段ボール|ダンボール|梱包|パッケージ|包装)(?:が|は|も)?(?:潰れ|つぶれ|へこ|凹|破れ|破損|ボロボロ|ぼろぼろ|濡れ|開いて|破け)"),
    cue(I.DAMAGED, 1.0, r"びしょ濡れ|びしょびしょ|水濡れ|濡れて(?:い|お)|濡れた状態|粉々|バラバラ|ばらばら|ぐちゃぐちゃ|めちゃくちゃ"),
    cue(ARRIVAL, 1.0, r"(?:届いた|到着した|受け取った|開けた|開封した)(?:時|とき|時点|段階|瞬間|ら)|配送中|輸送中|配達中|運送中|届いた(?:時点|段階)|開封(?:時|したら)|箱を開け"),
    cue(ARRIVAL, 0.5, r"届い|到着|箱"),
    # --- time in use ----------------------------------------------------------------------------
    cue(AFTER_USE, 1.0, rf"{_NUMBER}\s*(?:日|週間|ヶ月|か月|カ月|回)(?:目|ほど|程度|くらい|ぐらい)?\s*(?:で|後|使|経|しか)"),
    cue(AFTER_USE, 1.0, r"使い始め|使用後|使っ(?:た|てい)(?:ら|だけ|うち)|一度(?:使|洗|着|履)|洗濯(?:した|後|したら|しただけ)|しばらく(?:使|し)|数回|使用中|使っているうち|使用して"),
    # --- missing --------------------------------------------------------------------------------
    cue(I.MISSING_PARTS, STRONG, r"(?:入って|はいって|同梱されて|含まれて|付属して)(?:い|お)?(?:ない|ません|なかった|りません)", negatable=False, veto=r"何も"),
    cue(I.MISSING_PARTS, STRONG, r"不足|足りな|足りません|欠品|付属品(?:が|は)?(?:ない|なし|無い|入って)|部品(?:が|は)?(?:ない|足り|無い)|欠けている部品"),
    cue(I.MISSING_PARTS, 1.0, rf"{_NUMBER}(?:個|つ|点|枚|本)(?:しか|のみ)"),
    # --- customs --------------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.4, r"関税|輸入(?:税|消費税)|通関(?:料|手数料|費)"),
    cue(I.CUSTOMS_TAX, MEDIUM, r"消費税|税金|立替(?:払い|金|手数料)"),
    cue(I.CUSTOMS_TAX, 0.4, r"税関", veto=r"税関(?:で|に)(?:止ま|保留|留め)"),
    # --- empty ----------------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, r"(?:中身|なかみ)(?:が|は)?(?:空|からっぽ|入って(?:い)?(?:ない|ません|なかった))|空(?:っぽ|の箱|箱|でした|だった)|からっぽ|何も入って(?:い)?(?:ない|ません|なかった)|箱だけ", negatable=False),
    # --- size -----------------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG, r"サイズ(?:が|は)?(?:合わ|あわ|小さ|大き|きつ|ゆる|違)|(?:小さ|大き|きつ|ゆる|短|長|窮屈)すぎ"),
    cue(I.SIZE_FIT, 1.0, r"(?:履け|着られ|入ら|はいら|着れ|はけ|履けな)(?:ない|ません|なかった)|ぶかぶか|ブカブカ|きつい|きつくて", negatable=False),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, STRONG, r"交換"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"(?:サイズ|色|カラー)(?:を|の)?(?:変更|交換)|に変更(?:し|でき|可能|お願い)"),
    cue(OWN_MISTAKE, 1.0, r"間違えて(?:注文|購入|選)|注文(?:を)?間違え|誤って注文|私の(?:ミス|間違い)", negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4, r"使い方|使用方法|設定方法|取り付け方|取付方法|組み立て方|組立方法|接続方法|操作方法|やり方|充電方法|ペアリング方法"),
    cue(I.USAGE_QUESTION, 1.4, r"(?:どうやって|どのように|どう)(?:使|設定|接続|取り付|組み立|操作|充電|ペアリング|つなげ|繋げ)", negatable=False),
    cue(I.USAGE_QUESTION, 1.0, r"(?:方法|やり方)を(?:教え|知り)"),
    cue(I.USAGE_QUESTION, WEAK, r"わかりません|分かりません|わからない|分からない|説明書|マニュアル"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"キャンセル", veto=r"(?:紛争|申請|ディスピュート|返品)(?:の|を)?キャンセル"),
    cue(I.CANCELLATION, STRONG, r"注文(?:を)?取り?消|取り消し|取消"),
    cue(I.CANCELLATION, MEDIUM, r"不要になり|いらなくなり|必要なくなり|要らなくなり"),
    cue(I.CANCELLATION, 1.0, r"発送(?:しないで|を止め|を停止|を中止)"),
    # --- option choice --------------------------------------------------------------------------
    cue(I.OPTION_CHOICE, 1.4, rf"(?P<ord>{{ORD}})(?:の|番の|番目の)?{_OPTION_NOUN}(?:で|に|を|が)"),
    cue(I.OPTION_CHOICE, 1.4, rf"{_OPTION_NOUN}\s*(?P<ord>[1-5一二三四])(?:で|に|を|が|番)"),
    cue(I.OPTION_CHOICE, STRONG, r"(?P<ord>{ORD})(?:番)?(?:で|に|を)(?:お願い|おねがい|します|したい|希望|選|決め|いたします)"),
    cue(I.OPTION_CHOICE, STRONG, r"(?P<ord>[1-5])番(?:の|で|に|を|が)"),
    cue(I.OPTION_CHOICE, 1.0, r"(?:提案|ご提案|案|オファー)(?:を|に)?(?:受け入れ|承諾|同意|了承|お受け)"),
    cue(I.OPTION_CHOICE, 1.0, r"(?:部分返金|一部返金|クーポン|割引)(?:で|を)(?:お願い|希望|受け入れ|承諾)"),
    cue(I.OPTION_CHOICE, WEAK, r"(?:返金|再送|交換)(?:で|を)(?:お願い|希望)"),
)

LEXICON = Lexicon(
    language="ja",
    cues=CUES,
    ordinals=(
        (r"最初|初め|はじめ|1番目|一番目|1つ目|一つ目|ひとつ目|1", 1),
        (r"2番目|二番目|2つ目|二つ目|ふたつ目|2", 2),
        (r"3番目|三番目|3つ目|三つ目|みっつ目|3", 3),
        (r"4番目|四番目|4つ目|四つ目|4", 4),
        (r"最後", 0),
    ),
    cardinals=((r"一", 1), (r"二", 2), (r"三", 3), (r"四", 4)),
    negation_before=None,
    negation_after=r"(?:[してでいはもおりれがあ]){0,6}(?:ない|ません|ず|なかった|なく|なし|無し|無く)",
    clause_break=r"[.,;:!?\n()。、！？「」]|けど|けれど|が、",
    spaced=False,
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=r"(?:レビュー|評価|フィードバック|口コミ)",
    change=r"(?:変更|削除|修正|更新|見直|取り下げ|取り消|書き換え|撤回)",
    incentive=r"(?:返金|割引|無料|プレゼント|ギフト|クーポン|補償|お礼として|引き換え)",
    positive=r"(?:高評価|良い評価|星5|五つ星|5つ星)",
    outside_contact=r"(?:whatsapp|wechat|telegram|skype|お電話ください|お電話で(?:ご連絡|お問い合わせ)|ラインで)",
    marketing=r"(?:メルマガ|ニュースレター|フォローして|新商品|facebook|instagram|tiktok)",
)
