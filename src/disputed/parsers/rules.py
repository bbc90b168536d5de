"""Which kind of notice is this? Phrase rules in the marketplaces' languages.

Each rule is a kind and a pattern over folded text (lower case, no accents). A
platform lists the rules it uses in priority order; the subject is tried first
(it is the most specific line a notice has), then the opening of the body.
Account-health rules come before buyer-dispute rules because account notices
mention claims and chargebacks in passing; the generic policy rule comes last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from disputed.parsers.extract import lower_unaccented
from disputed.vocabulary import Kind


@dataclass(frozen=True, slots=True)
class Rule:
    kind: Kind
    pattern: re.Pattern[str]
    subject_only: bool = False


def rule(kind: Kind, pattern: str, subject_only: bool = False) -> Rule:
    return Rule(kind, re.compile(lower_unaccented(pattern)), subject_only)


ACCOUNT_DEACTIVATED = rule(
    Kind.ACCOUNT_DEACTIVATED,
    r"(selling privileges|seller account|your account|selling account)[^.\n]{0,30}(have been|has been|were|was|are|is) "
    r"(removed|deactivated|suspended|revoked|terminated|closed)|we (have )?(deactivated|suspended|removed) your (seller |selling )?(account|privileges)"
    r"|you may no longer sell|account (deactivation|suspension) notice"
    r"|verkaufsberechtigung(en)? (wurde|wurden) [^.\n]{0,20}(entzogen|entfernt|deaktiviert|gesperrt|aufgehoben)"
    r"|(haben|hat) ihnen die verkaufsberechtigung(en)? [^.\n]{0,20}entzogen|(verkauferkonto|konto) (wurde|ist) [^.\n]{0,15}(deaktiviert|gesperrt)"
    r"|(privileges|droits) de vente [^.\n]{0,25}(supprimes|retires|desactives|suspendus|revoques)|compte (vendeur )?[^.\n]{0,15}(a ete|est) (desactive|suspendu)"
    r"|privilegi di vendita [^.\n]{0,25}(rimossi|revocati|sospesi|disattivati)|account (venditore )?[^.\n]{0,15}(e stato|e) (disattivato|sospeso)"
    r"|privilegios de venta [^.\n]{0,25}(retirados|eliminados|suspendidos|revocados)|cuenta (de vendedor )?[^.\n]{0,15}(ha sido|esta) (desactivada|suspendida)"
    r"|出品(権限|用アカウント)[^。\n]{0,6}(停止|削除|無効|取り消)|アカウント[^。\n]{0,6}(停止|無効|閉鎖)され|账户[^。\n]{0,6}(停用|冻结|被封)|店铺[^。\n]{0,6}(关闭|冻结)",
)
ACCOUNT_REVIEW = rule(
    Kind.ACCOUNT_REVIEW,
    r"(account|konto|compte|cuenta)[^.\n]{0,40}(under review|being reviewed|wird [^.\n]{0,15}uberpruft|en cours d'examen|en cours de verification"
    r"|in fase di revisione|in revisione|en revision|esta siendo revisad)"
    r"|(reviewing|review of|uberprufung|examen de|verification de|revisione del|revision de)[^.\n]{0,12}(your |ihres |votre |del tuo |del suo |tu |su )?"
    r"(seller |verkaufer|vendeur |venditore |de vendedor )?(account|konto|kontos|compte|cuenta)"
    r"|funds? [^.\n]{0,25}(held|on hold|withheld)[^.\n]{0,30}review"
    r"|アカウント[^。\n]{0,8}(審査|確認)(中|を行って)|账户[^。\n]{0,6}(审核|审查)",
)
IP_INFRINGEMENT = rule(
    Kind.IP_INFRINGEMENT,
    r"intellectual property|infring|trademark|copyright|counterfeit|rights owner|image (rights|violation)"
    r"|markenrecht|urheberrecht|schutzrecht|rechteinhaber|geistige[sn]? eigentum|marke[^.\n]{0,10}verletz|bildrecht"
    r"|propriete intellectuelle|contrefa|droits? d'auteur|marque deposee|titulaire des droits"
    r"|proprieta intellettuale|violazione (del |dei )?(marchio|copyright|diritt)|contraffa|titolare dei diritti"
    r"|propiedad intelectual|derechos de autor|marca registrada|falsificad|titular de (los )?derechos"
    r"|知的財産|商標権|著作権|権利侵害|知识产权|侵权|商标",
)
LISTING_REMOVED = rule(
    Kind.LISTING_REMOVED,
    r"(listing|listings|asin|product page|offer|detail page)[^.\n]{0,40}(closed|removed|deactivated|suppressed|blocked|taken down|inactive)"
    r"|(closed|removed|suppressed|deactivated)[^.\n]{0,25}(listing|asin|offer)|negative customer experience|customer experience (issue|concern)"
    r"|(angebot|artikel|asin|produktseite)[^.\n]{0,40}(geschlossen|entfernt|deaktiviert|gesperrt|unterdruckt)|negative[rn]? kundenerfahrung"
    r"|(offre|fiche produit|annonce|asin)[^.\n]{0,40}(fermee|supprimee|desactivee|bloquee|fermees|supprimees)|experience client negative|experiences? negatives? des clients"
    r"|(offerta|inserzione|asin|pagina prodotto)[^.\n]{0,40}(chiusa|rimossa|disattivata|bloccata|chiuse|rimosse)|esperienza (del cliente )?negativa"
    r"|(oferta|anuncio|publicacion|asin)[^.\n]{0,40}(cerrada|eliminada|desactivada|bloqueada|cerradas)|experiencia (del cliente )?negativa|experiencia negativa"
    r"|出品(が|を)?[^。\n]{0,6}(停止|削除|閉鎖|無効)|商品ページ[^。\n]{0,10}(停止|削除)|(listing|商品)[^。\n]{0,4}下架|下架",
)
PERFORMANCE_WARNING = rule(
    Kind.PERFORMANCE_WARNING,
    r"order defect rate|\bodr\b|late shipment rate|late dispatch rate|cancellation rate|valid tracking rate|on-time delivery"
    r"|account health|performance (target|metric|notification|warning)|(above|exceeds?|below) (the |our )?(target|threshold)"
    r"|bestellmangelquote|verspatungsquote|stornoquote|kontozustand|leistungskennzahl"
    r"|taux de (defauts|defaut|defectuosite) de commande|taux d'expedition|taux d'annulation|sante du compte|indicateurs de performance"
    r"|tasso di difettosita|tasso di (spedizion|cancellazion)|stato dell'account|metriche di performance|obiettivo di performance"
    r"|tasa de defectos|tasa de (envio|cancelacion)|estado de la cuenta|metricas de rendimiento|objetivo de rendimiento"
    r"|注文不良率|出荷遅延率|キャンセル率|アカウント健全性|パフォーマンス指標|订单缺陷率|迟发率|账户状况|店铺表现",
)
CHARGEBACK = rule(
    Kind.CHARGEBACK,
    r"chargeback|charge-back|charge back|ruckbuchung|ruckbelastung|retrofacturation|retrofactura|contestation (de|du) paiement"
    r"|storno (di )?addebito|riaddebito|contracargo|contracargos|チャージバック|拒付|退单",
)
ATOZ = rule(
    Kind.ATOZ_CLAIM,
    r"a-to-z|a to z|\batoz\b|a-z guarantee|a-z-garantie|a-bis-z|a bis z|garantie (de )?a a z|a-a-z|dalla a alla z|garanzia a-z"
    r"|de la a a la z|garantia (de la )?a-z|マーケットプレイス保証|a-z保証|a-zギャランティ",
)
CLAIM_WORD = rule(
    Kind.ATOZ_CLAIM,
    r"\bclaim\b|\banspruch|garantieantrag|reclamation|\breclamo\b|reclamacion|申し立て|保証請求|索赔",
    subject_only=True,
)
RETURN_REQUEST = rule(
    Kind.RETURN_REQUEST,
    r"\breturn (request|authori[sz]ation|requested|opened|started|initiated)|request(ed)? (a |to )?return|wants to return|\breturn\b"
    r"|rucksendung|rucksende|ruckgabe|rucknahme|demande de retour|\bretour\b|richiesta di (reso|restituzione)|autorizzazione al reso|\breso\b"
    r"|restituzione|devolucion|返品|退货|退貨|退换",
)
REFUND_ISSUED = rule(
    Kind.REFUND_ISSUED,
    r"refund (initiated|issued|processed|notification|confirmation|completed|sent)|(issued|initiated|processed|sent) (a |the |your )?(full |partial )?refund|refunded"
    r"|erstattung (veranlasst|durchgefuhrt|ausgelost|erfolgt|bestatigt)|ruckerstattung|erstattet"
    r"|remboursement (initie|effectue|emis|confirme)|rembourse|rimborso (avviato|emesso|effettuato|confermato)|rimborsato"
    r"|reembolso (iniciado|emitido|realizado|procesado|confirmado)|reembolsado|返金(が|を)?(開始|完了|処理|手続き)|已退款|退款(成功|完成|已)",
)
CANCELLATION_REQUEST = rule(
    Kind.CANCELLATION_REQUEST,
    r"cancel+ation request|request(ed|s)? (to )?cancel|cancel (my |this |the )?order|order cancel+ation|buyer cancel+ation|cancel+ation from buyer"
    r"|stornierungsanfrage|stornierungsantrag|stornierung|demande d'annulation|annulation|richiesta di (cancellazione|annullamento)|annullamento|cancellazione"
    r"|solicitud de cancelacion|cancelacion|キャンセル(リクエスト|依頼|申請|要求)|取消订单|取消请求|申请取消",
)
FEEDBACK = rule(
    Kind.FEEDBACK,
    r"feedback|\breview\b|bewertung|evaluation|commentaire (negatif|client)|avis (negatif|client)|valutazione|feedback negativo|recensione"
    r"|valoracion|opinion negativa|評価|レビュー|差评|评价",
)
POLICY_WARNING = rule(
    Kind.POLICY_WARNING,
    r"policy (warning|violation|notice)|violat|restricted product|prohibited|warnung|richtlinie|verstoss|avertissement|violation|infraction"
    r"|avvertimento|violazione|normativ|advertencia|infraccion|incumplimiento|ポリシー|規約違反|警告|违反|违规|政策",
)
DISPUTE = rule(
    Kind.DISPUTE,
    r"dispute|case (opened|open|was opened|has been opened|\d|id|number|#|no)|opened a case|open(ed)? a case|step in|stepped in|escalat"
    r"|money back guarantee|streitfall|fall (eroffnet|wurde|nr|\d)|(einen )?fall eroffnet|konflikt|cas (ouvert|n°|\d)|ouvert un cas|litige"
    r"|caso (aperto|abierto|n\.|\d)|aperto un caso|abierto un caso|disputa|controversia|纠纷|争议|ケース(が|を)?(開|オープン)",
)
NOT_RECEIVED_REQUEST = rule(
    Kind.DISPUTE,
    r"item not received|not received|hasn't received|hasn't arrived|has not (been )?received|didn't receive|never arrived"
    r"|nicht erhalten|nicht angekommen|non recu|pas recu|non ricevuto|non e arrivato|no recibido|no ha llegado|未着|未收到",
)


def detect_kind(subject: str, lead: str, rules: tuple[Rule, ...]) -> Kind | None:
    """The kind of the first rule matching the subject, else the first matching the body's opening."""
    folded_subject = lower_unaccented(subject)
    for candidate in rules:
        if candidate.pattern.search(folded_subject):
            return candidate.kind
    folded_lead = lower_unaccented(lead)
    for candidate in rules:
        if not candidate.subject_only and candidate.pattern.search(folded_lead):
            return candidate.kind
    return None


_DECIDED_SUBJECT = re.compile(lower_unaccented(
    r"decision|decided|outcome|resolved|closed|granted|denied|result|entscheidung|entschieden|abgeschlossen|decision|decide|clos"
    r"|decisione|deciso|chiuso|esito|decision|resuelt|cerrad|resultado|決定|結果|判定|结果|裁决"
))
_DECIDED_BODY = re.compile(lower_unaccented(
    r"(have|has) (been )?(granted|decided|denied|closed|resolved|rejected|withdrawn)|(was|were) (granted|decided|denied|closed|resolved|rejected)"
    r"|we (have )?(granted|decided|denied|closed|resolved|ruled)|decided in|in (your|the buyer's|the customer's) favou?r|in favou?r of"
    r"|zugunsten|wurde[^.\n]{0,40}(entschieden|gewahrt|abgelehnt|geschlossen)|haben [^.\n]{0,30}entschieden"
    r"|en (votre )?faveur|a ete (accorde|rejete|clos|cloture|tranche|refuse)|avons (decide|tranche|accorde)"
    r"|a (suo |tuo |vostro )?favore|e stato (accolto|respinto|chiuso|deciso)|abbiamo (deciso|accolto|respinto)"
    r"|a (su |tu )?favor|ha sido (concedid|rechazad|cerrad|resuelt|decidid)|hemos (decidido|resuelto|concedido)"
    r"|(決定|判断|判定)(しました|いたしました|されました)|有利(に|な)|已(裁决|判定)"
))


def decided(subject: str, lead: str) -> bool:
    """Does the notice report a decision (claim or chargeback decided) rather than a new case?"""
    return bool(_DECIDED_SUBJECT.search(lower_unaccented(subject)) or _DECIDED_BODY.search(lower_unaccented(lead)))
