"""Field labels as marketplace notices print them, in the languages they are sent in.

One table serves every platform: "Order number", "Bestellnummer" and "订单号" mean the
same wherever they appear. Labels are compared folded (lower case, no accents,
trailing colon, ``#`` or ``No.`` removed). ``*`` marks labels that tell no language.
"""

from __future__ import annotations

from disputed.parsers.extract import LabelSet

FIELD_LABELS = LabelSet({
    "order_id": {
        "en": ("order id", "order number", "order", "order no", "order #", "purchase order", "purchase order number",
               "po", "po number", "customer order", "customer order number", "order reference"),
        "de": ("bestellnummer", "bestell-nr", "bestellnr", "bestellung", "auftragsnummer"),
        "fr": ("numero de commande", "n° de commande", "commande", "id de commande", "numero de la commande", "reference de commande"),
        "it": ("numero ordine", "numero dell'ordine", "numero d'ordine", "id ordine", "ordine", "n. ordine"),
        "es": ("numero de pedido", "id del pedido", "id de pedido", "pedido", "n.º de pedido", "nº de pedido", "numero del pedido"),
        "ja": ("注文番号", "注文id", "オーダー番号", "注文"),
        "zh": ("订单号", "订单编号", "订单", "订单号码"),
    },
    "item": {
        "en": ("item", "item name", "product", "product name", "order item", "item title", "title"),
        "de": ("artikel", "artikelbezeichnung", "produkt", "bestellter artikel", "artikelname"),
        "fr": ("article", "produit", "nom de l'article", "article commande", "nom du produit"),
        "it": ("articolo", "prodotto", "nome articolo", "articolo ordinato", "nome del prodotto"),
        "es": ("articulo", "producto", "articulo del pedido", "nombre del articulo", "nombre del producto"),
        "ja": ("商品", "商品名", "注文商品"),
        "zh": ("商品", "商品名称", "产品", "产品名称"),
    },
    "quantity": {
        "en": ("qty", "quantity", "return quantity", "quantity to return", "units"),
        "de": ("menge", "anzahl", "rucksendemenge", "stuckzahl"),
        "fr": ("quantite", "quantite retournee", "qte"),
        "it": ("quantita", "quantita reso", "quantita da restituire"),
        "es": ("cantidad", "cantidad devuelta", "cantidad a devolver"),
        "ja": ("数量", "返品数量", "個数"),
        "zh": ("数量", "退货数量"),
    },
    "reason": {
        "en": ("return reason", "reason", "reason for return", "reason for the return", "claim reason", "dispute reason",
               "reason for claim", "reason for dispute", "chargeback reason", "reason for cancellation", "cancellation reason",
               "reason for refund", "refund reason", "reason for the request", "case reason", "reason for case"),
        "de": ("rucksendegrund", "grund", "grund der rucksendung", "ruckgabegrund", "grund fur die rucksendung",
               "anspruchsgrund", "grund des anspruchs", "stornierungsgrund", "grund fur den fall", "erstattungsgrund"),
        "fr": ("motif du retour", "motif", "raison", "raison du retour", "motif de la reclamation", "motif de la demande",
               "motif de l'annulation", "motif du litige", "motif du remboursement", "raison de la reclamation"),
        "it": ("motivo del reso", "motivo della restituzione", "motivo del reclamo", "motivo della richiesta",
               "motivo dell'annullamento", "motivo della controversia", "motivo della disputa", "motivo del rimborso"),
        "es": ("motivo de la devolucion", "razon de la devolucion", "motivo de la reclamacion", "motivo de la solicitud",
               "motivo de la cancelacion", "motivo de la disputa", "motivo del reembolso", "razon"),
        "ja": ("返品理由", "理由", "申し立て理由", "キャンセル理由", "返金理由"),
        "zh": ("纠纷原因", "退货原因", "原因", "争议原因", "取消原因", "退款原因"),
        "*": ("motivo",),
    },
    "comment": {
        "en": ("customer comments", "customer comment", "customer's comment", "customer's comments", "buyer comments",
               "buyer comment", "buyer's comment", "comments", "comment", "additional comments", "buyer note",
               "comments from the buyer", "feedback comment", "details from the buyer", "buyer's description"),
        "de": ("kundenkommentar", "kundenkommentare", "kommentar des kunden", "kommentare des kunden", "kommentar",
               "kommentar des kaufers", "anmerkungen des kunden", "bewertungskommentar"),
        "fr": ("commentaires du client", "commentaire du client", "commentaire", "commentaires", "commentaire de l'acheteur",
               "remarques du client"),
        "it": ("commenti del cliente", "commento del cliente", "commento", "commenti", "commento dell'acquirente"),
        "es": ("comentarios del cliente", "comentario del cliente", "comentario", "comentarios", "comentario del comprador"),
        "ja": ("お客様からのコメント", "お客様のコメント", "購入者のコメント", "コメント", "購入者からのコメント"),
        "zh": ("买家留言", "买家描述", "买家备注", "评论", "客户留言", "买家评论"),
    },
    "message": {
        "*": ("message",),
        "en": ("buyer message", "message from buyer", "message from the buyer", "customer message", "your message"),
        "de": ("nachricht", "nachricht des kaufers", "nachricht des kunden"),
        "fr": ("message de l'acheteur", "message du client"),
        "it": ("messaggio", "messaggio dell'acquirente", "messaggio del cliente"),
        "es": ("mensaje", "mensaje del comprador", "mensaje del cliente"),
        "ja": ("メッセージ", "お問い合わせ内容", "購入者からのメッセージ"),
        "zh": ("消息内容", "留言内容", "买家消息", "消息"),
    },
    "amount": {
        "en": ("claim amount", "amount", "refund amount", "chargeback amount", "amount claimed", "amount requested",
               "requested refund", "requested amount", "disputed amount", "amount refunded", "refund total", "refunded amount"),
        "de": ("betrag", "anspruchsbetrag", "erstattungsbetrag", "ruckbuchungsbetrag", "geforderter betrag", "erstatteter betrag"),
        "fr": ("montant", "montant de la reclamation", "montant du remboursement", "montant reclame", "montant rembourse"),
        "it": ("importo", "importo del reclamo", "importo del rimborso", "importo richiesto", "importo rimborsato"),
        "es": ("importe", "importe de la reclamacion", "importe del reembolso", "importe solicitado", "importe reembolsado", "monto"),
        "ja": ("金額", "請求金額", "返金額", "申し立て金額", "返金金額"),
        "zh": ("退款金额", "金额", "申请退款金额", "争议金额"),
    },
    "buyer": {
        "en": ("buyer", "customer", "customer name", "buyer name", "buyer id", "buyer user id", "member"),
        "de": ("kaufer", "kunde", "name des kunden", "kaufername"),
        "fr": ("acheteur", "client", "nom du client"),
        "it": ("acquirente", "nome del cliente"),
        "es": ("comprador", "nombre del cliente"),
        "ja": ("購入者", "お客様", "購入者名"),
        "zh": ("买家", "买家名称", "客户"),
        "*": ("cliente",),
    },
    "request": {
        "en": ("buyer's request", "buyer request", "requested resolution", "request", "resolution requested", "expected solution"),
        "de": ("anliegen des kaufers", "gewunschte losung"),
        "fr": ("demande de l'acheteur", "solution demandee"),
        "it": ("richiesta dell'acquirente", "soluzione richiesta"),
        "es": ("solicitud del comprador", "solucion solicitada"),
        "zh": ("买家诉求", "买家要求", "诉求", "买家期望"),
    },
    "asin": {"*": ("asin",)},
    "sku": {"*": ("sku", "seller sku", "merchant sku")},
    "tracking": {
        "en": ("tracking number", "tracking id", "tracking"),
        "de": ("sendungsnummer", "sendungsverfolgungsnummer", "trackingnummer"),
        "fr": ("numero de suivi",),
        "it": ("numero di tracciamento", "numero di tracking"),
        "es": ("numero de seguimiento",),
        "ja": ("追跡番号", "お問い合わせ番号"),
        "zh": ("物流单号", "运单号", "跟踪号"),
    },
    "case_id": {
        "en": ("case id", "case number", "return id", "dispute id", "claim id", "case", "return number"),
        "de": ("fallnummer", "ruckgabenummer", "fall-id"),
        "fr": ("numero du cas", "numero de retour", "numero de litige"),
        "it": ("numero del caso", "numero di restituzione", "id controversia"),
        "es": ("numero de caso", "numero de devolucion", "id de la disputa"),
        "zh": ("纠纷编号", "纠纷号", "案件编号"),
    },
    "rating": {
        "en": ("rating", "stars", "feedback rating"),
        "de": ("bewertung", "sterne"),
        "fr": ("evaluation",),
        "it": ("valutazione", "stelle"),
        "es": ("valoracion", "puntuacion", "estrellas"),
        "ja": ("評価",),
        "zh": ("评分", "星级"),
    },
})

# Column headers of the return-request table (Order Item | ASIN | SKU | Return Quantity | ...).
TABLE_COLUMNS = FIELD_LABELS

# The language of each marketplace's own notices, by domain ending.
MARKETPLACE_LANGUAGE = {
    "de": "de", "at": "de", "ch": "de", "fr": "fr", "be": "fr", "it": "it", "es": "es", "com.mx": "es",
    "co.jp": "ja", "jp": "ja", "cn": "zh", "com.br": "pt", "nl": "nl", "se": "sv", "pl": "pl", "com.tr": "tr",
    "com": "en", "co.uk": "en", "ca": "en", "com.au": "en", "in": "en", "ie": "en", "sg": "en", "ae": "en",
}


def marketplace_language(marketplace: str | None) -> str | None:
    if not marketplace or "." not in marketplace:
        return None
    return MARKETPLACE_LANGUAGE.get(marketplace.split(".", 1)[1])
