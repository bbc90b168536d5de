"""Turkish buyer cues, as buyers write on Amazon.com.tr, Trendyol-style marketplaces and
AliExpress: "kargom hâlâ gelmedi", "kırık geldi", "yanlış ürün", "beden küçük geldi".

Turkish builds words with suffixes, so cues are stems with ``\\w*`` and the negation is mostly
inside the verb ("gelmedi", "çalışmıyor"); a "değil"/"yok" right after a cue cancels it
("kırık değil"). Text and patterns are folded (lower case, "ç ş ğ ö ü" -> "c s g o u",
"İ" -> "i"); "ı" has no accent to strip, and many buyers type it as "i": every "ı" in a
pattern below reads both (``_both_i``).
"""

from dataclasses import replace

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Cue, Lexicon, cue, letter_option_cue

_GOODS = r"(?:kargo\w*|paket\w*|sipariş\w*|ürün\w*|koli\w*|gönderi\w*)"
_BOX = r"(?:koli\w*|kutu\w*|paket\w*|ambalaj\w*|zarf\w*|kargo\w*|poşet\w*)"
_PART = r"(?:kablo\w*|şarj aleti\w*|şarj cihazı\w*|kılavuz\w*|vida\w*|parça\w*|kumanda\w*|pil\w*|adaptör\w*|aksesuar\w*|kapa\w*|talimat\w*|ayak\w*)"
# What a buyer may "not have received" without the goods being missing.
_NOT_GOODS = rf"\b(?:takip\w*|kod\w*|cevap\w*|yanıt\w*|iade\w*|para\w*|mail\w*|e-?posta\w*|mesaj\w*|fatura\w*|bilgi\w*|onay\w*|{_PART})\b"
_OPTION_NOUN = r"(?:seçene\w*|opsiyon\w*|çözüm\w*|öneri\w*|teklif\w*|şık\w*)"
_CHOICE_VERB = r"(?:seç\w*|istiyorum|isterim|tercih\w*|alıyorum|alırım|alalım|olsun|uygun|kabul\w*)"

_CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4,
        r"\b(?:gelmedi|gelmemiş|gelmiyor|gelmedi\w*|ulaşmadı|ulaşmamış|ulaşmıyor|teslim edilmedi|teslim edilmemiş|teslim almadım|teslim alamadım|alamadım|almadım|elime geçmedi|elime ulaşmadı|eline ulaşmadı|hala yok|halen yok)\b",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.4, r"\b(?:hala|halen|günlerdir|haftalardır|aylardır|\d+\s*gündür|\d+\s*haftadır|bir aydır|iki haftadır)\s+(?:\w+\s+)?bekl\w*", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.6, rf"\b{_GOODS}\b.{{0,20}}?\b(?:kayboldu|kaybolmuş|kaybolmuştur|kayıp|ortada yok|bulunamıyor|bulunamadı|yok oldu)\b|\bkayıp kargo\b"),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:göndericiye|gönderene|satıcıya|çin'?e)\s+(?:geri\s+)?(?:iade|gönderil\w*|dön\w*)|\bgeri dön(?:dü|müş|üyor)\b|\bdağıtılamadı\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\bteslim edil(?:di|miş)\w*\s+(?:\w+\s+)?(?:görünüyor|gözüküyor|yazıyor|diyor|olarak)\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:gecik\w*|geç kaldı|çok uzun sürdü|hala yolda|halen yolda)"),
    # --- lateness -------------------------------------------------------------------------------
    cue(LATE, 1.0, r"\b(?:[1-9]\d|\d{3})\s*gün\w*|\b(?:[2-9]|\d{2})\s*hafta\w*|\b\d+\s*ay(?:dır|dir|dan|ı|i)?\b"),
    cue(LATE, 1.0, r"\b(?:aylardır|haftalardır|günlerdir|bir aydır|iki aydır|iki haftadır|üç haftadır|uzun zamandır|epeydir|bir ayı geçti|bir ay oldu)\b"),
    cue(LATE, 0.5, r"\b(?:hala|halen|henüz|daha)\b"),
    # --- tracking inquiry -----------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"\btakip\s*(?:numara\w*|no\b|kod\w*|link\w*)|\bkargo takip\w*|\bgönderi\s*(?:numara\w*|kod\w*)|\btracking\w*", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\btakip\w*", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, rf"\b{_GOODS}\s+(?:\w+\s+)?nerede\b|\bnerede\s+(?:kaldı|bu|şu)\b|\b(?:kargom|siparişim|paketim|ürünüm)\s+ne\s+durumda\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, r"\bne zaman\b.{0,30}?\b(?:gel\w*|ulaş\w*|kargo\w*|gönder\w*|elime|teslim\w*|yola çık\w*|çıkar\w*)", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0,
        r"\b(?:kargoya verildi|kargolandı|gönderildi|yola çıktı|kargoya verdiniz)\s*mi\b|\b(?:kargo|sipariş|gönderi)\s+durumu\b|\b(?:teslimat|teslim)\s+tarihi\b|\btahmini\s+(?:teslim\w*|varış)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\bgümrükte\s+(?:\w+\s+)?(?:bekliyor|takıldı|takılı|kaldı|duruyor|bekletiliyor|tutuluyor)\b"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, 1.4, r"\byanlış\s+(?:bir\s+)?(?:ürün\w*|sipariş\w*|paket\w*|model\w*|kargo\w*|parça\w*|şey\w*|mal\w*|renk ve model)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\b(?:sipariş ettiğim|sipariş verdiğim|aldığım|istediğim|seçtiğim|satın aldığım)\s+(?:\w+\s+){0,2}?değil\b", negatable=False),
    cue(I.WRONG_ITEM, 1.0,
        r"\b(?:başka|farklı|bambaşka|alakasız|apayrı)\s+(?:bir\s+)?(?:ürün\w*|şey\w*|model\w*|parça\w*|mal\w*)\b",
        veto=r"\b(?:fotoğraf|resim|görsel|açıklama|ilan)\w*"),
    cue(I.WRONG_ITEM, 1.0, r"\b(?:sipariş ettim|sipariş verdim|aldım|istedim|seçtim|satın aldım)\b.{1,60}?\b(?:geldi|gönderdiniz|gönderilmiş|yolladınız|gönderildi)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\byerine\b.{0,30}?\b(?:geldi|gönderilmiş|gönderdiniz|yolladınız|gönderildi|çıktı)\b"),
    cue(I.WRONG_ITEM, 0.3, r"\byerine\b"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\baçıklama\w*\s+(?:\w+\s+)?(?:yanlış|hatalı|yanıltıcı|uyuşmuyor|uymuyor|tutmuyor)|\byanıltıcı\s+(?:ilan|açıklama|reklam|ürün)"),
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"\b(?:açıklama\w*|fotoğraf\w*|resim\w*|görsel\w*|ilan\w*|tarif\w*)\b.{0,25}?\b(?:uymuyor|uyuşmuyor|alakası yok|aynı değil|tutmuyor|alakasız|benzemiyor)",
        negatable=False),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:renk\w*|malzeme\w*|kumaş\w*|desen\w*|baskı\w*|ton\w*|doku\w*)\b.{0,25}?\b(?:farklı|yanlış|aynı değil|uymuyor|alakası yok|tutmuyor|başka)"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:yanlış|farklı)\s+renk\w*"),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:fotoğraf|resim|görsel|ilan)\w*(?:taki|teki|deki|daki|takinden|tekinden|dekinden|dakinden|ta|te|de|da)\b\s*(?:\w+\s+)?(?:çok\s+)?(?:daha\s+)?(?:farklı|küçük|büyük|koyu|açık|ince|kötü|kalitesiz|ucuz|soluk)"),
    cue(I.NOT_AS_DESCRIBED, 1.4, r"\b(?:ilan|fotoğraf|resim|görsel|açıklama|sayfa)\w*(?:daki|deki|taki|teki)\s+gibi\s+değil\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\b(?:sahte|çakma|taklit|replika|orijinal değil|orjinal değil|imitasyon)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\b(?:deri|çelik|paslanmaz|ahşap|pamuk|gümüş|altın|metal|ipek|yün|cam)\w*\s+değil\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, 0.5, r"\bucuz plastik\b"),
    # --- quality defect -------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:performans|kalite)\w*\b.{0,20}?\b(?:yetersiz|yeterli değil)"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:çalışmıyor|çalışmadı|çalışmıyo|çalışmaz|çalışmamaktadır|açılmıyor|açılmadı|şarj olmuyor|şarj olmadı|şarj etmiyor|şarj almıyor|yanmıyor|ısıtmıyor|soğutmuyor|bağlanmıyor|eşleşmiyor|ses gelmiyor|görüntü gelmiyor|çalışmayı bıraktı|çalışmaz oldu)\b",
        negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:bozuk\w*|bozuldu|bozulmuş|arızalı|arıza\w*|defolu|kusurlu|hatalı ürün|hatalı çıktı|sorunlu|fabrika hatası)\b"),
    cue(I.QUALITY_DEFECT, STRONG, r"\bkalitesiz\w*|\b(?:kötü|düşük|berbat|vasat|rezalet)\s+kalite\w*|\bkalite\w*\s+(?:çok\s+)?(?:kötü|berbat|düşük|rezalet|sıfır|vasat|yerlerde)\b"),
    cue(I.QUALITY_DEFECT, 1.0, r"\b(?:takılıyor|donuyor|kendi kendine kapanıyor|kapanıyor|aşırı ısınıyor|ısınıyor|ses yapıyor|ses çıkarıyor|cızırtı\w*|titriyor|yanıp sönüyor|kullanılmaz|işe yaramıyor|işe yaramaz)\b"),
    cue(I.QUALITY_DEFECT, 0.6, r"\b(?:çöp|rezalet|berbat|para çöpe)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:dikiş\w*|fermuar\w*|düğme\w*|taban\w*|sap\w*|kayış\w*|toka\w*|kulp\w*|askı\w*|yapıştırma\w*)\b.{0,25}?\b(?:söküldü|sökük|sökülmüş|koptu|kopmuş|patladı|ayrıldı|açıldı|kırıldı|düştü|attı|çıktı)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:boyası (?:attı|çıktı|akıyor)|rengi (?:attı|soldu|çıktı|akıyor)|soldu|solmuş|paslandı|paslanmış|pas tuttu|kokuyor|kötü koku\w*|leke\w*|tüylendi|tüy bırakıyor|soyuldu|soyuluyor|küf\w*|kabardı|kabarmış)\b"),
    # --- breakage -------------------------------------------------------------------------------
    cue(BROKEN, 1.0,
        r"\b(?:kırık\w*|kırıl\w*|çatla\w*|çatlak\w*|çizik\w*|çizil\w*|ezik\w*|ezil\w*|yamuk|eğril\w*|bükül\w*|sızdır\w*|akıtıyor|yırtık\w*|yırtıl\w*|delik\w*|parçalan\w*|patlak|patlamış|göçük\w*|kopuk|kopmuş)\b"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, STRONG, r"\bhasar\w*|\bzarar gör\w*"),
    cue(I.DAMAGED, 1.4,
        r"\b(?:kırık|kırılmış|hasarlı|ezik|ezilmiş|çatlak|çatlamış|çizik|çizilmiş|parçalanmış|paramparça|ıslak|ıslanmış|yırtık|patlak|göçük|dağılmış)\s+(?:\w+\s+)?(?:geldi|ulaştı|teslim edildi|elime geçti|gönderilmiş)\b"),
    cue(I.DAMAGED, STRONG,
        rf"\b{_BOX}\b.{{0,30}}?\b(?:ezik|ezilmiş|yırtık|yırtılmış|hasarlı|ıslak|ıslanmış|açık|açılmış|delik|delinmiş|parçalanmış|patlamış|göçük|göçmüş|paramparça|darmadağın|yamulmuş)\b"),
    cue(I.DAMAGED, 1.0, r"\b(?:paramparça|param parça|tuzla buz|un ufak|darmadağın)\b"),
    cue(ARRIVAL, 1.0,
        r"\b(?:kargoda|taşıma sırasında|taşımada|teslimatta|kargo sırasında|yolda|açtığımda|açınca|açar açmaz|teslim aldığımda|geldiğinde)\b|\b(?:geldi|ulaştı|teslim edildi|elime geçti)\b"),
    cue(ARRIVAL, 0.5, rf"\b{_BOX}\b"),
    # --- time in use ----------------------------------------------------------------------------
    cue(AFTER_USE, 1.0,
        r"\b(?:\d+|bir|iki|üç|dört|beş|birkaç|kaç|ilk)\s+(?:gün|hafta|ay|saat|kullanım|yıkama|kez|kere|defa|sefer)\w*\s+(?:sonra|içinde|kullandıktan sonra|kullanınca)\b"),
    cue(AFTER_USE, 1.0,
        r"\b(?:kullandıktan|yıkadıktan|taktıktan|giydikten|şarj ettikten|kurduktan)\s+sonra\b|\bilk\s+(?:kullanımda|yıkamada|seferde|şarjda|gün)\b|\bartık\s+(?:\w+\s+)?(?:çalışmıyor|açılmıyor|şarj olmuyor|yanmıyor)\b|\b(?:bir|iki|birkaç)\s+(?:kez|kere|defa)\s+(?:kullandım|giydim|yıkadım|taktım)\b"),
    # --- missing parts --------------------------------------------------------------------------
    cue(I.MISSING_PARTS, STRONG, r"\beksik\w*", veto=r"\b(?:adres|bilgi)\w*\s+eksik|\beksik\s+(?:adres|bilgi)\w*"),
    cue(I.MISSING_PARTS, STRONG,
        rf"\b(?:içinden|kutudan|paketten|kutunun içinden|kutuda|pakette)\s+(?:\w+\s+){{0,2}}?(?:çıkmadı|yoktu|yok)\b|\b{_PART}\s+(?:\w+\s+){{0,2}}?(?:yoktu|yok|çıkmadı|gelmedi|gönderilmemiş|gönderilmedi|konmamış|konulmamış|unutulmuş)\b",
        negatable=False),
    cue(I.MISSING_PARTS, 1.0, r"\b(?:sadece|yalnızca|yalnız|sadece)\s+(?:\d+|bir|iki|üç|dört)\s+(?:tane|adet)\s+(?:\w+\s+)?(?:geldi|gönderilmiş|var|çıktı|gönderdiniz)\b|\b(?:\d+|iki|üç|dört|beş)\s+(?:tane|adet)\s+yerine\b"),
    cue(I.MISSING_PARTS, 1.4, r"\b(?:olması gerekirken|olacakken|yerine)\s+(?:sadece\s+)?(?:\d+|bir|iki|üç|dört|beş)\s+(?:parça|tane|adet)\b"),
    cue(I.MISSING_PARTS, 0.6, rf"\b{_PART}\s+olmadan\b", negatable=False),
    # --- customs --------------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.0, r"\bgümrük\w*", veto=r"\bgümrükte\s+(?:\w+\s+)?(?:bekliyor|takıldı|takılı|kaldı|duruyor|bekletiliyor|tutuluyor)\b"),
    cue(I.CUSTOMS_TAX, 1.4,
        r"\bgümrük\s+(?:vergisi|ücreti|masrafı|bedeli)\w*|\bithalat\s+(?:vergisi|ücreti|bedeli)\w*|\b(?:vergi|kdv)\s+(?:ödedim|ödemek zorunda|istendi|istediler|çıktı|kesildi)\w*|\bvergiye takıldı\b"),
    cue(I.CUSTOMS_TAX, MEDIUM, r"\b(?:vergi\w*|kdv)\b"),
    cue(I.CUSTOMS_TAX, 0.6, r"\b(?:ekstra|ek|fazladan)\s+(?:ücret|para|ödeme)\w*|\bödemek zorunda kaldım\b|\bpara ödedim\b"),
    # --- empty ----------------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, rf"\b{_BOX}\b.{{0,25}}?\b(?:tamamen |bom)?boş\b|\biçi\s+(?:bom)?boş\b"),
    cue(I.EMPTY_PACKAGE, 1.6, rf"\bboş\s+{_BOX}"),
    cue(I.EMPTY_PACKAGE, 1.4, r"\b(?:içinden|içinde|içinde ise)\s+hiçbir şey\s+(?:yoktu|yok|çıkmadı)\b|\bhiçbir şey\s+(?:yoktu|çıkmadı)\b", negatable=False),
    cue(I.EMPTY_PACKAGE, STRONG, r"\b(?:sadece|yalnızca)\s+(?:\w+\s+)?(?:kağıt|balonlu naylon|dolgu\w*|köpük|hava|naylon|strafor)\s+(?:vardı|çıktı)\b"),
    cue(I.EMPTY_PACKAGE, 0.6, r"\b(?:boş|bomboş)\b"),
    # --- size -----------------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG, r"\b(?:çok\s+|biraz\s+|fazla\s+|bayağı\s+|epey\s+)?(?:küçük|büyük|dar|bol|kısa|uzun|geniş|sıkı)\s+(?:geldi|oldu|kaldı|çıktı)\b"),
    cue(I.SIZE_FIT, STRONG, r"\b(?:beden\w*|numara\w*|kalıb\w*|kalıp\w*)\s+(?:\w+\s+)?(?:küçük|büyük|dar|bol|uymadı|uymuyor|olmadı|yanlış|tutmadı)\b"),
    cue(I.SIZE_FIT, STRONG, r"\b(?:bana|ayağıma|üstüme|bedenime)\s+(?:\w+\s+)?(?:olmadı|uymadı|olmuyor|uymuyor|girmiyor)\b|\b(?:sığmıyor|girmiyor|giremiyorum|giyemiyorum)\b", negatable=False,
        veto=r"\b(?:renk|açıklama|fotoğraf|resim|telefon|araba|araç)\w*"),
    cue(I.SIZE_FIT, 1.0, r"\byanlış beden\b|\bbeden\s+(?:tablosu|tablosuna)\b|\b(?:küçük|büyük|dar|bol)\s+kalıp\b"),
    cue(I.SIZE_FIT, MEDIUM, r"\b(?:normalden|beklediğimden|standarttan|her zamankinden)\s+(?:daha\s+)?(?:küçük|büyük|dar|bol|kısa)\b"),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, STRONG, r"\b(?:değişim\w*|değiştir\w*|değişir mi|takas\w*)"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"\b(?:beden\w*|renk\w*|sipariş\w*|model\w*|numara\w*)\b.{0,25}?\b(?:güncelle\w*|düzelt\w*)"),
    cue(I.EXCHANGE_REQUEST, 0.6, r"\bbir\s+(?:beden|numara)\s+(?:büyük|küçük)\w*|\b(?:başka|farklı|daha büyük|daha küçük)\s+(?:bir\s+)?(?:beden|renk|numara)\w*|\bonun yerine\b"),
    cue(OWN_MISTAKE, 1.0, r"\b(?:yanlışlıkla|yanlış sipariş verdim|yanlış seçtim|yanlış tıkladım|benim hatam|hata bende|dikkatsizlik\w*)\b", negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4,
        r"\bnasıl\b.{0,30}?\b(?:kullan\w*|kur\w*|monte\w*|ayarla\w*|sıfırla\w*|reset\w*|bağla\w*|bağlan\w*|eşleştir\w*|şarj\w*|çalıştır\w*|aç\w*|kapat\w*|temizle\w*|yıka\w*|tak\w*|güncelle\w*|programla\w*|aktif\w*|birleştir\w*|çalışıyor|yapılır|yapılıyor|yapabilirim|yaparım)",
        negatable=False, veto=r"\b(?:iade\w*|iptal\w*|değişim\w*|kargo\w*|takip\w*|sipariş\w*|para\w*|ödeme\w*|şikayet\w*|teslimat\w*)"),
    cue(I.USAGE_QUESTION, 1.4, r"\b(?:kullan\w*|kur\w*|bağla\w*|ayarla\w*|eşleştir\w*|monte\w*|çalıştır\w*)\s+(?:\w+\s+)?nasıl\b", negatable=False),
    cue(I.USAGE_QUESTION, STRONG, r"\b(?:anlamadım|anlayamadım|bilmiyorum|çözemedim|beceremedim)\b.{0,10}?\bnasıl\b|\bnasıl\b.{0,25}?\b(?:anlamadım|anlayamadım|bilmiyorum|çözemedim)\b|\bkullanmayı bilmiyorum\b", negatable=False),
    cue(I.USAGE_QUESTION, MEDIUM, r"\b(?:uyumlu mu|uyumlu mudur|uyar mı|uyumlu)\b"),
    cue(I.USAGE_QUESTION, WEAK, r"\b(?:kullanım kılavuzu|kılavuz\w*|talimat\w*)", veto=r"\b(?:yok|yoktu|eksik|çıkmadı)\b"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"\biptal\w*|\bcancel\w*", veto=r"\b(?:itiraz|anlaşmazlık|şikayet|dispute|vaka)\w*|\b(?:talebi|talebimi|itirazı|iadeyi)\s+iptal"),
    cue(I.CANCELLATION, STRONG, r"\b(?:vazgeçtim|vazgeçiyorum|vazgeçmek istiyorum)\b|\bsipariş\w*\s+(?:geri çek\w*|durdur\w*)|\bartık istemiyorum\b|\bistemiyorum artık\b"),
    cue(I.CANCELLATION, 1.0, r"\b(?:göndermeyin|kargolamayın|yollamayın|kargoya vermeyin|göndermeyiniz)\b", negatable=False),
    cue(I.CANCELLATION, MEDIUM, r"\b(?:artık\s+)?(?:ihtiyacım kalmadı|ihtiyacım yok)\b", negatable=False),
    # --- option choice --------------------------------------------------------------------------
    letter_option_cue(r"(?:seçenek|opsiyon|çözüm|öneri|şık)", r"lütfen|teşekkür|olur|tamam|uygun"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b{_OPTION_NOUN}\s*(?:no\.?\s*|numara\s*|#\s*)?\(?(?P<ord>{{ORD}})\)?(?!\w)(?![\d-])"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b(?P<ord>{{NTH}})(?:\s*numaralı)?\s+{_OPTION_NOUN}"),
    cue(I.OPTION_CHOICE, STRONG,
        rf"(?<![\d.])\b(?P<ord>{{NTH}})\s*(?:'?(?:yi|yı|ü|u|i|ı|yu|yü|ncisi|ncıyı|nciyi|üncüyü|ünü|ini|ını|unu)\b|numara\w*)\s+(?:\w+\s+)?{_CHOICE_VERB}"),
    cue(I.OPTION_CHOICE, 1.0, r"^\W*(?:seçenek\s*)?(?P<ord>{NTH}|bir|iki|üç)\W*(?:numara|lütfen|teşekkürler|teşekkür ederim|olur|tamam|seçenek)?\W*$"),
    cue(I.OPTION_CHOICE, 1.0, rf"\b(?:kısmi iade|indirim kodu|kupon\w*|indirim\w*|teklif\w*|öneri\w*|telafi\w*)\s+(?:\w+\s+)?(?:kabul\w*|istiyorum|tercih ediyorum|olur|uygun\w*|seçiyorum)"),
    cue(I.OPTION_CHOICE, WEAK, r"\b(?:iade\w*|para iadesi\w*|yenisi\w*|yeni ürün\w*|değişim\w*)\s+(?:\w+\s+)?(?:istiyorum|tercih ediyorum|kabul ediyorum|seçiyorum)\b"),
)


def _both_i(pattern: str) -> str:
    """Let every dotless "ı" of a pattern also read "i", as buyers without Turkish keys type it."""
    return pattern.replace("ı", "[ıi]")


def _with_both_i(found: Cue) -> Cue:
    return replace(found, pattern=_both_i(found.pattern), veto=_both_i(found.veto) if found.veto else None)


CUES = tuple(_with_both_i(found) for found in _CUES)

LEXICON = Lexicon(
    language="tr",
    cues=CUES,
    ordinals=(
        (r"birinci\w*|ilk\w*|1\.", 1),
        (r"ikinci\w*|2\.", 2),
        (r"üçüncü\w*|3\.", 3),
        (r"dördüncü\w*|4\.", 4),
        (r"sonuncu\w*|son", 0),
    ),
    cardinals=((r"bir", 1), (r"iki", 2), (r"üç", 3), (r"dört", 4)),
    # "hiç" is not a negation here: "hiç çalışmıyor" is "does not work at all".
    negation_before=r"\b(?:asla)\b",
    negation_after=r"\s*(?:değil\w*|yok\b|yoktu\b|yoktur\b|olmadı\b|etmeyin\w*|etmeyelim\b|etmek istemiyorum|etmenizi istemiyorum|istemiyorum)",
    clause_break=r"[.,;:!?\n()]|\b(?:ama|fakat|ancak|lakin|çünkü|ve)\b",
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=_both_i(r"\b(?:değerlendirme\w*|değerlendiri\w*|yorum\w*|puan\w*|yıldız\w*|feedback|geri bildirim\w*)\b"),
    change=_both_i(r"\b(?:değiştir\w*|güncelle\w*|kaldır\w*|silme\w*|silin\w*|silebilir\w*|sildir\w*|düzelt\w*|gözden geçir\w*|yeniden değerlendir\w*|geri çek\w*|revize\w*)\b"),
    incentive=_both_i(r"\b(?:iade\w*|para iadesi|indirim\w*|kupon\w*|bedava|ücretsiz\w*|hediye\w*|alışveriş çeki\w*|karşılığında|telafi\w*|ödül\w*)\b"),
    positive=_both_i(r"\b(?:olumlu\w*|pozitif\w*|beş yıldız\w*|5 yıldız\w*|tam puan\w*|iyi (?:yorum|puan|değerlendirme)\w*)\b"),
    outside_contact=_both_i(r"\b(?:whatsapp|wechat|telegram|skype|bizi arayın|bizi arayabilirsiniz|telefonla (?:ulaş|ara|iletişim)\w*|telefondan|(?:amazon|trendyol|hepsiburada|ebay|aliexpress|platform)\w* dışında)\b"),
    marketing=_both_i(r"\b(?:bülten\w*|bizi takip edin|mağazamızı ziyaret edin|web sitemizi ziyaret\w*|yeni koleksiyon\w*|abone ol\w*|facebook|instagram|tiktok)\b"),
)
