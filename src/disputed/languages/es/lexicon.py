"""Spanish buyer cues. Patterns run on folded text: lower case, accents and tildes stripped ("dañado" -> "danado")."""

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Lexicon, cue, letter_option_cue

_GOODS = r"(?:paquete|pedido|envio|producto|compra|articulo|orden|encargo|mercancia)"
_BOX = r"(?:caja|paquete|sobre|bolsa|envio|embalaje|envoltorio|carton)"
_NOT_GOODS = r"\b(?:numero|seguimiento|respuesta|reembolso|codigo|correo|e-?mail|mensaje|factura|confirmacion|noticias)\b"
_OPTION_NOUN = r"(?:opcion|solucion|propuesta|alternativa|oferta|eleccion|posibilidad)"
_PARTICIPLE_BROKEN = r"(?:rot[oa]s?|danad[oa]s?|destrozad[oa]s?|abollad[oa]s?|aplastad[oa]s?|abiert[oa]s?|mojad[oa]s?|partid[oa]s?|hecho pedazos|en pedazos|rajad[oa]s?|quebrad[oa]s?|rayad[oa]s?|agrietad[oa]s?)"

CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4,
        r"\b(?:no|nunca|jamas|ningun\w*)\b\s*(?:\w+\s+){0,3}?(?:llegad[oa]s?|llego|llega\b|llegaron|recibid[oa]s?|recibi\b|entregad[oa]s?|ha llegado|me ha llegado|me llego|aparecido)",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:llevo|llevamos)\b.{0,25}?\besperando\b|\bespera(?:ndo)?\s+(?:el|mi)\s+(?:paquete|pedido|envio)\b.{0,20}?\bnada\b", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:sigo|seguimos|estoy)\s+(?:esperando|a la espera)\b|\btodavia espero\b|\baun espero\b", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.4, rf"\b{_GOODS}\b.{{0,20}}?\b(?:perdid[oa]|extraviad[oa]|desaparecid[oa])\b|\bse (?:ha )?perdido\b"),
    cue(I.NOT_RECEIVED, STRONG, r"\bdevuelt[oa]\s+al\s+remitente\b|\bretornad[oa]\s+al\s+remitente\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:figura|aparece|pone|dice)\s+(?:como\s+)?entregad[oa]\b|\b(?:con retraso|retrasad[oa]|llega tarde|llego tarde)\b|\bretraso\b"),
    # --- lateness -------------------------------------------------------------------------------
    cue(LATE, 1.0, r"\b(?:[1-9]\d|\d{3})\s*dias\b|\b(?:[2-9]|\d{2})\s*semanas\b|\b\d+\s*mes(?:es)?\b"),
    cue(LATE, 1.0,
        r"\bhace\s+(?:ya\s+)?(?:mas de\s+|casi\s+)?(?:un|una|dos|tres|cuatro|cinco|seis|varias|varios|unas|unos|muchas|muchos)\s+(?:semanas?|mes|meses)\b|\b(?:dos|tres|cuatro|varias|muchas)\s+semanas\b|\bvarios meses\b|\bmas de un mes\b"),
    cue(LATE, 0.5, r"\b(?:todavia|aun|ya)\b"),
    # --- tracking -------------------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"\b(?:numero|codigo|enlace|link)\s+de\s+(?:seguimiento|rastreo|envio|tracking|localizacion)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\bseguimiento\b|\brastreo\b|\btracking\b|\brastrear\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, rf"\bdonde\b.{{0,25}}?\b{_GOODS}", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0,
        r"\bcuando\b.{0,40}?\b(?:llegara|llegaran|llega|enviaran|enviara|envian|sera enviad[oa]|recibire|saldra|mandan|mandaran|despacha\w*|lo envian|me llega|estara)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, r"\bcuando\b.{0,30}?\b(?:vais|van|vas|va|podeis|pueden|puede)\s+a\s+(?:enviar|mandar|despachar|llegar)\b|\bcuando\b.{0,30}?\b(?:enviar|mandar|despachar|enviarlo|mandarlo)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\bya\s+(?:lo\s+|la\s+)?(?:han\s+|ha\s+)?(?:enviad\w*|mandad\w*|despachad\w*)\b|\bestado del (?:pedido|envio)\b|\bfecha de entrega\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:retenid[oa]|parad[oa]|atascad[oa])\s+en\s+(?:la\s+)?aduana\b"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, 1.4,
        r"\b(?:producto|articulo|pedido|objeto|modelo|paquete)\s+(?:equivocad\w*|incorrect\w*|erroneo|errone\w*|distint\w*|diferente)\b(?!\s+(?:a|al|de|del)\s+(?:la\s+|las\s+|los\s+)?(?:foto|fotos|descripcion|imagen|imagenes|anuncio))"),
    cue(I.WRONG_ITEM, 1.4, r"\bno\s+(?:es|era)\s+(?:lo que|el que|la que|el producto que|el articulo que|lo que yo)\b.{0,15}?\b(?:pedi|compre|ordene|encargue|pedimos|compramos)\b", negatable=False),
    cue(I.WRONG_ITEM, STRONG, r"\bme\s+(?:enviaron|mandaron|llego|han enviado|han mandado|ha llegado|enviasteis|mandasteis)\s+(?:otro|otra|un producto equivocado|el producto equivocado|algo (?:distinto|diferente))\b"),
    cue(I.WRONG_ITEM, 1.0, r"\b(?:pedi|compre|ordene|encargue)\b(?:(?!no\b|nunca|todavia|aun\b).){1,60}?\b(?:llego|recibi|me enviaron|me mandaron|vino|me llego|ha llegado)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\ben (?:lugar|vez) de(?:l)?\s+(?:la\s+|los\s+|las\s+)?(?:\w+\s+)?(?:pedid[oa]s?|comprad[oa]s?|encargad[oa]s?)\b|\ben (?:lugar|vez) de lo que (?:pedi|compre)\b"),
    cue(I.WRONG_ITEM, 0.3, r"\ben (?:lugar|vez) de\b"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\bdescripcion\s+(?:\w+\s+){0,4}?(?:incorrecta|inexacta|erronea|enganosa|falsa|equivocada)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"\bno\s+(?:es|esta|son|era)?\s*(?:como|igual)\b.{0,20}?\b(?:descripcion|foto|fotos|imagen|imagenes|anuncio|describe|descrito|muestra|aparece)", negatable=False),
    cue(I.NOT_AS_DESCRIBED, 1.4, r"\bno\s+(?:corresponde|coincide|se corresponde|se parece)\w*\b.{0,25}?\b(?:descripcion|foto|fotos|imagen|imagenes|anuncio)", negatable=False),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:color|material|tela|estampado|tono|diseno|acabado)\b.{0,30}?\b(?:no es el|no es la|no es igual|distint\w*|diferente|equivocad\w*|no corresponde|no coincide|nada que ver)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:diferente|distint\w*)\s+(?:a|al|de|del)\s+(?:la\s+|las\s+|los\s+)?(?:foto|fotos|descripcion|imagen|imagenes|anuncio)\b|\bnada que ver con\b"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\b(?:falso|falsificad\w*|imitacion|no es original|enganos\w*|publicidad enganosa)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\b(?:dice|decia|pone|ponia|indica|anuncia|anunciaba)\b.{0,20}?\b(?:que es|que era|ser)\b|\bsupuestamente\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\bno\s+es\s+(?:de\s+)?(?:cuero|piel|algodon|madera|acero|plata|oro|seda|lana)\b", negatable=False),
    # --- quality --------------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:rendimiento|calidad)\b.{0,20}?\b(?:inadecuad\w*|insuficiente\w*|deficiente\w*|no adecuad\w*)"),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:dejo|ha dejado|deja|dejaron)\s+de\s+(?:funcionar|cargar|encender|andar|servir)\b"),
    cue(I.QUALITY_DEFECT, STRONG, r"\bno\s+(?:\w+\s+)?(?:funciona|enciende|carga|prende|arranca|anda|sirve|calienta)\b", negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:defectuos\w*|defecto|averiad\w*|averia|falla|fallo)\b"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:mala|pesima|baja|malisima|horrible|fatal)\s+calidad\b|\bcalidad\b.{0,20}?\b(?:mala|malisima|pesima|baja|horrible|fatal|deja mucho que desear|penosa)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:no suena|se (?:oye|oyen|escucha|escuchan|ve|ven) (?:mal|fatal|fatal de)|hace ruido|hace un ruido|se calienta|se recalienta|se apaga sol[oa]|se apaga|inservible|no vale para nada|se bloquea|parpadea|endeble|fragil|mal hech[oa]|mal acabad[oa]|una porqueria|basura)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:se despega\w*|despegad\w*|descosid\w*|se descose|destine|destino|se destino|decolorad\w*|se decolora|oxidad\w*|manchad\w*|manchas?|olor|huele|bolitas|se deshilach\w*|deshilachad\w*|moho)\b"),
    # --- breakage -------------------------------------------------------------------------------
    cue(BROKEN, 1.0,
        r"\b(?:rot[oa]s?|se rompio|rompio|quebrad\w*|agrietad\w*|grietas?|rajad\w*|raj[oa]|rayad\w*|aranazos?|abollad\w*|doblad\w*|partid[oa]|rasgad\w*|pierde|gotea)\b"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, STRONG, r"\b(?:danad\w*|danos?)\b"),
    cue(I.DAMAGED, 1.4, rf"\b(?:llego|llegaron|ha llegado|han llegado|vino|vinieron|recibi|me llego)\s+(?:\w+\s+){{0,2}}?{_PARTICIPLE_BROKEN}"),
    cue(I.DAMAGED, STRONG, rf"\b{_BOX}\b.{{0,30}}?\b(?:aplastad\w*|rot[oa]|destrozad\w*|abollad\w*|abiert[oa]|mojad[oa]|danad\w*|hundid[oa]|reventad[oa])\b"),
    cue(I.DAMAGED, 1.0, r"\b(?:en pedazos|hech[oa]s? pedazos|hech[oa]s? anicos|hech[oa]s? trizas|destrozad\w*|aplastad\w*|hecho polvo|roto en mil)\b"),
    cue(ARRIVAL, 1.0, r"\b(?:durante el|en el)\s+(?:transporte|envio|trayecto|viaje)\b|\b(?:llego|llegaron|ha llegado|recibi|al abrir|al recibir|vino|lo recibi|al llegar)\b"),
    cue(ARRIVAL, 0.5, rf"\b{_BOX}\b"),
    # --- time in use ----------------------------------------------------------------------------
    cue(AFTER_USE, 1.0,
        r"\b(?:despues de|tras|a los|a las|al cabo de|en)\s+(?:solo\s+)?(?:\d+|un|una|dos|tres|cuatro|pocos|pocas|unos|unas|varios|varias|el primer|la primera)\b.{0,15}?(?:dias?|semanas?|mes|meses|usos?|lavados?|veces|horas?)\b(?:\s+de\s+uso)?"),
    cue(AFTER_USE, 1.0, r"\b(?:primer|segundo|tercer)\s+(?:uso|lavado|dia)\b|\bde uso\b|\bya no\b"),
    # --- missing --------------------------------------------------------------------------------
    cue(I.MISSING_PARTS, STRONG, r"\bfalt(?:a|an|aba|aban|ante|antes)\b"),
    cue(I.MISSING_PARTS, STRONG, r"\bincomplet\w*|\bolvidaron\s+(?:de\s+)?(?:poner|incluir|enviar|meter)\b"),
    cue(I.MISSING_PARTS, 1.0, r"\bno\s+(?:venia|venian|incluye|incluia|incluyen|traia|traian|trae|traen|vienen|viene)\b", negatable=False, veto=r"\bnada\b"),
    cue(I.MISSING_PARTS, 1.0, r"\bsolo\s+(?:\w+\s+)?(?:\d+|un|una|dos|tres)\s+(?:\w+\s+)?(?:de|en vez de|en lugar de)\b"),
    # --- customs --------------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.0, r"\baduana\w*", veto=r"\b(?:retenid[oa]|parad[oa]|atascad[oa])\s+en\s+(?:la\s+)?aduana\b"),
    cue(I.CUSTOMS_TAX, 1.4, r"\b(?:impuestos?|aranceles?|tasas?|iva|derechos)\s+(?:de\s+)?(?:aduana|importacion|aduaneros?|aduaneras?)\b|\barancel\w*"),
    cue(I.CUSTOMS_TAX, STRONG, r"\b(?:pagar|pague|pagado|cobraron|cobrado|cobrar|cobran|pagamos)\b.{0,40}?\b(?:aduana|impuestos?|aranceles?|iva|tasas?)\b"),
    cue(I.CUSTOMS_TAX, 0.5, r"\b(?:impuestos?|iva)\b"),
    # --- empty ----------------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, rf"\b{_BOX}\b\s*(?:\w+\s+){{0,3}}?(?:completamente\s+|totalmente\s+)?vaci[oa]s?\b"),
    cue(I.EMPTY_PACKAGE, 1.4, r"\bsin nada (?:dentro|adentro)\b|\bno (?:habia|hay|venia|traia) nada\b|\bnada (?:dentro|adentro|en el interior)\b", negatable=False),
    cue(I.EMPTY_PACKAGE, 0.6, r"\bvaci[oa]s?\b"),
    # --- size -----------------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG,
        r"\b(?:me\s+|le\s+|te\s+)?(?:queda|quedan|quedo|viene|vienen)\s+(?:muy\s+|demasiado\s+|un poco\s+|algo\s+|bastante\s+)?(?:pequen\w*|grande\w*|chic[oa]s?|ajustad\w*|apretad\w*|holgad\w*|larg[oa]s?|cort[oa]s?|estrech[oa]s?|anch[oa]s?)"),
    cue(I.SIZE_FIT, STRONG, r"\bdemasiado\s+(?:pequen\w*|grande|ajustad\w*|apretad\w*|larg\w*|cort\w*|estrech\w*|anch\w*)"),
    cue(I.SIZE_FIT, STRONG,
        r"\b(?:talla|medida|tallas)\s+(?:\w+\s+){0,2}?(?:no (?:corresponde|es la|me (?:va|queda|vale)|coincide)|equivocad\w*|incorrect\w*|(?:es|era|son|viene)\s+(?:muy\s+|demasiado\s+)?(?:pequen\w*|grande))"),
    cue(I.SIZE_FIT, 1.0, r"\bno\s+me\s+(?:queda|quedan|entra|entran|cabe|caben|vale|valen)\b", negatable=False),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, STRONG, r"\bcambi(?:ar|arlo|arla|arlos|arlas|armelo|armela|o|os)\b.{0,30}?\b(?:por|a|en)\b"),
    cue(I.EXCHANGE_REQUEST, MEDIUM, r"\b(?:cambio|intercambi\w*|canjear)\b"),
    cue(I.EXCHANGE_REQUEST, STRONG, r"\bcambi(?:ar|arme|armelo|armela|en|e)\s+(?:la|el)\s+(?:talla|color|numero|modelo|tamano|medida)\b"),
    cue(I.EXCHANGE_REQUEST, 0.6, r"\b(?:talla|color|numero)\s+(?:mas\s+)?(?:grande|pequena|distint\w*|diferente|superior|inferior)\b"),
    cue(OWN_MISTAKE, 1.0, r"\b(?:por error|me equivoque|equivocadamente|culpa mia|mi error|sin querer)\b", negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4,
        r"\bcomo\b.{0,30}?\b(?:se usa|usar|resete\w*|reinici\w*|restablec\w*|actualiz\w*|sincroniz\w*|utiliz\w*|instal\w*|configur\w*|conect\w*|encend\w*|enciend\w*|carg\w*|mont\w*|arm\w*|funciona|se pone|poner|ajust\w*|empareja\w*|vincul\w*|activ\w*|limpi\w*|abrir|se abre)\b",
        negatable=False),
    cue(I.USAGE_QUESTION, STRONG, r"\bno\s+(?:se|entiendo|sabemos)\s+como\b", negatable=False),
    cue(I.USAGE_QUESTION, MEDIUM, r"\bcompatible\w*"),
    cue(I.USAGE_QUESTION, WEAK, r"\b(?:manual|instrucciones)\b"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"\bcancel\w*", veto=r"\b(?:disputa|reclamo|reclamacion|caso|devolucion|queja)\b"),
    cue(I.CANCELLATION, STRONG, r"\banul(?:ar|e|en|ad[oa])\b.{0,10}?\b(?:pedido|compra|orden)\b"),
    cue(I.CANCELLATION, 1.0, r"\bno\s+(?:lo\s+|la\s+)?(?:envien|manden|envies|mandes|envieis|mandeis)\b", negatable=False),
    cue(I.CANCELLATION, MEDIUM, r"\bya no\s+(?:lo\s+|la\s+)?(?:necesito|quiero)\b|\bcambie de opinion\b|\bme arrepenti\b", negatable=False),
    # --- option choice --------------------------------------------------------------------------
    letter_option_cue(r"(?:opcion|solucion|propuesta|alternativa)", r"por favor|gracias|esta bien|vale"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b{_OPTION_NOUN}\s*(?:n[o°]\.?\s*|numero\s*|#\s*)?\(?(?P<ord>{{ORD}})\)?(?!\w)(?![\d-])"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b(?P<ord>{{NTH}})\s+{_OPTION_NOUN}"),
    cue(I.OPTION_CHOICE, STRONG,
        r"\b(?:elijo|escojo|prefiero|me quedo con|quiero|acepto|opto por|tomo|elegimos|preferimos)\b\s+(?:la\s+|el\s+|lo\s+)?(?:numero\s+)?(?P<ord>{NTH})\b(?!\s*(?:vez|dias?|semanas?|meses?|unidades?))"),
    cue(I.OPTION_CHOICE, 1.0, r"^\W*(?:la|el|opcion|numero)?\s*(?P<ord>{NTH})\W*(?:por favor|gracias|esta bien|vale|ok)?\W*$"),
    cue(I.OPTION_CHOICE, 1.0,
        r"\b(?:acepto|me quedo con|prefiero|elijo|de acuerdo con|vale,? (?:el|la)|escojo)\b.{0,25}?\b(?:reembolso parcial|cupon|codigo de descuento|descuento|propuesta|oferta|solucion|compensacion|vale de compra)\b"),
    cue(I.OPTION_CHOICE, WEAK, r"\b(?:acepto|prefiero|elijo|quiero)\b.{0,25}?\b(?:reembolso|reposicion|reenvio|sustitucion)\b"),
)

LEXICON = Lexicon(
    language="es",
    cues=CUES,
    ordinals=(
        (r"primer[oa]?|1[ao°]|1ra|1er", 1),
        (r"segund[oa]|2[ao°]|2da", 2),
        (r"tercer[oa]?|3[ao°]|3ra|3er", 3),
        (r"cuart[oa]|4[ao°]", 4),
        (r"ultim[oa]", 0),
    ),
    cardinals=((r"uno", 1), (r"dos", 2), (r"tres", 3), (r"cuatro", 4)),
    negation_before=r"\b(?:no|nunca|jamas|ningun\w*|sin|ni|tampoco|nada)\b",
    clause_break=r"[.,;:!?\n()¿¡]|\b(?:pero|y|aunque|sino|porque)\b",
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=r"\b(?:reseñas?|valoraci\w*|estrellas|feedback|calificaci\w*|opini\w*)\b",
    change=r"\b(?:cambi\w*|modific\w*|elimin\w*|quit\w*|retir\w*|actualiz\w*|reconsider\w*|borr\w*)\b",
    incentive=r"\b(?:reembols\w*|descuentos?|gratis|gratuit\w*|regalos?|cupon\w*|cupón|vales?|compens\w*|a cambio|recompens\w*)\b",
    positive=r"\b(?:positiv\w*|cinco estrellas|5 estrellas|buena (?:reseña|valoración|opinión))\b",
    outside_contact=r"\b(?:whatsapp|wechat|telegram|skype|llámenos|llámanos|por teléfono|fuera de (?:amazon|ebay|aliexpress|walmart))\b",
    marketing=r"\b(?:newsletter|boletín|síguenos|visite nuestra (?:tienda|web)|nueva colección|suscrib\w*|facebook|instagram|tiktok)\b",
)
