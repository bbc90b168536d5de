"""English: the words marketplaces print and buyers write, beside the classifier's cues (``lexicon.py``).

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Patterns are written against folded text (lower case, accents removed) unless a name says otherwise.
"""

from disputed.vocabulary import Remedy

FIELD_LABELS = {
    "order_id": ("order id", "order number", "order", "order no", "order #", "purchase order", "purchase order number",
                 "po", "po number", "customer order", "customer order number", "order reference"),
    "item": ("item", "item name", "product", "product name", "order item", "item title", "title"),
    "quantity": ("qty", "quantity", "return quantity", "quantity to return", "units"),
    "reason": ("return reason", "reason", "reason for return", "reason for the return", "claim reason", "dispute reason",
               "reason for claim", "reason for dispute", "chargeback reason", "reason for cancellation", "cancellation reason",
               "reason for refund", "refund reason", "reason for the request", "case reason", "reason for case"),
    "comment": ("problem description", "description of the problem", "description of the issue",
                "issue description", "dispute details", "dispute description", "buyer's explanation",
                "buyer's remarks", "buyer's note", "the buyer says", "the buyer wrote",
                "customer comments", "customer comment", "customer's comment", "customer's comments", "buyer comments",
                "buyer comment", "buyer's comment", "comments", "comment", "additional comments", "buyer note",
                "comments from the buyer", "feedback comment", "details from the buyer", "buyer's description"),
    "message": ("buyer message", "message from buyer", "message from the buyer", "customer message", "your message"),
    "amount": ("claim amount", "amount", "refund amount", "chargeback amount", "amount claimed", "amount requested",
               "requested refund", "requested amount", "disputed amount", "amount refunded", "refund total", "refunded amount"),
    "buyer": ("buyer", "customer", "customer name", "buyer name", "buyer id", "buyer user id", "member"),
    "request": ("buyer's request", "buyer request", "requested resolution", "request", "resolution requested", "expected solution"),
    "tracking": ("tracking number", "tracking id", "tracking"),
    "case_id": ("case id", "case number", "return id", "dispute id", "claim id", "case", "return number"),
    "rating": ("rating", "stars", "feedback rating"),
}

RETURN_REASONS = {
    "empty_package": r"empty (package|parcel|box)|(package|parcel|box) (was |is |arrived )?empty|nothing in(side)? the (package|parcel|box)",
    "not_received": r"not received|never (arrived|received|came)|did ?n[o']t (arrive|receive|get)|has ?n[o']t (arrived|been delivered)"
                    r"|have ?n[o']t received|not (yet )?(been )?(delivered|arrived)|arrived too late|too late|late delivery"
                    r"|missed (the )?(estimated )?delivery|undelivered|lost in (transit|the mail)|shipping takes too long",
    "own_mistake": r"(i |buyer |customer )?(ordered|bought|purchased|chose|selected) (the )?wrong|ordered by mistake|bought by mistake|buyer made a mistake",
    "wrong_item": r"wrong (item|product|article|model|colou?r sent)|incorrect (item|product)|different (item|product) (was )?sent"
                  r"|sent (me )?the wrong|received (a |the )?(wrong|different) (item|product)|not the item i ordered",
    "missing_parts": r"missing (parts?|pieces?|accessor|items?|components?)|(parts?|pieces?|accessories) (are |were |is )?missing|incomplete",
    "size_fit": r"too (small|large|big|tight|loose|short|long)|does ?n[o']t fit|did ?n[o']t fit|not fit|wrong size|size",
    "damaged": r"damaged|arrived broken|broken (on|upon) arrival|broken in (transit|shipping)|crushed|smashed|shattered",
    "quality_defect": r"defect|does ?n[o']t work|not working|stopped working|faulty|poor quality|bad quality|quality (not|problem|issue)"
                      r"|performance or quality|malfunction|broken",
    "not_as_described": r"not as (described|pictured|advertised|expected|shown)|inaccurate (website )?description|description (was )?inaccurate"
                        r"|does ?n[o']t match|did ?n[o']t match|different from (the )?(description|picture|photo|listing)"
                        r"|colou?r (not|different|is wrong)|not the same colou?r|style not|incompatible|not compatible|not useful for"
                        r"|not (authentic|genuine)|counterfeit|fake",
    "customs_tax": r"customs|import (tax|duty|duties|fees?|vat)|duties",
    "unwanted": r"no longer need|not needed|bought by mistake|ordered by mistake|accidental order|better price|changed (my )?mind"
                r"|did ?n[o']t approve|unauthori[sz]ed|not authori[sz]ed|extra item|no reason|did not like|unwanted",
}

RELAY_INTRODUCTIONS = (
    r"you have (received|got) a (new )?message|you've (received|got) a (new )?message|new message( from)?\b"
    r"|message from (an? )?(amazon |walmart )?(customer|buyer)|(a |the )?(buyer|customer) (has )?(sent|wrote|writes|asks)",
)
RELAY_FACT_LABELS = (
    r"order (id|number|#)|item( id| name)?|asin|product|sku|quantity|purchase order( #)?|customer order( #)?|po",
)
RELAY_CLOSINGS = (
    r"to respond|respond to this|reply to this|to reply|reply$|respond$|was this (e-?mail|message) helpful|for your information|copyright|©"
    r"|this (e-?mail|message) was sent|important:|please do not reply|do not reply|only purchases on ebay|email reference id|sincerely,?$",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"reply (now|in|on|via|through|here|to the buyer)"
    r"|go to (the |your )?(message|order|dispute|resolution|seller|my )"
    r"|view (the |this )?(message|order|dispute|conversation|details|case)"
    r"|(open|visit) (the )?(message|app\b|order)|message cent(er|re)$"
    r"|(sent|delivered) (from|via|by) (the )?(aliexpress|amazon|ebay|walmart)|unsubscribe"
    r"|privacy (policy|notice)|download the (aliexpress |ebay |amazon )?app|all rights reserved",
)

MONTHS = (
    "january jan", "february feb", "march mar", "april apr", "may", "june jun",
    "july jul", "august aug", "september sep sept", "october oct", "november nov", "december dec",
)
DEADLINE_JUST_BEFORE = (r"\bby", r"\bbefore", r"\buntil", r"\bno later than")
DEADLINE_NEAR_BEFORE = (r"\bdue", r"\bdeadline", r"\brespond by")

# Not "is": Dutch writes it too (a long Dutch message was told English).
LANGUAGE_MARKERS = (
    "the my not please thanks thank you where when received ordered item hello hi refund package parcel "
    "broken still yet what how would like first second third"
)

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("partial refund", "some money back", "discount"),
    Remedy.CANCELLATION: ("cancel",), Remedy.EXCHANGE: ("exchange", "swap"),
    Remedy.REPLACEMENT: ("replacement", "send another", "send a new", "resend", "reship"),
    Remedy.REFUND: ("refund", "money back", "reimburse"),
}
ATTACHMENTS = {"photo": ("photo", "picture", "pic ", "image"), "video": ("video", "film")}
ATTACHING = ("attach", "sent", "send", "enclos", "here", "below", "see")

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"order defect rate|\bodr\b",
    "late_shipment_rate": r"late shipment",
    "cancellation_rate": r"cancellation rate|pre-fulfil+ment cancel",
    "valid_tracking_rate": r"valid tracking",
}
FUNDS = r"\bfunds?\b|\breserve\b|disbursement"
LISTING_CAUSES = {
    "customer_experience": r"customer experience",
    "ip": r"intellectual property|trademark|copyright|image",
}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"we've (permanently |indefinitely )?(suspended|restricted|closed|deactivated) your (seller |selling )?(account|privileges)|(account|selling privileges)[^.\n]{0,30}(permanently|indefinitely) (restricted|suspended)|(selling privileges|seller account|your account|selling account)[^.\n]{0,30}(have been|has been|were|was|are|is) (removed|deactivated|suspended|revoked|terminated|closed)|we (have )?(deactivated|suspended|removed) your (seller |selling )?(account|privileges)|you may no longer sell|account (deactivation|suspension) notice",
    "account_review": r"account[^.\n]{0,40}(under review|being reviewed|on hold|placed on hold|temporarily (restricted|limited))|(reviewing|review of|reviewed)[^.\n]{0,30}(account|store|selling activity|recent activity|recent sales)|(verify|verification of) (your )?(identity|account|business)|(restriction|limit|hold)s? (on|to) your (seller |selling )?account|store[^.\n]{0,20}under review|funds? [^.\n]{0,25}(held|on hold|withheld)[^.\n]{0,30}review",
    "ip_infringement": r"intellectual property|infring|trademark|copyright|counterfeit|rights owner|image (rights|violation)",
    "listing_removed": r"(item|items|product|products|listing|listings)[^.\n]{0,40}(unpublished|delisted|retired)|\bunpublished\b|(listing|listings|asin|product page|offer|detail page)[^.\n]{0,40}(closed|removed|deactivated|suppressed|blocked|taken down|inactive)|(closed|removed|suppressed|deactivated)[^.\n]{0,25}(listing|asin|offer)|negative customer experience|customer experience (issue|concern)",
    "performance_warning": r"dispute rate|(store|shop) (rating|score)|service score|transaction defect rate|defect rate|seller (level|performance standards?)|below standard|cases closed without (seller )?resolution|customer service metrics|order defect rate|\bodr\b|late shipment rate|late dispatch rate|cancellation rate|valid tracking rate|on-time delivery|account health|performance (target|metric|notification|warning)|(above|exceeds?|below) (the |our )?(target|threshold)",
    "chargeback": r"chargeback|charge-back|charge back|payment dispute|disputed (a |the |their |this )?(payment|charge|transaction)|card issuer",
    "atoz": r"a-to-z|a to z|\batoz\b|a-z guarantee",
    "claim_word": r"\bclaim\b",
    "return_request": r"\breturn (request|authori[sz]ation|requested|opened|started|initiated)|request(ed)? (a |to )?return|wants to return|\breturn\b",
    "refund_issued": r"refund (initiated|issued|processed|notification|confirmation|completed|sent)|(issued|initiated|processed|sent) (a |the |your )?(full |partial )?refund|refunded",
    "cancellation_request": r"cancel+ation request|request(ed|s)? (to )?cancel|cancel (my |this |the )?order|order cancel+ation|buyer cancel+ation|cancel+ation from buyer",
    "feedback": r"feedback|\breview\b",
    "policy_warning": r"policy (warning|violation|notice)|violat|restricted product|prohibited",
    "dispute": r"dispute|case (opened|open|was opened|has been opened|\d|id|number|#|no)|opened a case|open(ed)? a case|step in|stepped in|escalat|money back guarantee",
    "not_received_request": r"item not received|not received|hasn't received|hasn't arrived|has not (been )?received|didn't receive|never arrived",
    "decided_subject": r"decision|decided|outcome|resolved|closed|granted|denied|result",
    "decided_body": r"(have|has) (been )?(granted|decided|denied|closed|resolved|rejected|withdrawn)|(was|were) (granted|decided|denied|closed|resolved|rejected)|we (have )?(granted|decided|denied|closed|resolved|ruled)|(decided|granted|resolved|closed|ruled) in (your|the buyer's|the customer's) favou?r|(decided|granted|resolved|closed|ruled) in favou?r of",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("original message|forwarded message",)
QUOTE_ATTRIBUTIONS = (r"on\b.{0,80}\bwrote:",)
QUOTE_HEADER_FROM = ("from",)
QUOTE_HEADER_SENT = ("sent", "date")
