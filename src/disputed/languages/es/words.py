"""Spanish: the words marketplaces print and buyers write, beside the classifier's cues (``lexicon.py``).

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Patterns are written against folded text (lower case, accents removed) unless a name says otherwise.
"""

from disputed.vocabulary import Remedy

FIELD_LABELS = {
    "order_id": ("numero de pedido", "id del pedido", "id de pedido", "pedido", "n.º de pedido", "nº de pedido", "numero del pedido"),
    "item": ("articulo", "producto", "articulo del pedido", "nombre del articulo", "nombre del producto"),
    "quantity": ("cantidad", "cantidad devuelta", "cantidad a devolver"),
    "reason": ("motivo de la devolucion", "razon de la devolucion", "motivo de la reclamacion", "motivo de la solicitud",
               "motivo de la cancelacion", "motivo de la disputa", "motivo del reembolso", "razon"),
    "comment": ("descripción del comprador", "descripción del problema", "detalles de la disputa",
                "explicación del comprador", "el comprador escribió",
                "comentarios del cliente", "comentario del cliente", "comentario", "comentarios", "comentario del comprador"),
    "message": ("mensaje", "mensaje del comprador", "mensaje del cliente"),
    "amount": ("importe", "importe de la reclamacion", "importe del reembolso", "importe solicitado", "importe reembolsado", "monto"),
    "buyer": ("comprador", "nombre del cliente"),
    "request": ("solicitud del comprador", "solucion solicitada"),
    "tracking": ("numero de seguimiento",),
    "case_id": ("numero de caso", "numero de devolucion", "id de la disputa"),
    "rating": ("valoracion", "puntuacion", "estrellas"),
}

RETURN_REASONS = {
    "empty_package": r"paquete vacio|caja vacia",
    "not_received": r"no (lo )?(he )?recibido|no recibido|no (ha )?llegado|no llego|nunca llego|demasiado tarde|con retraso",
    "own_mistake": r"pedi(do)? (el articulo )?equivocado|comprado por error|me equivoque",
    "wrong_item": r"(articulo|producto) (equivocado|incorrecto|erroneo)|se envio un articulo (equivocado|incorrecto)",
    "missing_parts": r"faltan (piezas|accesorios|partes|componentes)|(piezas|accesorios|partes) faltantes|incomplet[oa]",
    "size_fit": r"demasiado (pequen|grande|estrech|ajustad|cort|larg)|no (me )?queda|talla",
    "damaged": r"danad|llego roto|roto al llegar|aplastad",
    "quality_defect": r"defectuos|no funciona|calidad|averiad|roto",
    "not_as_described": r"no coincide|no corresponde|descripcion[^.\n]{0,25}(inexacta|incorrecta|erronea|imprecisa)|no es como|color",
    "customs_tax": r"aduana|arancel|impuestos de importacion",
    "unwanted": r"no autorizad|ya no (lo )?necesit|ya no es necesario|por error|mejor precio|no me gusta",
}

RELAY_INTRODUCTIONS = (r"has recibido un (nuevo )?mensaje|nuevo mensaje|mensaje de",)
RELAY_FACT_LABELS = (r"pedido|numero de pedido|articulo",)
RELAY_CLOSINGS = (
    r"para responder|responder$|este (correo|mensaje)|no respondas",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"responder (en|ahora|desde|al comprador)|responde (en|ahora|desde)"
    r"|ver (el |la |los )?(mensaje|pedido|disputa|conversación|detalles)"
    r"|ir a (la |los |mis )?(mensaje|pedido|disputa|centro)|ir al (mensaje|pedido|centro)|centro de mensajes"
    r"|cancelar (la )?suscripción|darse de baja|política de privacidad|todos los derechos reservados",
)

MONTHS = (
    "enero ene", "febrero feb", "marzo mar", "abril abr", "mayo", "junio jun",
    "julio jul", "agosto ago", "septiembre setiembre sep", "octubre oct", "noviembre nov", "diciembre dic",
)
DEADLINE_JUST_BEFORE = (r"\bantes del?", r"\bhasta(?: el)?", r"\ba mas tardar(?: el)?")
DEADLINE_NEAR_BEFORE = (r"\bfecha limite",)

LANGUAGE_MARKERS = (
    "gracias hola buenas buenos mi pedido paquete donde cuando todavia llegado recibido primera segunda "
    "tercera favor roto tengo"
)

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("reembolso parcial", "descuento"),
    Remedy.CANCELLATION: ("cancel", "anular"), Remedy.EXCHANGE: ("cambio", "cambiarlo", "cambiar"),
    Remedy.REPLACEMENT: ("reemplazo", "reenviar", "enviar otro", "mandar otro"),
    Remedy.REFUND: ("reembols", "devolucion del dinero", "devuelvan el dinero"),
}
ATTACHMENTS = {"photo": ("foto", "imagen"), "video": ("video",)}
ATTACHING = ("adjunt", "adjunto", "envio")

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"tasa de defectos",
    "late_shipment_rate": r"envíos? con retraso",
    "cancellation_rate": r"tasa de cancelación",
    "valid_tracking_rate": r"seguimiento válido",
}
FUNDS = r"\bfondos\b"
LISTING_CAUSES = {"customer_experience": r"experiencia del cliente", "ip": r"marca"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"privilegios de venta [^.\n]{0,25}(retirados|eliminados|suspendidos|revocados)|cuenta (de vendedor )?[^.\n]{0,15}(ha sido|esta) (desactivada|suspendida)",
    "account_review": r"(account|cuenta)[^.\n]{0,40}(en revision|esta siendo revisad)|revision de[^.\n]{0,12}(tu |su )?(de vendedor )?(account|cuenta)",
    "ip_infringement": r"propiedad intelectual|derechos de autor|marca registrada|falsificad|titular de (los )?derechos",
    "listing_removed": r"(oferta|anuncio|publicacion|asin)[^.\n]{0,40}(cerrada|eliminada|desactivada|bloqueada|cerradas)|experiencia (del cliente )?negativa|experiencia negativa",
    "performance_warning": r"tasa de defectos|tasa de (envio|cancelacion)|estado de la cuenta|metricas de rendimiento|objetivo de rendimiento",
    "chargeback": r"retrofactura|contracargo|contracargos",
    "atoz": r"de la a a la z|garantia (de la )?a-z",
    "claim_word": r"reclamacion",
    "return_request": r"devolucion",
    "refund_issued": r"reembolso (iniciado|emitido|realizado|procesado|confirmado)|reembolsado",
    "cancellation_request": r"solicitud de cancelacion|cancelacion",
    "feedback": r"valoracion|opinion negativa",
    "policy_warning": r"advertencia|infraccion|incumplimiento",
    "dispute": r"intervenga|intervenir|caso (abierto|n\.|\d)|abierto un caso|disputa|controversia",
    "not_received_request": r"no recibido|no ha llegado",
    "decided_subject": r"decision|resuelt|cerrad|resultado",
    "decided_body": r"(resuelt|decidid|cerrad)\w{0,20} a (su |tu )?favor|ha sido (concedid|rechazad|cerrad|resuelt|decidid)|hemos (decidido|resuelto|concedido)",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("mensaje original|mensaje reenviado",)
QUOTE_ATTRIBUTIONS = (r"el\b.{0,80}\bescribi[oó]\s*+:",)
QUOTE_HEADER_FROM = ("de", "desde")
QUOTE_HEADER_SENT = ("enviado", "fecha")
