"""Turkish: the words marketplaces print and buyers write, beside the classifier's cues.

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Patterns are written as the notices print the words; they are folded (lower case, Latin accents removed)
before use, except the account-notice words, which are matched on lower-cased text.
"""

from disputed.vocabulary import Remedy

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("kismi iade", "kısmi iade", "indirim"),
    Remedy.CANCELLATION: ("iptal",), Remedy.EXCHANGE: ("degisim", "degistir"),
    Remedy.REPLACEMENT: ("yenisini", "tekrar gonder", "yeniden gonder"),
    Remedy.REFUND: ("para iadesi", "paramı", "paramin", "iade"),
}
ATTACHMENTS = {"photo": ("resim",), "video": ()}
ATTACHING = ("ekte", "ekledim", "gonderdim")

FIELD_LABELS = {
    "order_id": ("sipariş numarası", "sipariş no", "sipariş", "sipariş kimliği"),
    "item": ("ürün", "ürün adı", "sipariş edilen ürün", "ürün başlığı"),
    "quantity": ("adet", "miktar", "iade miktarı", "iade edilecek adet"),
    "reason": ("iade nedeni", "neden", "sebep", "iade sebebi", "talep nedeni", "iptal nedeni", "anlaşmazlık nedeni", "geri ödeme nedeni"),
    "comment": ("alıcının açıklaması", "alıcı açıklaması", "sorun açıklaması", "sorunun açıklaması",
                "anlaşmazlık ayrıntıları", "alıcı yazdı",
                "müşteri yorumu", "müşteri yorumları", "yorum", "yorumlar", "alıcı yorumu", "müşteri açıklaması"),
    "message": ("mesaj", "alıcının mesajı", "alıcı mesajı", "müşteri mesajı"),
    "amount": ("tutar", "talep tutarı", "iade tutarı", "geri ödeme tutarı", "talep edilen tutar"),
    "buyer": ("alıcı", "müşteri", "müşteri adı", "alıcı adı"),
    "request": ("alıcının talebi", "talep edilen çözüm"),
    "tracking": ("takip numarası", "kargo takip numarası", "gönderi takip numarası"),
    "case_id": ("talep numarası", "vaka numarası", "iade numarası", "anlaşmazlık numarası"),
    "rating": ("puan", "değerlendirme puanı", "yıldız"),
}

RETURN_REASONS = {
    "empty_package": r"boş (paket|kutu|koli)|(paket|kutu|koli) boş",
    "not_received": r"teslim (edilmedi|alınmadı|almadım)|gelmedi|ulaşmadı|geç (geldi|teslim)|gecikti",
    "own_mistake": r"yanlışlıkla (sipariş|satın|aldım)|yanlış sipariş verdim",
    "wrong_item": r"yanlış (ürün|parça|model)|farklı (bir )?ürün",
    "missing_parts": r"eksik (parça|aksesuar|ürün|malzeme)|(parça|aksesuar)\w{0,20} eksik|eksik",
    "size_fit": r"çok (küçük|büyük|dar|bol|kısa|uzun)|uymadı|olmadı|beden|yanlış (beden|boyut)",
    "damaged": r"hasarlı|hasar görmüş|kırık (geldi|ulaştı)|ezik",
    "quality_defect": r"kusurlu|arızalı|bozuk|çalışmıyor|kalite|defolu",
    "not_as_described": r"açıklama\w{0,20} (gibi değil|uyuşmuyor|uymuyor)|tanımlandığı gibi değil|belirtildiği gibi değil|farklı renk|renk"
                        r"|uyumsuz|uyumlu değil",
    "customs_tax": r"gümrük|ithalat vergisi",
    "unwanted": r"artık ihtiyac\w{0,20} yok|gerek kalmadı|yetkisiz|daha iyi fiyat|fikrimi değiştirdim|beğenmedim|istemiyorum",
}

RELAY_INTRODUCTIONS = (r"yeni (bir )?mesaj|mesaj(ınız)? (aldınız|var)|alıcıdan (gelen |yeni )?mesaj",)
RELAY_FACT_LABELS = (r"sipariş\w{0,20}|ürün",)
RELAY_CLOSINGS = (
    r"yanıtlamak için|yanıtla$|bu e-?posta|lütfen yanıtlamayın",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"yanıtla (butonu|düğmesi)|mesajı (gör|görüntüle|yanıtla)|siparişi (gör|görüntüle)|anlaşmazlığı görüntüle"
    r"|mesaj merkezi|(mesaj merkezine|siparişe|anlaşmazlığa|mesaja) git|abonelikten çık|gizlilik politikası"
    r"|tüm hakları saklıdır",
)

# Matched on folded text: written folded (ı stays ı).
MONTHS = (
    "ocak oca", "subat sub", "mart", "nisan nis", "mayıs mayis", "haziran haz",
    "temmuz tem", "agustos agu", "eylul eyl", "ekim eki", "kasım kasim kas", "aralık aralik ara",
)
# Turkish puts the word after the date: "15 Mayıs 2026 tarihine kadar".
DEADLINE_AFTER = (r"(?:tarihine |'?[ey]?[ae] )?kadar", r"tarihinden once")
DEADLINE_NEAR_BEFORE = (r"\bson (yanıt )?tarih",)

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"sipariş kusur oranı",
    "late_shipment_rate": r"geç (gönderim|kargo|sevkiyat)",
    "cancellation_rate": r"iptal oranı",
    "valid_tracking_rate": r"geçerli takip",
}
FUNDS = r"bakiye|bekletil|\bfonlar"
LISTING_CAUSES = {"customer_experience": r"müşteri deneyimi", "ip": r"fikri mülkiyet|marka|görsel|resim"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"satış (ayrıcalık|yetki)[^.\n]{0,45}(kaldırıldı|iptal edildi|askıya alındı|devre dışı)"
                           r"|hesab[^.\n]{0,40}(devre dışı bırakıldı|askıya alındı|kapatıldı|engellendi)",
    "account_review": r"hesab[^.\n]{0,60}(inceleniyor|incelemede|inceleme altında)|hesab\w{0,20} (incelemesi|değerlendirmesi)",
    "ip_infringement": r"fikri mülkiyet|telif hakk|marka hakk|ticari marka|sahte ürün|hak sahibi",
    "listing_removed": r"(teklif|ilan|listeleme|asin|ürün sayfası)[^.\n]{0,60}(kaldırıldı|kapatıldı|devre dışı|engellendi|bastırıldı)"
                       r"|olumsuz müşteri deneyimi",
    "performance_warning": r"sipariş kusur oranı|geç (gönderim|kargo) oranı|iptal oranı|hesap (durumu|sağlığı)|performans (hedef|ölçüt|metri)",
    "chargeback": r"ters ibraz|kart itirazı",
    "atoz": r"a'dan z'ye|a-z garanti",
    "claim_word": r"garanti talebi|a-z talebi",
    "return_request": r"iade (talebi|talep|isteği|başlatıldı|açıldı)|ürün\w{0,20} iade|(?<!para )iade\b(?! (edildi|yapıldı|işlendi|tutarı))",
    "refund_issued": r"para iadesi|geri ödeme (yapıldı|başlatıldı|işlendi|tamamlandı|gerçekleştirildi)|iade edildi|iade yapıldı",
    "cancellation_request": r"iptal (talebi|isteği)|sipariş iptal|iptal",
    "feedback": r"geri bildirim|değerlendirme|olumsuz yorum",
    "policy_warning": r"uyarı|ihlal",
    "dispute": r"anlaşmazlık|uyuşmazlık|itiraz (açıldı|açtı)|vaka (açıldı|no|\d)",
    "not_received_request": r"teslim alınmadı|ulaşmadı|gelmedi",
    "decided_subject": r"karar|sonuç|çözüldü|kapatıldı",
    "decided_body": r"lehine (sonuçlandı|karar verildi|kapatıldı|çözüldü)|(onaylandı|reddedildi|sonuçlandı)|karar (verdik|verildi)",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("orijinal mesaj|(?:ö|o)zg(?:ü|u)n ileti|iletilen mesaj",)
QUOTE_ATTRIBUTIONS = (r".{0,80}\byazd(?:ı|i)\s*+:",)
QUOTE_HEADER_FROM = ("kimden",)
QUOTE_HEADER_SENT = ("g(?:ö|o)nderildi", "tarih")
