"""The reasons marketplaces print (return reasons, claim and dispute reasons) mapped to issues.

These are the platforms' own fixed phrases and their translations, not free text, so
a phrase table is exact where a classifier would only be likely. Order matters: the
first matching family wins ("Product damaged, but shipping box OK" is damage, "Size
not as described" is a size problem, "Item arrived too late" counts as not received).
"""

from __future__ import annotations

import re

from disputed.parsers.extract import lower_unaccented
from disputed.vocabulary import Issue

_FAMILIES: list[tuple[Issue, str]] = [
    (
        Issue.EMPTY_PACKAGE,
        r"empty (package|parcel|box)|(package|parcel|box) (was |is |arrived )?empty|nothing in(side)? the (package|parcel|box)"
        r"|leere?s? (paket|packchen|karton|sendung)|(paket|karton) (war )?leer|colis vide|paquet vide|carton vide"
        r"|pacco vuoto|pacchetto vuoto|scatola vuota|paquete vacio|caja vacia|空の(荷物|箱|パッケージ|小包)"
        r"|中身が(入っていない|空|ない)|空包|空箱|包裹是空的|没有货物",
    ),
    (
        Issue.NOT_RECEIVED,
        r"not received|never (arrived|received|came)|did ?n[o']t (arrive|receive|get)|has ?n[o']t (arrived|been delivered)"
        r"|have ?n[o']t received|not (yet )?(been )?(delivered|arrived)|arrived too late|too late|late delivery"
        r"|missed (the )?(estimated )?delivery|undelivered|lost in (transit|the mail)|shipping takes too long"
        r"|nicht (erhalten|angekommen|geliefert|zugestellt)|nie angekommen|zu spat|verspatet"
        r"|(non|pas|jamais) (recu|arrive|livre)|trop tard|en retard"
        r"|non (e )?(ricevuto|arrivato|consegnato)|mai (arrivato|ricevuto)|in ritardo|troppo tardi"
        r"|no (lo )?(he )?recibido|no recibido|no (ha )?llegado|no llego|nunca llego|demasiado tarde|con retraso"
        r"|届(か|いて)(ない|いない)|未着|届きません|配送が遅|到着が遅|遅すぎ"
        r"|未收到|没有?收到|没收到|未到货|物流太慢|还没到|未送达",
    ),
    (
        # The buyer's own mistake is not the seller's wrong item.
        Issue.OTHER,
        r"(i |buyer |customer )?(ordered|bought|purchased|chose|selected) (the )?wrong|ordered by mistake|bought by mistake|buyer made a mistake"
        r"|falsch(en|es)? (artikel )?bestellt|versehentlich bestellt|commande par erreur|mauvais article commande|me suis trompe"
        r"|ordinato (l'articolo )?sbagliato|ordinato per errore|pedi(do)? (el articulo )?equivocado|comprado por error|me equivoque"
        r"|間違えて注文|誤って注文|注文を間違え|拍错|买错|下错单",
    ),
    (
        Issue.WRONG_ITEM,
        r"wrong (item|product|article|model|colou?r sent)|incorrect (item|product)|different (item|product) (was )?sent"
        r"|sent (me )?the wrong|received (a |the )?(wrong|different) (item|product)|not the item i ordered"
        r"|falsche[rns]? (artikel|produkt|ware)|(artikel|produkt) falsch|anderer artikel|nicht der bestellte"
        r"|mauvais (article|produit)|article (errone|incorrect)|pas le bon (article|produit)"
        r"|(articolo|prodotto) (sbagliato|errato)|non e l'articolo"
        r"|(articulo|producto) (equivocado|incorrecto|erroneo)|se envio un articulo (equivocado|incorrecto)"
        r"|間違(った|い)の?商品|違う商品|商品違い|誤った商品|別の商品"
        r"|发错|错发|寄错|发的不是|货不对|错误的(商品|产品|货物)|收到的(商品|产品)不对",
    ),
    (
        Issue.MISSING_PARTS,
        r"missing (parts?|pieces?|accessor|items?|components?)|(parts?|pieces?|accessories) (are |were |is )?missing"
        r"|incomplete|fehlende?s? (teile?|zubehor|komponenten)|(teile?|zubehor) fehl|unvollstandig"
        r"|(pieces|accessoires|elements) manquant|manque (des|une|un) (pieces?|accessoires?)|incomplet"
        r"|(parti|pezzi|accessori|componenti) mancant|mancano (dei |delle |alcuni )?(pezzi|parti|accessori)|incomplet[oa]"
        r"|faltan (piezas|accesorios|partes|componentes)|(piezas|accesorios|partes) faltantes|incomplet[oa]"
        r"|(部品|付属品|パーツ)(・付属品)?(の|が)?(不足|足りない|欠品|入っていない|ない)|欠品"
        r"|缺少?(配件|零件|部件)|缺件|少件|漏发|(配件|零件)(缺失|不全|不齐)",
    ),
    (
        Issue.SIZE_FIT,
        r"too (small|large|big|tight|loose|short|long)|does ?n[o']t fit|did ?n[o']t fit|not fit|wrong size|size"
        r"|zu (klein|gross|eng|weit|kurz|lang)|passt nicht|falsche grosse|grosse"
        r"|trop (petit|grand|serre|large|court|long)|ne (me )?va pas|mauvaise taille|taille"
        r"|troppo (piccol|grand|stretto|largo|cort|lung)|non (mi )?va( bene)?|taglia sbagliata|taglia"
        r"|demasiado (pequen|grande|estrech|ajustad|cort|larg)|no (me )?queda|talla"
        r"|小さすぎ|大きすぎ|サイズ|尺码|尺寸|太小|太大|不合身",
    ),
    (
        Issue.DAMAGED,
        r"damaged|arrived broken|broken (on|upon) arrival|broken in (transit|shipping)|crushed|smashed|shattered"
        r"|beschadigt|kaputt (an|geliefert)|zerbrochen|zerkratzt angekommen"
        r"|endommage|abime|arrive casse|casse a la livraison|ecrase"
        r"|danneggiat|arrivato rotto|rotto all'arrivo|ammaccat"
        r"|danad|llego roto|roto al llegar|aplastad"
        r"|破損|壊れた状態で|壊れて(届|い)|傷|へこみ|割れて"
        r"|损坏|破损|破了|压坏|摔坏|碎了",
    ),
    (
        Issue.QUALITY_DEFECT,
        r"defect|does ?n[o']t work|not working|stopped working|faulty|poor quality|bad quality|quality (not|problem|issue)"
        r"|performance or quality|malfunction|broken"
        r"|defekt|funktioniert nicht|mangelhaft|qualitat|fehlerhaft|kaputt"
        r"|defectueu|ne fonctionne (pas|plus)|qualite|en panne|casse"
        r"|difettos|non funziona|qualita|guasto|rotto"
        r"|defectuos|no funciona|calidad|averiad|roto"
        r"|不具合|故障|動かない|作動しない|品質|不良"
        r"|质量|坏了|不能用|不工作|有缺陷|瑕疵|做工",
    ),
    (
        Issue.NOT_AS_DESCRIBED,
        r"not as (described|pictured|advertised|expected|shown)|inaccurate (website )?description|description (was )?inaccurate"
        r"|does ?n[o']t match|did ?n[o']t match|different from (the )?(description|picture|photo|listing)"
        r"|colou?r (not|different|is wrong)|not the same colou?r|style not|incompatible|not compatible|not useful for"
        r"|not (authentic|genuine)|counterfeit|fake"
        r"|nicht wie beschrieben|entspricht nicht|ungenaue|abweichend|nicht kompatibel|falsche farbe|farbe"
        r"|non conforme|ne correspond pas|description[^.\n]{0,25}(erronee|inexacte|incorrecte)|incompatible|couleur"
        r"|non corrispond|descrizione[^.\n]{0,25}(non corrett|errat|inesatt|imprecis)|diverso dalla descrizione|colore"
        r"|no coincide|no corresponde|descripcion[^.\n]{0,25}(inexacta|incorrecta|erronea|imprecisa)|no es como|color"
        r"|説明と(異なる|違う)|商品説明|イメージと違|写真と違|互換性|色が違"
        r"|与描述不符|货不对版|描述不符|颜色不符|与图片不符|假货|不符",
    ),
    (
        Issue.CUSTOMS_TAX,
        r"customs|import (tax|duty|duties|fees?|vat)|duties|zoll|einfuhr|douane|dogana|aduana|arancel"
        r"|impuestos de importacion|関税|輸入税|关税|海关|清关",
    ),
    (
        Issue.OTHER,
        r"no longer need|not needed|bought by mistake|ordered by mistake|accidental order|better price|changed (my )?mind"
        r"|did ?n[o']t approve|unauthori[sz]ed|not authori[sz]ed|nicht autorisiert|non autorise|non autorizzat|no autorizad|extra item|no reason|did not like|unwanted"
        r"|nicht mehr benotigt|nicht mehr gebraucht|versehentlich|besserer preis|gefallt nicht|ohne grund"
        r"|n'est plus necessaire|plus besoin|par erreur|meilleur prix|ne plaît pas|ne plait pas|sans raison"
        r"|non (piu )?necessario|non serve piu|per errore|prezzo migliore|non piace"
        r"|ya no (lo )?necesit|ya no es necesario|por error|mejor precio|no me gusta"
        r"|不要になった|必要なくなった|間違えて注文|誤って注文|より安い|気に入らない"
        r"|不需要|不想要|拍错|买错|不喜欢",
    ),
]

_COMPILED = [(issue, re.compile(lower_unaccented(pattern))) for issue, pattern in _FAMILIES]


def issue_for_reason(reason: str | None) -> Issue | None:
    """The issue an official reason text maps to, or None when the phrase is not known."""
    if not reason:
        return None
    folded = lower_unaccented(reason[:500])
    for issue, pattern in _COMPILED:
        if pattern.search(folded):
            return issue
    return None
