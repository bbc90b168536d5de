"""English buyer cues. Patterns run on folded text: lower case, no accents, apostrophe "'"."""

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Lexicon, cue, letter_option_cue

# Frequent buyer spellings of "receive(d)" and "arrive(d)".
_RECEIVE = r"(?:rec(?:ie|ei|e|i)ve?d?|rece?ive?|reci?e?ved|get|got|gotten|arr?ive?d?|arriving|deliver(?:ed|d|y)?|come|came|show(?:n|ed)? up|turn(?:ed)? up)"
_PARCEL = r"(?:package|packge|pakage|packet|parcel|parcle|pkg|order|shipment|delivery|item|items|goods|product|stuff|purchase)"
_BOX = r"(?:box|package|packge|pakage|parcel|packet|packaging|carton|envelope|mailer|bag)"
# What a buyer may "not have received" without the goods being missing.
_NOT_GOODS = r"\b(?:tracking|refund|reply|answer|response|code|e-?mail|message|confirmation|invoice|update|updates|information|info|money|instructions|notification|feedback)\b"
# A negation, with and without the apostrophe buyers often leave out.
_NOT = r"(?:\b(?:not|never|yet to|nothing|didnt|havent|hasnt|doesnt|dont|wont|isnt|wasnt|werent|cant|cannot)\b|n't)"
_OPTION_NOUN = r"(?:option|solution|choice|offer|proposal|suggestion|alternative|remedy|possibility|plan)"
_CHOICE_VERB = (
    r"(?:choose|chose|choosing|pick|picked|take|taking|go with|going with|go for|prefer|opt for|select|selected|"
    r"accept|want|like|d like|would like|will take|'ll take|'ll go with|decided on|decide on|vote for)"
)

CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4,
        rf"{_NOT}\s+(?:\w+\s+){{0,2}}?{_RECEIVE}\b(?!\s+(?:with|on)\b)",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, STRONG, r"\bno sign of (?:my|the|it|this|any)\b", negatable=False),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:still|been)\s+waiting\b", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.6, r"\b(?:package|parcel|order|shipment|delivery)\s+(?:\w+\s+)?(?:is|was|has been|got|went|seems?)?\s*(?:lost|missing)\b"),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:lost|missing)\s+(?:in the (?:post|mail)|in transit|on the way)\b"),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:returned|sent back|going back|on its way back) to (?:the )?(?:sender|seller|you)\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:says|said|shows?|showing|marked|listed|status)\b.{0,20}\bdelivered\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:is|it's|its|order is|package is|parcel is)\s+(?:very |so |really )?(?:late|overdue)\b|\bdelayed\b"),
    cue(I.NOT_RECEIVED, 0.6, r"\bno (?:tracking )?(?:updates?|movement|news)\b", negatable=False),
    # --- lateness (context) ---------------------------------------------------------------------
    cue(LATE, 1.0, r"\b\d+\s*(?:days?|weeks?|wks?|months?)\b"),
    cue(LATE, 1.0, r"\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|couple of)\s+(?:days?|weeks?|months?)\b"),
    cue(LATE, 1.0, r"\b(?:over|more than|almost|nearly|about) a (?:week|month)\b|\bages\b|\bforever\b|\bso long\b|\blong time\b"),
    cue(LATE, 0.5, r"\bstill\b|\balready\b|\byet\b"),
    # --- tracking inquiry -----------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"\btrack(?:ing)?\s*(?:number|no\b|nr\b|#|code|id|info|information|details|link)", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\btrack(?:ing)?\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, rf"\bwhere\b.{{0,25}}\b(?:is|are|'s)\b.{{0,15}}\b{_PARCEL}\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0,
        r"\bwhen\b.{0,40}\b(?:will|would|can|could|should|do|does)\b.{0,30}\b(?:arrive|be delivered|deliver|ship|be shipped|dispatch|be dispatched|be sent|send|get it|receive|expect|come)\b"),
    cue(I.TRACKING_INQUIRY, 1.0, r"\b(?:has|have|did|was|were)\s+(?:it|my order|the order|this|they|my package|the item|my item|my parcel)\s+(?:actually\s+|already\s+|even\s+|really\s+)?(?:been\s+)?(?:shipped|sent|dispatched|posted|mailed)\b"),
    cue(I.TRACKING_INQUIRY, 1.0, r"\blabel (?:created|printed)\b|\b(?:pre-?shipment|awaiting (?:pickup|collection|dispatch))\b|\bstatus (?:still )?says\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:shipping|delivery|order|shipment)\s+status\b|\bany (?:update|news|info)\b|\bestimated (?:delivery|arrival)\b|\beta\b|\bdelivery date\b"),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\bwhen\b.{0,25}?\b(?:ships?|arrives?|dispatch(?:es)?|gets? here|be here|goes out|is sent|will be sent)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:stuck|held|sitting|waiting|still)\s+(?:in|at)\s+customs\b"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, STRONG, r"\bwrong\s+(?:item|items|product|article|thing|order|parcel|package|goods|model|one|part)\b"),
    cue(I.WRONG_ITEM, STRONG,
        r"\bnot\s+(?:what|the (?:item|product|thing|one|model)(?: that)?)\s+(?:i|we)\s+(?:\w+\s+)?(?:ordered|bought|purchased|paid for|asked for|chose|selected)\b",
        negatable=False),
    cue(I.WRONG_ITEM, 1.0, r"\b(?:different|another|other|completely different|totally different|random)\s+(?:item|product|article|thing|model)\b(?!\s+(?:than|from) (?:the )?(?:picture|photo|description|listing))"),
    cue(I.WRONG_ITEM, STRONG, r"\bsent\s+(?:me\s+|us\s+)?(?:the wrong|a wrong|a different|someone else'?s|another)\b"),
    cue(I.WRONG_ITEM, 1.0,
        r"\b(?:ordered|bought|purchased)\b.{1,60}?\b(?:but|and|however)\s+(?:i\s+|we\s+)?(?:have\s+|had\s+|only\s+|instead\s+)?(?:received|recieved|got|was sent|were sent|got sent)\b"),
    cue(I.WRONG_ITEM, 1.0, r"\bnot my (?:order|item|product|package)\b|\bsomeone else'?s (?:order|item|package)\b", negatable=False),
    cue(I.WRONG_ITEM, 1.4,
        r"\binstead of (?:the|my)\s+(?:\w+\s+)?(?:ordered|purchased|bought)\b|\binstead of (?:the|my|a|an|what)\s+(?:\w+\s+){0,3}?(?:i|we)\s+(?:had\s+)?(?:ordered|bought|purchased|paid for)\b"),
    cue(I.WRONG_ITEM, 0.3, r"\binstead of (?:the|my|a|an)\b"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:inaccurate|incorrect|wrong|misleading|false)\s+(?:website\s+|product\s+|item\s+)?description\b|\bdescription\s+(?:is|was)\s+(?:inaccurate|incorrect|wrong|misleading|false)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"\bnot\s+(?:\w+\s+)?(?:as|like)\s+(?:described|pictured|shown|advertised|in the (?:picture|photo|photos|description|listing|ad|pictures))\b",
        negatable=False),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:doesn't|does not|didn't|did not|don't|do not|not|never)\s+(?:\w+\s+)?(?:match|correspond to|look like|resemble)\b.{0,20}\b(?:description|picture|pictures|photo|photos|image|images|listing|ad|advert|website|page)\b",
        negatable=False),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:different|differs?)\s+(?:from|than|to)\s+(?:the |what (?:is|was) )?(?:description|picture|pictures|photo|photos|image|images|listing|ad|advert|shown|pictured|advertised|described)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.0,
        r"\b(?:colou?r|shade|material|fabric|pattern|print|style|design|finish|texture)\b.{0,30}?\b(?:is|are|was|were|looks?|seems?)?\s*(?:completely |totally |very |quite |a bit |slightly |so )?(?:wrong|different|off|not the same|not right|nothing like)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\bwrong\s+(?:colou?r|shade|print|pattern|style|design|version|material)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\bnot the same as (?:the |in the |on the )?(?:picture|pictures|photo|photos|image|images|listing|ad|description|website)\b|\bmisrepresent\w*|\bdifferent (?:model|version|brand) (?:than|from) (?:advertised|described|shown|listed)\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\blooks? nothing like\b|\bmisleading\b|\bfalse(?:ly)? advertis\w*"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\b(?:fake|counterfeit|knock-?off|not genuine|not original|not authentic|replica)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\b(?:description|listing|ad|picture|photo)s?\s+(?:says?|said|shows?|showed|claims?|claimed|states?|stated)\b|\badvertised as\b|\bsupposed to be\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM,
        r"\b(?:smaller|bigger|larger|thinner|cheaper|darker|lighter|shorter)\s+than\s+(?:in\s+)?(?:the\s+)?(?:picture|pictures|photo|photos|pictured|shown|described|advertised|it looks)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\b(?:not|isn't|wasn't|aren't)\s+(?:real\s+|genuine\s+)?(?:leather|cotton|silk|wool|gold|silver|steel|wood|solid wood|stainless steel|metal)\b", negatable=False),
    # --- quality defect -------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:performance|quality)\s+(?:(?:is|was)\s+)?(?:not adequate|inadequate|insufficient|unacceptable|substandard)\b|\bnot fit for purpose\b"),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:stopped|stop|quit|ceased|stops|quits)\s+(?:working|charging|functioning|turning on|heating|lighting up)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:doesn't|does not|won't|will not|didn't|did not|cannot|can't|can not|isn't|is not|not|no longer|never|wont|doesnt|dont|don't)\s+(?:\w+\s+)?(?:work|works|working|turn on|switch on|power on|power up|charge|charging|start|light up|heat up|heat|function|functioning|spin|play|hold a charge)\b",
        negatable=False),
    cue(I.QUALITY_DEFECT, 0.5,
        r"\b(?:doesn't|does not|won't|will not|can't|cannot|not)\s+(?:\w+\s+)?(?:connect|pair|open|close|lock|stay on|stay closed)\b", negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"\bdefect\w*|\bfaulty\b|\bmalfunction\w*|\bdead on arrival\b|\bdoa\b|\bdud\b"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:poor|bad|cheap|terrible|awful|low|horrible|lousy|crap|crappy|shoddy|inferior|very poor|really bad)\s+(?:quality|material|materials|build|stitching|workmanship|craftsmanship)\b"),
    cue(I.QUALITY_DEFECT, STRONG, r"\bquality\s+(?:is|was|seems)\s+(?:\w+\s+)?(?:poor|bad|terrible|awful|low|horrible|disappointing|rubbish|crap)\b"),
    cue(I.QUALITY_DEFECT, 1.0, r"\b(?:fell|falls|falling|came|coming|comes)\s+apart\b|\b(?:keeps|kept)\s+(?:turning off|shutting down|disconnecting|breaking|crashing|restarting|dying)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:peel(?:s|ed|ing)?|fray(?:s|ed|ing)?|unravel\w*|fad(?:es|ed|ing)|discolou?r\w*|rust(?:y|ed|ing)?|pilling|stain(?:s|ed)?|smells?|stinks?|odou?r|mou?ldy?|loose threads?|bubbl(?:es|ed|ing)|flak(?:es|ing))\b"),
    cue(I.QUALITY_DEFECT, 1.0, r"\b(?:stitch\w*|seams?)\b.{0,20}\b(?:came|come|coming|came) (?:undone|loose|apart)\b|\b(?:ripped|split|tore) at the seams?\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:flimsy|cheaply made|poorly made|badly made|overheat\w*|flicker\w*|no sound|buzz(?:es|ing)|crackl\w*|intermittent\w*|glitch\w*|wobbl\w*|keeps? (?:dying|dropping)|won't hold|doesn't hold|not holding|useless|unusable|junk|rubbish)\b"),
    cue(I.QUALITY_DEFECT, 0.6, r"\b(?:battery|screen|display|button|zip|zipper|motor|speaker|sound|charger|plug|switch)\b.{0,15}\b(?:is |was |are )?(?:dead|stuck|failed|not working)\b"),
    # --- breakage (context: transit damage or defect) -------------------------------------------
    cue(BROKEN, 1.0,
        r"\b(?:broken|broke|brokn|borken|brocken|broked|brokken|cracked|cracks?|snapped|ripped|torn|tear|holes?|scratch(?:ed|es)?|chipped|bent|leak(?:s|ed|ing)?|spill(?:ed|t)?|split|shattered|smashed)\b"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, 1.0, r"\bdamag\w*|\bdamged\b"),
    cue(I.DAMAGED, 1.4,
        r"\b(?:arrived|arrive|came|was delivered|were delivered|delivered|received it|received them|got it|showed up)\s+(?:\w+\s+){0,2}?(?:broken|cracked|damaged|smashed|shattered|dented|crushed|in pieces|bent|torn|leaking|scratched|opened|wet|destroyed)\b"),
    cue(I.DAMAGED, 1.4, r"\b(?:broken|cracked|damaged|smashed|shattered|dented|crushed)\s+(?:on|upon|at|in)\s+(?:arrival|delivery|transit|shipping|the post)\b"),
    cue(I.DAMAGED, STRONG,
        rf"\b{_BOX}\b.{{0,25}}?\b(?:crushed|smashed|torn|ripped|dented|wet|soaked|damaged|destroyed|opened|broken|squashed|caved in|battered|open)\b"),
    cue(I.DAMAGED, 1.0, r"\b(?:crushed|squashed|in pieces|shattered|smashed to pieces|destroyed)\b"),
    cue(ARRIVAL, 1.0,
        r"\b(?:arr?ived?|arr?ives|came|was delivered|were delivered|received it|got it|showed up|upon arrival|on arrival|when i opened|when opened|opened the (?:box|package|parcel)|out of the box|unbox\w*|in transit|during (?:shipping|shipment|transit|transport|delivery)|in the (?:post|mail))\b"),
    cue(ARRIVAL, 0.5, rf"\b{_BOX}\b"),
    # --- time in use (context) ------------------------------------------------------------------
    cue(AFTER_USE, 1.0,
        r"\bafter\s+(?:only\s+|just\s+)?(?:\d+|a|an|one|two|three|four|five|few|couple|several|first|the first|second|a few|a couple of)\b.{0,15}?\b(?:days?|weeks?|months?|uses?|wears?|wash\w*|times?|charges?|hours?|minutes?)\b"),
    cue(AFTER_USE, 1.0, r"\b(?:the\s+)?first time (?:i|we) (?:used|wore|washed|tried|charged|switched)\b|\b(?:first time using|on first use|during use|while using|in use)\b"),
    cue(AFTER_USE, 1.0, r"\b(?:after|when)\s+(?:using|wearing|washing|charging|installing|i used|i washed|i wore|first use|the first wash|first wash|one use)\b"),
    cue(AFTER_USE, MEDIUM, r"\bwithin\s+(?:a|an|\d+|one|two|few|a few)\s+(?:days?|weeks?|hours?|months?|uses?)\b"),
    cue(AFTER_USE, 1.0, r"\b(?:used|wore|worn|washed|charged)\s+(?:it\s+|them\s+)?(?:once|twice|\w+ times)\b|\bno longer\b|\banymore\b|\bany more\b"),
    # --- missing parts --------------------------------------------------------------------------
    cue(I.MISSING_PARTS, 1.0, r"\bmissing\b", veto=r"\b(?:package|parcel|order|shipment|delivery|pkg)\s+(?:\w+\s+)?(?:is\s+|was\s+|has been\s+|went\s+)?missing\b"),
    cue(I.MISSING_PARTS, STRONG,
        r"\b(?:parts?|pieces?|screws?|bolts?|accessor\w*|cables?|charger|adapter|remote|manual|instructions|lid|cover|cap|belt|strap|batter\w*|legs?|nuts?|tools?|case|one of|some of|the other)\b.{0,25}?\b(?:not included|wasn't included|weren't included|missing|not in the box|not in the package|not there|absent|lacking)\b",
        negatable=False),
    cue(I.MISSING_PARTS, 1.0, r"\b(?:not|wasn't|weren't|isn't|aren't)\s+included\b", negatable=False),
    cue(I.MISSING_PARTS, STRONG, r"\b(?:didn't|did not|doesn't|does not|didnt|doesnt)\s+(?:come|arrive)\s+with\b", negatable=False),
    cue(I.MISSING_PARTS, 1.0,
        r"\bonly\s+(?:\w+\s+)?(?:\d+|one|two|three|four|five|half)\b.{0,20}?\b(?:of|out of|instead of|were in|was in|in the (?:box|package|parcel)|arrived|came)\b"),
    cue(I.MISSING_PARTS, 1.0, r"\bincomplete\b|\bforgot to (?:include|send|pack|put)\b|\b(?:came|arrived|sent|shipped)\s+without\b|\b(?:one|two|\d+)\s+(?:item|piece|pieces|items|pcs)\s+short\b"),
    cue(I.MISSING_PARTS, STRONG, r"\b(?:wasn't|weren't|isn't|aren't|not)\s+(?:in|inside)\s+the\s+(?:box|package|parcel|bag|set)\b", negatable=False),
    cue(I.MISSING_PARTS, STRONG, r"\bno\s+(?:\w+\s+)?(?:screws|bolts|charger|cable|remote|manual|instructions|accessories|battery|batteries|lid|strap|parts|adapter|plug|case)\s+(?:inside|in the (?:box|package|parcel))\b", negatable=False),
    cue(I.MISSING_PARTS, 1.0, r"\b(?:didn't|did not|doesn't|does not|didnt|doesnt)\s+include\b|\bonly (?:got|received|came with)\b", negatable=False),
    cue(I.MISSING_PARTS, 0.6, r"\b(?:no|without)\s+(?:the\s+)?(?:screws|bolts|charger|cable|remote|manual|instructions|accessories|battery|batteries|lid|strap|parts)\b", negatable=False),
    # --- customs and tax ------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.4, r"\bcustoms?\b.{0,20}?\b(?:fees?|charges?|dut(?:y|ies)|tax\w*|bill|invoice|payment|clearance)\b"),
    cue(I.CUSTOMS_TAX, STRONG, r"\b(?:import|vat|gst|hst|duty|duties|brokerage|clearance)\s+(?:fees?|charges?|tax\w*|dut(?:y|ies))\b"),
    cue(I.CUSTOMS_TAX, STRONG,
        r"\b(?:pay|paid|payed|charged|charge|charging|bill(?:ed)?|invoiced|cost me|owe|asked me for)\b.{0,40}?\b(?:customs|dut(?:y|ies)|import|vat|gst|taxe?s?)\b"),
    cue(I.CUSTOMS_TAX, STRONG, r"\bcustoms\b.{0,20}?\b(?:wants?|asking|asked|asks|demand\w*|charg\w*|requir\w*)\b|\bcustoms\b.{0,30}?(?:\d+\s*(?:pounds|euros?|dollars|usd|eur|gbp|cad|aud)|[€$£]\s*\d+)"),
    cue(I.CUSTOMS_TAX, 0.5, r"\b(?:customs|import duty|duties|vat)\b", veto=r"\b(?:stuck|held|sitting|waiting|still|cleared)\s+(?:in|at|through)\s+customs\b"),
    cue(I.CUSTOMS_TAX, 0.5, r"\btax(?:es|ed)?\b"),
    # --- empty package --------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, rf"\b{_BOX}\b.{{0,20}}?\b(?:was|is|came|arrived|were)?\s*(?:completely |totally |entirely )?empty\b"),
    cue(I.EMPTY_PACKAGE, 1.6, rf"\bempty\s+{_BOX}\b"),
    cue(I.EMPTY_PACKAGE, 1.4, r"\bnothing\s+(?:was\s+|at all\s+)?(?:inside|in it|in the (?:box|package|parcel|envelope|bag)|in there)\b", negatable=False),
    cue(I.EMPTY_PACKAGE, STRONG, r"\b(?:contained|containing|had)\s+nothing\b|\bonly (?:packing|bubble wrap|paper|padding|air|filler)\b", negatable=False),
    cue(I.EMPTY_PACKAGE, 1.0, r"\b(?:item|product|goods)\s+(?:was|is|were)\s+not\s+(?:inside|in the (?:box|package|parcel|envelope))\b", negatable=False),
    cue(I.EMPTY_PACKAGE, 0.6, r"\bempty\b"),
    # --- size and fit ---------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG, r"\b(?:way |far |much |a bit |a little |slightly )?too\s+(?:small|big|large|tight|loose|short|long|narrow|wide|baggy|snug|little)\b"),
    cue(I.SIZE_FIT, STRONG, r"\b(?:doesn't|does not|didn't|did not|don't|do not|won't|not|can't|doesnt|dont)\s+(?:\w+\s+)?fit\b", negatable=False),
    cue(I.SIZE_FIT, STRONG, r"\bruns?\s+(?:very |really |a bit |a little |quite |way )?(?:small|large|big|narrow|short)\b|\bfits?\s+(?:very |really |a bit |a little |more )?(?:small|large|big|tight|loose|like an? (?:xs|s|m|l|xl|small|medium|large))\b"),
    cue(I.SIZE_FIT, 1.0, r"\bwrong size\b|\bsize (?:is|was) (?:wrong|off|not right|incorrect)\b|\bsize chart\b.{0,20}\b(?:wrong|off|inaccurate)\b"),
    cue(I.SIZE_FIT, MEDIUM, r"\b(?:smaller|bigger|larger|tighter|looser|shorter|longer)\s+than\s+(?:my |the |a )?(?:usual|normal|regular|size|other|expected)\b"),
    cue(I.SIZE_FIT, MEDIUM, r"\b(?:tight|loose|snug|baggy)\s+(?:around|on|at|in)\s+the\b|\b(?:size|sizing)\s+(?:is|was|runs)\s+(?:off|way off|small|big|large|tiny)\b"),
    cue(I.SIZE_FIT, MEDIUM, r"\b(?:can't|cannot|couldn't|can not)\s+(?:get (?:it|them) on|wear it|wear them|close it|zip it up|button it)\b|\bswimming in (?:it|them)\b"),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, STRONG, r"\b(?:exchang\w*|exchnag\w*|exhang\w*|exchag\w*|excahng\w*)\b(?!\s+rate)"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"\bswap\w*\b"),
    cue(I.EXCHANGE_REQUEST, 1.0,
        r"\b(?:change|switch|replace)\b.{0,25}?\b(?:to|for|with|into)\s+(?:a |an |the )?(?:size|colou?r|smaller|bigger|larger|different|another|black|white|red|blue|green|grey|gray|pink|beige|brown|purple|yellow|(?:xs|s|m|l|xl|xxl)\b|\d)"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"\b(?:can|could|may)\s+(?:i|we)\s+(?:get|have|receive)\b.{0,30}?\binstead\b"),
    cue(I.EXCHANGE_REQUEST, 0.6, r"\b(?:different|another|other|smaller|bigger|larger)\s+(?:size|colou?r)\b"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"\b(?:can|could|may)\s+(?:i|we|you)\s+(?:get|have|send me|send)\s+(?:it|this|them|one)\s+in\s+(?:a\s+|an\s+)?(?:size|different|bigger|smaller|larger|another|black|white|red|blue|green|grey|gray|pink|(?:xs|s|m|l|xl|xxl)\b)"),
    cue(OWN_MISTAKE, 1.0,
        r"\b(?:i|we)\s+(?:accidentally\s+|mistakenly\s+)?(?:ordered|chose|selected|picked|clicked|bought)\s+(?:the\s+|a\s+)?(?:wrong|incorrect)\b|\bby mistake\b|\bmistakenly\b|\baccidentally\b|\bmy (?:mistake|fault|bad)\b",
        negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4,
        r"\bhow\s+(?:do|can|should|does|would|to|is|are)\s+(?:i|we|you|one|it|this|they)?\s*(?:\w+\s+)?(?:use|install|set ?up|setup|set|assemble|put (?:it |this )?together|connect|pair|charge|turn (?:it |this )?on|switch (?:it |this )?on|reset|operate|open|clean|adjust|attach|mount|program|sync|configure|wash|fold|unlock|activate|register|download|work|change|fill|insert|calibrate|update)\b",
        negatable=False),
    cue(I.USAGE_QUESTION, STRONG, r"\b(?:don't|do not|can't|cannot|unable to|couldn't)\s+(?:\w+\s+)?(?:know|figure out|understand|work out|tell)\s+(?:how|what|where|which)\b", negatable=False),
    cue(I.USAGE_QUESTION, STRONG,
        r"\bis there (?:a|any) way to\b|\bhow (?:can|do) i make (?:it|this)\b|\b(?:can't|cannot|couldn't) find (?:it|the \w+|this)? ?(?:in|on) the (?:settings|menu|app|manual)\b|\bwhere (?:is|do i find|can i find) the (?:setting|settings|button|switch|option|menu|reset)\b",
        negatable=False),
    # "the manual does not explain ..." is itself the complaint: not a negation of it.
    cue(I.USAGE_QUESTION, MEDIUM, r"\b(?:instructions?|manual|user guide|guide|tutorial|video)\b.{0,30}?\b(?:how|on how|explain|in english|english|only in|chinese)\b", negatable=False),
    cue(I.USAGE_QUESTION, 0.9,
        r"\bis (?:it|this) compatible\b|\bcompatible with\b|\bwill (?:it|this) (?:work|fit) (?:with|on|for)\b|\bcan (?:it|this) be used\b|\bcan i use (?:it|this)\b"),
    cue(I.USAGE_QUESTION, 1.0, r"\bwhat (?:does|do|is) (?:the |this |that )?(?:button|light|symbol|icon|setting|mode|error|code|beep)\b|\bwhich (?:setting|mode|button|app|battery|batteries)\b"),
    cue(I.USAGE_QUESTION, 1.0, r"\b(?:send|need|where|download|get|find|have)\b.{0,20}?\b(?:instructions|manual|user guide|app|driver|pdf)\b|\bhow does (?:it|this|the \w+) work\b", negatable=False),
    cue(I.USAGE_QUESTION, WEAK, r"\b(?:instructions|manual)\b"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"\b(?:cancel\w*|cancle\w*|cancell?ation)\b", veto=r"\bcancel\w*\s+(?:the |my |this |your )?(?:dispute|claim|case|complaint|report|return|refund request)\b"),
    cue(I.CANCELLATION, 1.0, r"\b(?:don't|do not|dont|please don't)\s+(?:ship|send|dispatch|post)\b", negatable=False),
    cue(I.CANCELLATION, MEDIUM, r"\b(?:no longer|don't|do not|dont)\s+(?:need|want)\s+(?:it|this|the (?:item|order|product)|my order|them|the\b)", negatable=False),
    cue(I.CANCELLATION, MEDIUM, r"\bchanged my mind\b|\bfound it cheaper\b"),
    cue(I.CANCELLATION, 1.0, r"\b(?:stop|withdraw|void|annul|hold)\b.{0,10}?\b(?:order|purchase|shipment)\b"),
    # --- option choice (the buyer answers an offer) ---------------------------------------------
    cue(I.OPTION_CHOICE, 1.4, rf"\b{_OPTION_NOUN}\s*(?:no\.?\s*|number\s*|#\s*|nr\.?\s*)?\(?(?P<ord>{{ORD}})\)?(?!\w)(?![\d-])"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b(?P<ord>{{ORD}})\s+{_OPTION_NOUN}s?\b"),
    cue(I.OPTION_CHOICE, STRONG,
        rf"\b{_CHOICE_VERB}\s+(?:the\s+|your\s+)?(?:number\s+|no\.?\s*|#\s*)?(?P<ord>{{NTH}})(?:\s+one)?\b(?!\s*(?:days?|weeks?|months?|time|pcs|pieces|items?|of|x\b|more|year|pair|size|colou?r|in|with|that|which))"),
    cue(I.OPTION_CHOICE, 1.0, r"^\W*(?:i'?ll take |i choose |i pick )?(?:the\s+)?(?:number\s+|no\.?\s*|#\s*|option\s*)?(?P<ord>{ORD})(?:\s+one)?\W*(?:please|pls|plz|thanks?|thank you|is fine|is ok|is good|works|for me|is better)?\W*$"),
    cue(I.OPTION_CHOICE, STRONG, r"\bthe\s+(?P<ord>{NTH})\s+one\b(?=\s*(?:please|pls|plz|is fine|is ok|is good|works|for me|thanks|would be|sounds|[.!,]|$))"),
    letter_option_cue(_OPTION_NOUN, r"please|pls|thanks|thank you|is fine|works|for me"),
    cue(I.OPTION_CHOICE, 1.0, r"\b(?:number|no\.|#)\s*(?P<ord>[1-5])\b(?![\d-])\s*(?:please|pls|is fine|works|for me|thanks|sounds good|is good)"),
    cue(I.OPTION_CHOICE, 1.0,
        r"\b(?:i|we)\s+(?:\w+\s+)?(?:accept|agree to|agree with|am ok with|am fine with|'m ok with|'m fine with|'m happy with|am happy with|'ll take|will take|would like|'d like|prefer|choose|go for|go with|opt for)\s+(?:the|your|a|this)?\s*(?:partial refund|claim code|discount code|discount|coupon|voucher|offer|proposal|solution|suggestion|compensation|gift card|\d+\s*% (?:refund|discount|code|claim code))\b"),
    cue(I.OPTION_CHOICE, WEAK,
        r"\b(?:i|we)\s+(?:\w+\s+)?(?:accept|'ll take|will take|would like|'d like|prefer|choose)\s+(?:the|a)?\s*(?:full refund|refund|replacement|new one|reship\w*|resend\w*)\b"),
)

LEXICON = Lexicon(
    language="en",
    cues=CUES,
    ordinals=(
        (r"first|1st", 1),
        (r"second|2nd", 2),
        (r"third|3rd", 3),
        (r"fourth|4th", 4),
        (r"last", 0),
    ),
    cardinals=((r"one", 1), (r"two", 2), (r"three", 3), (r"four", 4)),
    negation_before=r"\b(?:not|no|never|without|nor|nothing|none|isn't|wasn't|aren't|weren't|don't|doesn't|didn't|hasn't|haven't|won't|wont|dont|doesnt|didnt|isnt|wasnt)\b|n't\b",
    clause_break=r"[.,;:!?\n()]|\b(?:but|and|however|although|though|because|so)\b",
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=r"\b(?:reviews?|feedback|ratings?|stars?)\b",
    change=r"\b(?:chang\w*|updat\w*|remov\w*|delet\w*|revis\w*|reconsider\w*|amend\w*|edit\w*|withdraw\w*|retract\w*|take (?:it )?down)\b",
    incentive=r"\b(?:refund\w*|discount\w*|free|gifts?|vouchers?|coupons?|compensat\w*|in exchange|in return|rewards?|claim codes?)\b",
    positive=r"\b(?:positive|five[- ]stars?|5[- ]stars?|good (?:review|rating|feedback))\b",
    outside_contact=r"\b(?:whatsapp|wechat|telegram|skype|viber|call us|phone us|text us|contact us directly|outside (?:of )?(?:amazon|ebay|aliexpress|walmart|the marketplace))\b",
    marketing=r"\b(?:newsletter|follow us|visit our (?:shop|store|website)|new collection|shop now|subscribe|facebook|instagram|tiktok)\b",
)
