"""Brazilian Portuguese buyer cues, as buyers write on Amazon.com.br, Mercado-style marketplaces
and AliExpress Brasil: "não chegou", "cadê meu pedido", "veio errado", "fui taxado".

Text and patterns are folded (lower case, accents off: "não" -> "nao", "cadê" -> "cade"),
so a pattern written with accents also reads the many messages typed without them.
Colloquial spellings are part of the cues: "to/tô" for "estou", "pra" for "para", "vc".
"""

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Lexicon, cue, letter_option_cue

_GOODS = r"(?:pedido|pacote|encomenda|produto|compra|mercadoria|objeto|remessa|item|entrega|caixa)"
_BOX = r"(?:caixa|embalagem|pacote|envelope|saco|saquinho|encomenda|volume)"
_PART = r"(?:cabo|carregador|fonte|manual|parafusos?|pecas?|tampa|controle|bateria|pilhas?|acessorios?|fone|capa|base|suporte|adaptador|pe|pes|alca)"
# What a buyer may "not have received" without the goods being missing.
_NOT_GOODS = r"\b(?:rastreio|rastreamento|codigo|resposta|retorno|reembolso|estorno|dinheiro|e-?mail|mensagem|nota fiscal|cupom|confirmacao|informac\w*)\b"
# "Como faço para devolver / cancelar / rastrear?" asks about the order, not how to use the product.
_PROCEDURE = r"\b(?:pedido|pacote|encomenda|entrega|devolv\w*|devoluc\w*|reembols\w*|estorn\w*|cancel\w*|troc\w*|rastre\w*|reclam\w*|dinheiro|cupom|pagamento|pagar|comprar|compra)\b"
_OPTION_NOUN = r"(?:opcao|opcoes|alternativa|solucao|proposta|sugestao|oferta)"
_CHOICE_VERB = r"(?:quero|queria|prefiro|escolho|escolhi|fico com|aceito|vou de|vou querer|vou ficar com|opto pela|opto por|pode ser|gostaria d[ae])"

CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4,
        r"\b(?:nao|n|naum|nunca|nada|ninguem|ate agora nao|ainda nao)\b\s*(?:\w+\s+){0,3}?(?:recebeu|chegou|chego|chegaram|chega|chegado|recebi|recebii|recebemos|recebido|recebida|entregue|entregaram|entregou|apareceu)\b(?!\s+(?:a\s+\w+r\b|inteir|complet|cert|corret|em perfeito|em bom|bem\b|como\b|o que|(?:o |a )?(?:produto|item|modelo|cor|tamanho) (?:cert|corret|que)))",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, MEDIUM, rf"\b{_GOODS}\b.{{0,15}}?\b(?:nao|nunca)\s+(?:veio|vem)\b|\bnada de (?:chegar|o pedido|o pacote)\b", negatable=False),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:ate agora|ate hoje|ate o momento|e ate agora|e)\s+nada\b", negatable=False),
    # "Fico aguardando" / "aguardo retorno" close many letters: only a wait for the goods counts.
    cue(I.NOT_RECEIVED, 1.4, rf"\b(?:estou|to|ta|continuo|sigo|ainda)\s+(?:\w+\s+)?(?:esperando|aguardando)\s+(?:\w+\s+){{0,2}}?{_GOODS}\b", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:estou|to|ta|continuo|sigo)\s+(?:\w+\s+)?(?:esperando|aguardando)\b(?!\s+(?:\w+\s+)?(?:sua|seu|vosso|a resposta|o retorno|uma resposta|um retorno|uma solucao|a solucao|contato|posicionamento|voces))",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.4, r"\b(?:nem sinal|nenhum sinal|sem sinal|nada)\s+d[oa]s?\s+(?:meu |minha )?(?:pedido|produto|pacote|encomenda|compra|mercadoria)\b|\bnao (?:foi )?localizad[oa]\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:prazo|data)\s+(?:de entrega\s+)?(?:ja\s+)?(?:venceu|passou|expirou|estourou|acabou)\b|\bpassou (?:do|o) prazo\b|\bfora do prazo\b"),
    cue(I.NOT_RECEIVED, 1.6, r"\b(?:pedido|pacote|encomenda|objeto|remessa|mercadoria|entrega)\b.{0,20}?\b(?:extraviad\w*|perdid[oa]|se perdeu|sumiu|sumido|desapareceu)\b(?!\s+do (?:site|anuncio|app|aplicativo|sistema))|\bextravio\b"),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:devolvid[oa]|voltou|retornou|retornad[oa])\s+(?:ao|para o|pro|pra)\s+(?:remetente|vendedor|voces|china|origem)\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:consta|aparece|diz|mostra|esta|ta|marcad[oa]|status)\b.{0,20}?\bentregue\b|\b(?:disse|diz|dizem|falou|fala|alega|consta)\s+que\s+(?:foi\s+|ja\s+)?entreg\w*"),
    # "Chegou, mas atrasado" is a late arrival, not a missing parcel: lateness alone only helps.
    cue(I.NOT_RECEIVED, WEAK, r"\b(?:atrasad[oa]s?|atraso|demorando|demora demais)\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\bnunca chega\b"),
    # --- lateness -------------------------------------------------------------------------------
    cue(LATE, 1.0, r"\b(?:[1-9]\d|\d{3})\s*dias\b|\b(?:[2-9]|\d{2})\s*semanas\b|\b\d+\s*mes(?:es)?\b"),
    cue(LATE, 1.0, r"\b(?:um|dois|tres|quatro|cinco|seis|varias|algumas|muitas|quase um|mais de um)\s+(?:semanas|mes|meses)\b|\b(?:faz|ha) (?:muito tempo|tempo|meses|semanas)\b|\beternidade\b"),
    cue(LATE, 0.5, r"\b(?:ainda|ja|ate hoje|ate agora)\b"),
    # --- tracking inquiry -----------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"\b(?:codigo|numero|link|cod)\s+(?:de\s+)?(?:rastreio|rastreamento|rastreamento|postagem|objeto)\b|\btracking\s*(?:number|code|id)?\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\brastre\w*", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, rf"\b(?:cade|kd|onde (?:esta|ta|anda|foi parar|se encontra))\b.{{0,15}}?\b{_GOODS}", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0,
        r"\b(?:quando|qdo|qnd|qndo)\b.{0,40}?\b(?:chega|chegara|vai chegar|vao chegar|vai ser enviad[oa]|sera enviad[oa]|envia|enviam|enviar|vao enviar|despacha\w*|posta\w*|recebo|vou receber|sai|vai sair)\b",
        negatable=False, veto=r"\b(?:reembols\w*|estorn\w*|dinheiro|devoluc\w*|resposta|retorno|cupom|credito)\b"),
    cue(I.TRACKING_INQUIRY, 1.0, r"\bainda nao (?:foi |foram )?(?:enviad[oa]s?|postad[oa]s?|despachad[oa]s?|enviaram|postaram|despacharam)\b|\bja (?:postou|enviou|despachou|postaram|enviaram)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0,
        r"\bja (?:foi|foram) (?:enviad[oa]s?|postad[oa]s?|despachad[oa]s?)\b|\bja (?:enviaram|postaram|despacharam|saiu)\b|\b(?:status|situacao|previsao) (?:do pedido|da entrega|de entrega|do envio|de chegada)\b",
        negatable=False),
    # "Qual o prazo de entrega?" is as often asked before buying as after.
    cue(I.TRACKING_INQUIRY, 1.0, r"\b(?:em preparacao|em separacao|aguardando (?:envio|postagem|despacho|coleta)|em processamento|pagamento aprovado)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:prazo|data) (?:do pedido|da entrega|de entrega|do envio|de chegada)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:parad[oa]|pres[oa]|retid[oa]|segurad[oa])\s+(?:na|no)\s+(?:alfandega|receita|fiscalizacao|aduana|curitiba)\b"),
    cue(I.TRACKING_INQUIRY, MEDIUM, rf"\b{_GOODS}\b.{{0,20}}?\b(?:parad[oa]|travad[oa]|sem atualiza\w*|sem movimenta\w*)\b"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, 1.4, r"\b(?:produto|item|artigo|modelo|pedido|pacote|mercadoria|peca|coisa|objeto)\s+errad[oa]\b|\bveio errad[oa]\b|\bmandaram errad[oa]\b"),
    cue(I.WRONG_ITEM, 1.4, r"\bnao (?:e|era|foi|eh)\s+(?:isso|o|a|esse|essa|este|esta)?\s*(?:o que|que|produto que|item que|modelo que)?\s*(?:eu\s+)?(?:pedi|comprei|encomendei|escolhi)\b", negatable=False),
    cue(I.WRONG_ITEM, 1.0,
        r"\b(?:outr[oa]|diferente)\s+(?:produto|item|coisa|modelo|artigo|pedido)\b(?!.{0,15}\b(?:d[oa]s?|que n[oa]s?) (?:foto|fotos|anuncio|descricao|imagem|imagens)\b)|\b(?:produto|item|coisa|modelo) (?:totalmente |completamente )?diferente do que (?:eu )?(?:pedi|comprei)\b"),
    cue(I.WRONG_ITEM, MEDIUM, r"\b(?:pedi|comprei|encomendei)\b(?:(?!nao|nunca).){1,60}?\b(?:veio|vieram|recebi|chegou|chegaram|mandaram|enviaram)\b(?!\s+(?:apenas|so|somente|metade|\d+|um|uma|dois|duas|tres|quatro|cinco)\b)"),
    cue(I.WRONG_ITEM, 1.4, r"\b(?:em vez|ao inves|no lugar)\s+d[aeo]s?\s*(?:\w+\s+)?(?:que (?:eu )?(?:pedi|comprei)|pedid[oa]|comprad[oa])\b"),
    cue(I.WRONG_ITEM, 0.3, r"\b(?:em vez de|ao inves de|no lugar de)\b"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:descricao|anuncio|propaganda)\s+(?:errad[oa]|enganos[oa]|incorret[oa]|falsa|mentirosa)\b|\bpropaganda enganosa\b"),
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"\b(?:nao|nada)\s+(?:\w+\s+){0,2}?(?:de acordo|conforme|condiz|corresponde|bate|confere|igual)\b.{0,20}?\b(?:descricao|descrito|anuncio|anunciado|foto|fotos|imagem|imagens|site|pagina)",
        negatable=False),
    cue(I.NOT_AS_DESCRIBED, 1.4, r"\bnada a ver com (?:a |o |as |os )?(?:foto|fotos|anuncio|descricao|imagem|imagens|site)\b|\bnao (?:e|eh|era) (?:como|igual) (?:n[ao]s? )?(?:foto|fotos|anuncio|descrito|descricao|imagem)\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:cor|material|tecido|estampa|acabamento|tonalidade|desenho)\b.{0,30}?\b(?:diferente|errad[oa]|outr[oa]|nao e (?:o|a|igual|o mesmo|a mesma|como|da|do)\b|nao bate|nada a ver|nao confere)"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:cor|estampa|tonalidade)\s+errad[oa]\b|\bmaterial errado\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:diferente|pior|menor|maior|mais escur[oa]|mais clar[oa]|mais fin[oa]|mais barat[oa])\s+(?:do que|que|d[ao]s?)\s+(?:\w+\s+){0,2}?(?:foto|fotos|imagem|imagens|anuncio|descricao|site)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:inferior|diferente|pior)\s+(?:ao|a|aos|as|do|da)\s+que\s+(?:\w+\s+){0,3}?(?:foto|fotos|anuncio|descricao|imagem|imagens|site)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\b(?:falsificad[oa]|replica|pirata|nao e original|nao eh original|imitacao|paraguaio)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\b(?:nao e|nao eh|nem e)\s+(?:de\s+)?(?:couro|inox|aco inox|madeira|algodao|prata|ouro|metal|seda|vidro)\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\b(?:no|do|segundo o|pelo|conforme o)\s+anuncio\b.{0,40}?\b(?:mas|porem|so tem|na verdade|de verdade|e na real)\b"),
    cue(I.NOT_AS_DESCRIBED, 0.5, r"\bplastico (?:vagabundo|barato|fino)\b"),
    # --- quality defect -------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:desempenho|qualidade)\b.{0,20}?\b(?:inadequad[oa]|insuficiente|abaixo do esperado)\b"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:nao|n|naum|parou de|deixou de|nem)\s+(?:\w+\s+){0,2}?(?:funciona\w*|liga(?!\s+(?:pra|para|pro|pros|se)\b)|ligou|ligar|carrega|carregou|carregar|acende|acendeu|esquenta|conecta|conectou|pareia|emparelha|aquece|gela|segura carga|le o|reconhece)\b",
        negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:defeit\w*|estragad[oa]|pifou|pifad[oa]|mau funcionamento|bugad[oa]|bugou)\b"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:pessima|ruim|horrivel|baixa|ma|fraca|vagabunda|porca)\s+qualidade\b|\bqualidade\b.{0,20}?\b(?:pessima|ruim|horrivel|baixa|fraca|vagabunda|lixo|de quinta|deixa a desejar|muito inferior)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:trava|travando|travou|reinicia sozinh\w*|desliga sozinh\w*|superaquece|esquenta demais|esquenta muito|faz (?:um )?barulho|chiado|chiando|falhando|falha|falhar|comec\w* a (?:falhar|travar|dar problema)|dando problema|deu problema|oscila|pisca|piscando|nao dura|dura pouco|descarrega rapido)\b"),
    cue(I.QUALITY_DEFECT, 0.6, r"\b(?:lixo|porcaria|nao presta|vagabund[oa])\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:costura|ziper|botao|sola|alca|fecho|tira|cabo|fivela|solda|cola)\b.{0,25}?\b(?:soltou|solta|rasgou|arrebentou|descolou|desmanchou|abriu|saiu|quebrou|desfiou|descosturou)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:desbot\w*|descasc\w*|manch\w*|enferruj\w*|ferrugem|oxid\w*|fedendo|fedor|cheiro (?:forte|ruim|horrivel)|fiapos|bolinhas|desfi\w*|mofo|mofad[oa]|solta tinta|soltando tinta)\b"),
    # --- breakage -------------------------------------------------------------------------------
    cue(BROKEN, 1.0,
        r"\b(?:quebrad[oa]s?|quebrou|rachad[oa]s?|rachou|racha|trincad[oa]s?|trincou|trinca|arranhad[oa]s?|riscad[oa]s?|arranhao|risco|lascad[oa]s?|lascou|partid[oa]s?|partiu|estourad[oa]s?|estourou|vazando|vazou|vazad[oa]|rasgad[oa]s?|rasgou|furad[oa]s?|furo|tort[oa]|entortad[oa]|amassad[oa]s?|danificad[oa]s?)\b"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, STRONG, r"\b(?:danificad[oa]s?|avariad[oa]s?|avaria|danos?)\b(?!\s+mora)"),
    cue(I.DAMAGED, 1.4,
        r"\b(?:chegou|chegaram|veio|vieram|recebi|recebemos|entregue|entregaram)\b.{0,25}?\b(?:quebrad|danificad|amassad|rachad|trincad|arranhad|riscad|rasgad|estilhacad|esmagad|destruid|lascad|em pedacos|molhad|vazand)"),
    cue(I.DAMAGED, STRONG,
        rf"\b{_BOX}\b.{{0,30}}?\b(?:amassad[oa]|rasgad[oa]|danificad[oa]|molhad[oa]|aberta|aberto|violad[oa]|furad[oa]|destruid[oa]|esmagad[oa]|detonad[oa]|toda zoada|estourad[oa])\b"),
    cue(I.DAMAGED, 1.0, r"\b(?:em pedacos|em cacos|estilhacad[oa]s?|esmagad[oa]s?|destruid[oa]s?|despedacad[oa]s?)\b"),
    cue(ARRIVAL, 1.0,
        r"\b(?:no|durante o|pelo)\s+(?:transporte|envio|frete|caminho|trajeto)\b|\b(?:na|durante a)\s+entrega\b|\b(?:ao abrir|quando abri|assim que abri|logo que abri)\b|\b(?:chegou|chegaram|veio|vieram|entregue|recebi)\b|\bpelos correios\b"),
    cue(ARRIVAL, 0.5, rf"\b{_BOX}\b"),
    # --- time in use ----------------------------------------------------------------------------
    cue(AFTER_USE, 1.0,
        r"\b(?:depois de|apos|com|em|dentro de)\s+(?:so\s+|apenas\s+|menos de\s+|uns\s+|umas\s+)?(?:\d+|um|uma|dois|duas|tres|poucos|poucas|alguns|algumas)\s+(?:dias?|semanas?|mes|meses|horas?|usos?|lavagens?|vezes|minutos)\b"),
    cue(AFTER_USE, 1.0,
        r"\b(?:na|depois da|apos a) (?:primeira|segunda) (?:lavagem|vez|carga|uso)\b|\bno primeiro uso\b|\bdepois de (?:lavar|usar|carregar)\b|\b(?:parou de|deixou de)\b|\busei (?:so |apenas )?(?:uma|duas|poucas) vez(?:es)?\b"),
    # --- missing parts --------------------------------------------------------------------------
    cue(I.MISSING_PARTS, STRONG, r"\bfalt(?:a|am|ando|ou|aram|ava|avam|ante|antes)\b",
        veto=r"\bfalt\w*\s+(?:de\s+|com\s+)?(?:respeito|informac\w*|resposta|atencao|compromisso|educacao|qualidade|cuidado|comunicac\w*|profissionalismo|consideracao|vergonha)\b|\bfalt(?:a|am) (?:\d+|poucos|uns) dias\b"),
    cue(I.MISSING_PARTS, STRONG, rf"\b(?:nao|nem)\s+(?:veio|vieram|tinha|tem|estava|estavam|acompanha|acompanhou|acompanham|veio junto|mandaram|enviaram)\s+(?:\w+\s+){{0,2}}?{_PART}\b", negatable=False),
    cue(I.MISSING_PARTS, STRONG, r"\bincomplet[oa]s?\b|\besqueceram de (?:mandar|enviar|colocar)\b"),
    cue(I.MISSING_PARTS, 1.0, r"\b(?:veio|vieram|recebi|chegou|chegaram|mandaram)\s+(?:so|apenas|somente)\s+(?:\d+|um|uma|dois|duas|tres|metade)\b|\b(?:so|apenas|somente)\s+(?:veio|vieram|chegou|chegaram)\s+(?:\d+|um|uma|dois|duas|tres)\b"),
    cue(I.MISSING_PARTS, 1.4, r"\b(?:com|de)\s+\d+\b.{0,40}?\b(?:vieram|veio|chegaram|chegou|recebi|mandaram)\s+(?:so\s+|apenas\s+|somente\s+)?\d+\b"),
    cue(I.MISSING_PARTS, 0.6, rf"\bsem (?:o |a |os |as )?{_PART}\b", negatable=False),
    # --- customs --------------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.0, r"\b(?:alfandega|aduana|receita federal|tributad[oa]|tributacao|tributo|icms|remessa conforme)\b",
        veto=r"\b(?:parad[oa]|pres[oa]|retid[oa]|segurad[oa])\s+(?:na|no)\s+(?:alfandega|receita|fiscalizacao|aduana)\b"),
    cue(I.CUSTOMS_TAX, 1.4, r"\b(?:taxa|imposto|tributo)s?\s+de importacao\b|\b(?:fui|foi|fomos|ser) taxad[oa]s?\b|\bdespacho postal\b|\bpaguei (?:a |de )?(?:taxa|imposto|tributo)\w*\b"),
    cue(I.CUSTOMS_TAX, MEDIUM, r"\b(?:imposto\w*|taxad\w*)\b"),
    cue(I.CUSTOMS_TAX, WEAK, r"\btaxas?\b(?!\s+de\s+(?:entrega|frete|envio|servico|juros|cambio))"),
    cue(I.CUSTOMS_TAX, 0.6, r"\b(?:tive que|tive de|precisei|tenho que|tenho de|preciso|tem que|pra|para) pagar\b|\bpaguei a mais\b|\bcobraram\b"),
    # --- empty ----------------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, rf"\b{_BOX}\b.{{0,25}}?\b(?:totalmente |completamente )?vazi[oa]\b|\b(?:veio|chegou) vazi[oa]\b"),
    cue(I.EMPTY_PACKAGE, 1.4, r"\b(?:nao|nem)\s+(?:tinha|havia|veio|tem|estava)\s+nada\b|\bnada (?:dentro|la dentro|na caixa|no pacote|na embalagem)\b", negatable=False),
    cue(I.EMPTY_PACKAGE, STRONG, r"\b(?:so|apenas|somente)\s+(?:tinha|veio|havia)\s+(?:\w+\s+)?(?:papel|plastico bolha|isopor|embalagem|ar|enchimento)\b"),
    cue(I.EMPTY_PACKAGE, 1.4, r"\bsem (?:o |a )?(?:produto|item|nada|mercadoria)\s+(?:la )?dentro\b|\b(?:so|apenas) (?:veio|chegou) a (?:caixa|embalagem)\b|\b(?:caixa|embalagem) sem (?:o |a )?(?:produto|item|mercadoria)\b", negatable=False),
    cue(I.EMPTY_PACKAGE, 0.6, r"\bvazi[oa]\b"),
    # --- size -----------------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG,
        r"\b(?:ficou|ficaram|ficou muito|ficaram muito|ficou bem|ficou um pouco)\s+(?:pequen[oa]s?|grandes?|apertad[oa]s?|larg[oa]s?|curt[oa]s?|comprid[oa]s?|just[oa]s?|folgad[oa]s?)\b|\b(?:muito|bem|super|mt|um pouco|meio)\s+(?:pequen[oa]s?|apertad[oa]s?|larg[oa]s?|curt[oa]s?|comprid[oa]s?|just[oa]s?|folgad[oa]s?)\b|\b(?:pequen[oa]s?|grandes?|apertad[oa]s?|larg[oa]s?|folgad[oa]s?)\s+demais\b"),
    cue(I.SIZE_FIT, STRONG, r"\bnao\s+(?:me\s+)?(?:serviu|serve|servem|serviram|coube|cabe|cabem|couberam|vestiu|veste)\b(?!\s+(?:para|pra|de)\s+(?:nada|que|o que))", negatable=False,
        veto=r"\b(?:cor|descricao|foto|material|estampa|modelo do celular|carro)\b"),
    cue(I.SIZE_FIT, STRONG, r"\b(?:forma|veste|calca|tamanho)\s+(?:muito |bem )?(?:pequen[oa]|grande|menor|maior)\b"),
    cue(I.SIZE_FIT, 1.0, r"\btamanho errado\b|\btamanho\b.{0,15}?\b(?:nao (?:bate|serve|confere)|errado|diferente)\b|\btabela de (?:medidas|tamanhos)\b|\bnumeracao (?:pequena|grande|errada)\b"),
    cue(I.SIZE_FIT, MEDIUM, r"\b(?:menor|maior|mais apertad[oa]|mais curt[oa])\s+(?:do\s+)?que\s+(?:o\s+)?(?:normal|esperado|de costume|anunciado|indicado)\b"),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, STRONG, r"\b(?:troca|trocar|trocado|trocada|troque|trocam|trocariam)\b"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"\b(?:tamanho|cor|pedido|modelo|numeracao|numero)\b.{0,25}?\b(?:mudar|alterar|corrigir|modificar)\b|\b(?:mudar|alterar|corrigir|modificar)\b.{0,15}?\b(?:tamanho|cor|modelo|numeracao)\b"),
    cue(I.EXCHANGE_REQUEST, 0.6, r"\bum (?:numero|tamanho) (?:maior|menor|acima|abaixo)\b|\b(?:outro|outra) (?:tamanho|cor|numeracao)\b|\bem vez disso\b"),
    cue(OWN_MISTAKE, 1.0, r"\b(?:sem querer|por engano|errei|me enganei|escolhi errado|pedi errado|comprei errado|culpa minha|erro meu|cliquei errado|selecionei errado)\b", negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4,
        r"\bcomo\s+(?:\w+\s+){0,2}?(?:faco|faz|fazer|uso|usa|usar|utiliz\w*|instal\w*|mont\w*|configur\w*|ligo|liga|ligar|conect\w*|pare\w*|emparelh\w*|reset\w*|reinici\w*|carreg\w*|ajust\w*|regul\w*|limp\w*|abr\w*|fech\w*|atualiz\w*|program\w*|sincroniz\w*|acopl\w*|funciona|coloc\w*|troc[oa] a bateria|tir\w*|encaix\w*)",
        negatable=False, veto=_PROCEDURE),
    cue(I.USAGE_QUESTION, STRONG, r"\b(?:nao|nem)\s+(?:sei|entendi|entendo|consigo entender|descobri)\s+como\b|\bme (?:ensina|explica)\b", negatable=False),
    cue(I.USAGE_QUESTION, MEDIUM, r"\b(?:compativel|serve (?:no|na|para o|para a|pro|pra)|funciona (?:no|na|com o|com a))\b"),
    cue(I.USAGE_QUESTION, WEAK, r"\b(?:manual|instruc\w*|tutorial|passo a passo)\b"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"\bcancel\w*", veto=r"\b(?:reclamacao|disputa|devolucao|chamado|abertura|solicitacao de reembolso)\b"),
    cue(I.CANCELLATION, STRONG, r"\b(?:desisti|desisto|desistir|desistencia)\b(?!\s+de\s+(?:esperar|aguardar|voces|tentar))(?:.{0,15}?\b(?:compra|pedido)\b)?|\barrependimento\b"),
    cue(I.CANCELLATION, 1.0, r"\bnao\s+(?:\w+\s+)?(?:envie|enviem|mande|mandem|despache|despachem|poste|postem)\b", negatable=False),
    cue(I.CANCELLATION, MEDIUM, r"\b(?:nao)\s+(?:\w+\s+){0,2}?(?:quero|preciso|vou querer)\s+mais\b", negatable=False),
    # --- option choice --------------------------------------------------------------------------
    letter_option_cue(r"(?:opcao|alternativa|solucao|proposta)", r"por favor|obrigad|pode ser|ok"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b{_OPTION_NOUN}\s*(?:n\.?\s*|no\.?\s*|numero\s*|#\s*)?\(?(?P<ord>{{ORD}})\)?(?!\w)(?![\d-])"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b(?P<ord>{{NTH}})\s+{_OPTION_NOUN}"),
    cue(I.OPTION_CHOICE, STRONG,
        rf"\b{_CHOICE_VERB}\s+(?:a\s+|o\s+|pela\s+|pelo\s+|com a\s+|com o\s+)?(?:opcao\s+|numero\s+|n\.?\s*)?(?P<ord>{{NTH}})(?!\w)(?!\s*(?:dias?|semanas?|vez|vezes|unidades?|meses|reais|r\$|pecas?|produtos?|itens|tamanho|cor|pares?))"),
    cue(I.OPTION_CHOICE, 1.0,
        r"^\W*(?:a|o|opcao|numero|n)?\s*(?P<ord>{NTH}|um|uma|dois|duas|tres)\W*(?:por favor|obrigad[oa]|pode ser|ok|ta bom|beleza|valeu|(?:esta|ta|e|fica)\s+(?:otim[oa]|boa|bom|perfeit[oa]|de boa)(?:\s+(?:pra|para)\s+mim)?)?\W*$"),
    cue(I.OPTION_CHOICE, 1.0, rf"\b{_CHOICE_VERB}\b.{{0,25}}?\b(?:reembolso parcial|cupom|desconto|proposta|oferta|compensacao|sugestao)\b"),
    cue(I.OPTION_CHOICE, WEAK, rf"\b{_CHOICE_VERB}\b.{{0,25}}?\b(?:reembolso|estorno|reenvio|outro produto|produto novo|devolucao)\b"),
)

LEXICON = Lexicon(
    language="pt",
    cues=CUES,
    ordinals=(
        (r"primeir[oa]|1[oa]", 1),
        (r"segund[oa]|2[oa]", 2),
        (r"terceir[oa]|3[oa]", 3),
        (r"quart[oa]|4[oa]", 4),
        (r"ultim[oa]", 0),
    ),
    cardinals=((r"um|uma", 1), (r"dois|duas", 2), (r"tres", 3), (r"quatro", 4)),
    negation_before=r"\b(?:nao|naum|nem|nunca|jamais|sem|nenhum\w*|nada)\b",
    clause_break=r"[.,;:!?\n()]|\b(?:mas|e|porem|contudo|entretanto|pois|porque|embora|so que)\b",
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=r"\b(?:avalia\w*|avalie|comentario\w*|estrelas?|feedback|opiniao|opinioes|review)\b",
    change=r"\b(?:alter\w*|mudar|mude|mudanca|modific\w*|remov\w*|exclu\w*|apag\w*|retir\w*|reconsider\w*|atualiz\w*|revis\w*|edit\w*|rever|reveja)\b",
    incentive=r"\b(?:reembols\w*|estorn\w*|descont\w*|cupo\w*|gratis|gratuit\w*|brindes?|presentes?|vale-compras?|vale compras?|compens\w*|em troca|recompens\w*|sem (?:nenhum )?custo|de graca)\b",
    positive=r"\b(?:positiv\w*|cinco estrelas|5 estrelas|nota (?:maxima|5|cinco|10|dez)|boa avaliac\w*|avaliacao boa)\b",
    outside_contact=r"\b(?:whatsapp|whats|zap|wechat|telegram|skype|ligue para (?:nos|a gente)|ligue pra gente|ligar para (?:nos|a gente)|por telefone|pelo telefone|fora d[ao] (?:amazon|ebay|aliexpress|plataforma|mercado livre|shopee))\b",
    marketing=r"\b(?:newsletter|siga-nos|siga a gente|nos siga|visite (?:a )?nossa loja|nova colecao|inscreva-se|facebook|instagram|tiktok)\b",
)
