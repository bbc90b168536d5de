"""Portuguese: the words marketplaces print and buyers write, beside the classifier's cues.

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Patterns are written as the notices print the words; they are folded (lower case, Latin accents removed)
before use, except the account-notice words, which are matched on lower-cased text.
"""

from disputed.vocabulary import Remedy

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("reembolso parcial", "desconto"),
    Remedy.CANCELLATION: ("cancel",), Remedy.EXCHANGE: ("troca", "trocar"),
    Remedy.REPLACEMENT: ("reenvi", "mandar outro", "enviar outro", "substitui"),
    Remedy.REFUND: ("reembols", "estorno", "dinheiro de volta", "devolucao do dinheiro"),
}
ATTACHMENTS = {"photo": ("foto", "fotograf"), "video": ("video",)}
ATTACHING = ("anex", "envio", "segue")

FIELD_LABELS = {
    "order_id": ("número do pedido", "n.º do pedido", "nº do pedido", "id do pedido", "código do pedido", "pedido n"),
    "item": ("produto", "nome do produto", "item do pedido", "título do item", "título do anúncio"),
    "quantity": ("quantidade", "quantidade devolvida", "quantidade a devolver"),
    "reason": ("motivo da devolução", "razão da devolução", "motivo da reclamação", "motivo do reembolso", "motivo do cancelamento",
               "motivo da disputa", "motivo da solicitação"),
    "comment": ("descrição do comprador", "descrição do problema", "detalhes da disputa", "explicação do comprador",
                "o comprador escreveu",
                "comentários do cliente", "comentário do cliente", "comentários do comprador", "comentário do comprador",
                "observações do cliente"),
    "message": ("mensagem", "mensagem do comprador", "mensagem do cliente"),
    "amount": ("valor", "valor da reclamação", "valor do reembolso", "valor solicitado", "valor reembolsado", "valor do estorno"),
    "buyer": ("nome do cliente", "nome do comprador"),
    "request": ("solicitação do comprador", "solução solicitada"),
    "tracking": ("código de rastreamento", "número de rastreamento", "código de rastreio"),
    "case_id": ("número do caso", "id da disputa", "número da devolução"),
    "rating": ("avaliação", "classificação", "estrelas"),
}

RETURN_REASONS = {
    "empty_package": r"(pacote|caixa|embalagem) vazi[oa]|(veio|chegou) vazi",
    "not_received": r"não (foi )?(recebido|entregue)|não (recebi|chegou)|nunca chegou|chegou (muito )?tarde|atrasad",
    "own_mistake": r"(comprei|pedi|encomendei) (o produto |o item )?errado|(comprado|pedido) por engano",
    "wrong_item": r"(produto|item|artigo) (errado|incorreto|diferente)|enviaram o produto errado|recebi (o )?(produto|item) errado",
    "missing_parts": r"(peças|acessórios|partes|componentes|itens) (em falta|faltando|faltantes)|falta(m|ndo)? (peças|acessórios|partes)|incomplet",
    "size_fit": r"muito (pequen|grande|apertad|larg|curt|comprid)|não (serve|serviu|coube)|tamanho",
    "damaged": r"danificad|chegou quebrad|avariad|amassad",
    "quality_defect": r"defeito|defeituos|não funciona|parou de funcionar|qualidade|quebrad",
    "not_as_described": r"não (é|corresponde|confere) (como|a|à|com) (o |a )?(descri|anúnci)|diferente (do|da) (descrição|anúncio|foto)"
                        r"|descrição (incorreta|imprecisa)|cor diferente|incompatível",
    "customs_tax": r"alfândega|taxa de importação|imposto de importação|tributos",
    "unwanted": r"não (preciso|é) mais|não autorizad|(encontrei um |por um )?preço melhor|desisti|não gostei|arrependi",
}

RELAY_INTRODUCTIONS = (r"você recebeu (uma )?(nova )?mensagem|nova mensagem|mensagem d[eo]",)
RELAY_FACT_LABELS = (r"pedido|número do pedido|produto",)
RELAY_CLOSINGS = (
    r"para responder|responder$|este e-?mail|esta mensagem|não responda",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"responder (no|na|agora|pelo|pela|ao comprador)|responda (no|na|agora|pelo|pela)"
    r"|ver (a |o |os )?(mensagem|pedido|disputa|conversa|detalhes)"
    r"|ir para (a |o )?(mensagem|pedido|disputa|central)|central de mensagens|centro de mensagens"
    r"|cancelar (a )?inscrição|descadastr|política de privacidade|todos os direitos reservados",
)

MONTHS = (
    "janeiro jan", "fevereiro fev", "marco mar", "abril abr", "maio mai", "junho jun",
    "julho jul", "agosto ago", "setembro set", "outubro out", "novembro nov", "dezembro dez",
)
# Matched on folded text: written folded.
DEADLINE_JUST_BEFORE = (r"\bate(?: o dia| dia)?", r"\bantes de", r"\bno maximo ate")
DEADLINE_NEAR_BEFORE = (r"\bprazo", r"\bdata limite")

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"taxa de defeitos? (do|em|de) pedidos?",
    "late_shipment_rate": r"envios? (com )?atras|expedição atrasada",
    "cancellation_rate": r"taxa de cancelamento",
    "valid_tracking_rate": r"rastreamento válido",
}
FUNDS = r"\bfundos\b|\bsaldo\b|desembolso|repasse"
LISTING_CAUSES = {"customer_experience": r"experiência (do|de) cliente", "ip": r"propriedade intelectual|marca|imagem"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"privilégios de venda[^.\n]{0,25}(removidos|suspensos|revogados|desativados)"
                           r"|conta (de vendedor )?[^.\n]{0,15}(foi|está) (desativada|suspensa|bloqueada|encerrada)",
    "account_review": r"conta[^.\n]{0,40}(em análise|está sendo analisada|sob revisão|em revisão)|(análise|revisão) d[ae] (sua )?conta",
    "ip_infringement": r"propriedade intelectual|direitos autorais|marca registrada|falsificad|violação de marca|titular d[oe]s? direitos",
    "listing_removed": r"(anúncio|anúncios|oferta|asin|listagem)[^.\n]{0,40}(removid|desativad|bloquead|suprimid|encerrad)"
                       r"|experiência negativa d[oe] cliente",
    "performance_warning": r"taxa de defeitos|taxa de (envio|expedição) (com )?atras|taxa de cancelamento|saúde da conta"
                           r"|métricas de desempenho|meta de desempenho",
    "chargeback": r"estorno (do|no) cartão|contestação d[ae] (compra|cobrança|pagamento)|reivindicação de estorno",
    "atoz": r"garantia de a a z|garantia (de )?a-z",
    "claim_word": r"reclamação|reivindicação",
    "return_request": r"devolução|devolver",
    "refund_issued": r"reembolso (emitido|iniciado|processado|realizado|concluído|confirmado)|reembolsad",
    "cancellation_request": r"solicitação de cancelamento|pedido de cancelamento|cancelamento",
    "feedback": r"avaliação|comentário negativo",
    "policy_warning": r"advertência|violação|infração",
    "dispute": r"disputa|caso (aberto|n|\d)|abriu (um|uma) (caso|disputa)",
    "not_received_request": r"não recebido|não recebeu|não chegou",
    "decided_subject": r"decisão|decidid|resolvid|encerrad|resultado",
    "decided_body": r"(decidid|resolvid|encerrad)\w{0,20} (a (seu|sua)|em) favor|foi (concedid|negad|encerrad|resolvid|decidid|rejeitad)|decidimos|resolvemos|concedemos",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("mensagem original|mensagem encaminhada",)
QUOTE_ATTRIBUTIONS = (r"em\b.{0,80}\bescreveu\s*+:",)
QUOTE_HEADER_FROM = ("de",)
QUOTE_HEADER_SENT = ("enviad[ao]", "data")
