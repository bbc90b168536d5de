"""Dutch buyer cues (Netherlands and Flanders), as buyers write on Amazon.nl, bol.com-style
marketplaces, eBay and AliExpress: "nog steeds niet ontvangen", "waar blijft mijn pakket",
"te klein", "er zat niks in".

Text and patterns are folded (lower case, accents off: "één" -> "een", "vóór" -> "voor");
patterns keep the natural spelling and are folded the same way when compiled.
"""

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Lexicon, cue, letter_option_cue

_GOODS = r"(?:pakket|pakketje|pakje|zending|bestelling|levering|artikel|product|spullen|order|bestelde)"
_BOX = r"(?:doos|doosje|pakket|pakketje|pakje|verpakking|karton|envelop|zending|zak|zakje|box)"
_PART = r"(?:schroeven|schroefjes|kabel|snoer|oplader|afstandsbediening|handleiding|accessoires?|batterij|batterijen|deksel|onderdelen|onderdeel|adapter|stekker|voet|poten|hoes)"
# What a buyer may "not have received" without the goods being missing.
_NOT_GOODS = r"\b(?:trackingcode|trackingnummer|track|tracking|antwoord|reactie|terugbetaling|geld|e-?mail|bericht|factuur|code|bevestiging|info|informatie)\b"
_OPTION_NOUN = r"(?:optie|mogelijkheid|oplossing|voorstel|keuze|alternatief|aanbod|variant)"
_CHOICE_VERB = r"(?:neem|nemen|kies|kiezen|ga voor|gaan voor|wil graag|willen graag|heb liever|hebben liever|prefereer|accepteer|accepteren|doe maar|doen maar|graag)"

CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4,
        r"\b(?:niet|nooit|niks|niets|geen)\b\s*(?:\w+\s+){0,3}?(?:ontvangen|gekregen|aangekomen|bezorgd|geleverd|binnen|gearriveerd|afgeleverd|aangeleverd)\b",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.4, r"\b(?:wacht|wachten|wachtte)\b.{0,30}?\b(?:nog steeds|nog altijd|al|sinds|tevergeefs)\b|\b(?:nog steeds|nog altijd)\b.{0,20}?\b(?:aan het wachten|wacht)", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.6, rf"\b{_GOODS}\b.{{0,20}}?\b(?:kwijt|zoek|zoekgeraakt|verloren|vermist|verdwenen|kwijtgeraakt)\b"),
    cue(I.NOT_RECEIVED, STRONG, r"\bretour (?:naar de )?afzender\b|\bterug\s+(?:gestuurd\s+)?naar\s+(?:de\s+)?(?:afzender|verkoper|china|u)\b|\bonbestelbaar\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:staat|stond|zegt|volgens|als)\b.{0,25}?\b(?:bezorgd|afgeleverd|geleverd)\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:vertraagd|vertraging|te laat|duurt (?:erg |heel |veel te |zo )?lang)\b"),
    # --- lateness -------------------------------------------------------------------------------
    cue(LATE, 1.0, r"\b(?:[1-9]\d|\d{3})\s*dagen\b|\b(?:[2-9]|\d{2})\s*weken\b|\b\d+\s*maand(?:en)?\b"),
    cue(LATE, 1.0, r"\b(?:twee|drie|vier|vijf|zes|zeven|acht|een paar|enkele|meerdere|vele|een|ruim een|bijna een)\s+(?:weken|maand|maanden)\b|\beeuwen\b|\bal (?:zo )?lang\b"),
    cue(LATE, 0.5, r"\b(?:nog steeds|nog altijd|nog niet|al)\b"),
    # --- tracking inquiry -----------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"\btrack\s*(?:-|&|and|en|n)?\s*trace\b|\btracking\s*(?:code|nummer|nr|link|id)\b|\b(?:trackingcode|trackingnummer|trackinglink|verzendcode|zendingnummer|barcode)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\btracking\b|\bvolgen\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, rf"\bwaar\b.{{0,25}}?\b(?:is|zijn|blijft|blijven|zit|staat|ligt)\b.{{0,20}}?\b{_GOODS}", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0,
        r"\bwanneer\b.{0,40}?\b(?:verzonden|verstuurd|geleverd|bezorgd|aankomen|aankomt|komt|binnen|ontvang|krijg|verzenden|versturen|opgestuurd|leveren)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, r"\b(?:al|reeds)\s+(?:verzonden|verstuurd|onderweg|opgestuurd)\b|\b(?:verzendstatus|leverstatus|bezorgstatus|leverdatum|bezorgdatum|levertijd)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:bij|in|door)\s+de\s+douane\b.{0,20}?\b(?:vast|ligt|staat|tegengehouden|geblokkeerd)\b"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, 1.4, r"\b(?:verkeerde?|foute?)\s+(?:artikel|product|item|spullen|bestelling|pakket|pakje|model|ding|onderdeel|zending|type)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\bniet\s+(?:wat|het|de|hetgeen)\b.{0,25}?\b(?:besteld|gekocht|gevraagd|uitgekozen)\b", negatable=False),
    cue(I.WRONG_ITEM, 1.0, r"\b(?:heel |totaal |compleet )?(?:ander|andere)\s+(?:artikel|product|item|model|ding|spullen)\b(?!.{0,15}\b(?:dan|als) (?:op|in) (?:de |het )?(?:foto|afbeelding|beschrijving|advertentie))"),
    cue(I.WRONG_ITEM, 1.0, r"\b(?:besteld|gekocht)\b(?:(?!niet|nooit|geen).){1,60}?\b(?:gekregen|ontvangen|geleverd|gestuurd|opgestuurd|kwam|kwamen)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\b(?:besteld|gekocht)\b.{0,20}?\b(?:maar|en)\s+(?:ik\s+|we\s+)?(?:heb\s+|hebben\s+|kreeg\s+|kregen\s+)?(?:\w+\s+){0,3}?(?:gekregen|ontvangen|geleverd|gestuurd|opgestuurd)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\bin plaats van\s+(?:de|het|een|mijn)?\s*(?:\w+\s+)?(?:bestelde|gekochte)\b"),
    cue(I.WRONG_ITEM, 0.3, r"\bin plaats van\b"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:onjuiste|verkeerde|misleidende|foute)\s+(?:product)?(?:beschrijving|omschrijving)\b|\b(?:beschrijving|omschrijving)\s+(?:\w+\s+){0,3}?(?:klopt niet|onjuist|niet juist|fout|misleidend)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"\b(?:komt|kwam|komen|kwamen)\s+(?:\w+\s+){0,2}?niet\s+overeen\b|\bniet\s+(?:zoals|wat)\s+(?:\w+\s+)?(?:beschreven|omschreven|afgebeeld|aangegeven|geadverteerd|op de foto|op de foto's|in de advertentie|in de beschrijving|beloofd)\b",
        negatable=False),
    cue(I.NOT_AS_DESCRIBED, 1.4, r"\blijk(?:t|en|t het|t dit)?\s+(?:\w+\s+)?niet\s+op\s+(?:de\s+|het\s+)?(?:foto|foto's|fotos|afbeelding|afbeeldingen|plaatje|plaatjes)\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\bwijk(?:t|en)\b.{0,30}?\baf\b|\bafwijk\w*"),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:kleur|materiaal|stof|print|patroon|design|afwerking|tint)\b.{0,30}?\b(?:anders|klopt niet|niet hetzelfde|verkeerd|heel anders|totaal anders|compleet anders|wijkt af|niet dezelfde)"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\bverkeerde\s+(?:kleur|tint|print|patroon|stof)\b|\bverkeerd materiaal\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:anders|lichter|donkerder|kleiner|groter|dunner|goedkoper|slechter|feller|bleker)\s+dan\s+(?:op|in|bij)\s+(?:de\s+|het\s+)?(?:foto|foto's|fotos|afbeelding|afbeeldingen|plaatje|plaatjes|beschrijving|advertentie|website|site)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\b(?:nep|namaak|namaaksel|vervalst|fake|geen origineel|niet origineel|imitatie)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\bgeen\s+(?:echt\s+|echte\s+)?(?:leer|leder|rvs|roestvrij staal|hout|massief hout|katoen|zilver|goud|metaal|zijde|wol|glas)\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, 0.5, r"\bgoedkoop plastic\b"),
    # --- quality defect -------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:prestaties|kwaliteit)\b.{0,20}?\b(?:onvoldoende|ontoereikend|ondermaats)\b"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:werkt|werken|werkte|werkten|doet|doen|deed|gaat|gaan|ging|laadt|start|startte|brandt|verwarmt|springt|schakelt|reageert)\b\s*(?:\w+\s+){0,5}?(?:niet|niet meer|nauwelijks|amper|nooit)\b",
        negatable=False, veto=r"\b(?:pakket|bestelling|zending|levering|trackingcode|track)\b"),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:gaat|kan|wil)\s+(?:\w+\s+){0,2}?niet\s+(?:meer\s+)?(?:aan|opladen|open|dicht)\b", negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:defect\w*|kapotgegaan|kapot gegaan|stukgegaan|stuk gegaan|mankement\w*|gebrekkig|ondeugdelijk|gebrek|storing)\b"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:slechte|matige|waardeloze|belabberde|bedroevende|goedkope|slordige)\s+(?:kwaliteit|afwerking|materialen|naden|stiksels)\b|\bkwaliteit\b.{0,20}?\b(?:slecht|waardeloos|bedroevend|belabberd|ondermaats|teleurstellend|om te huilen|bagger)"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:hapert|haperen|blijft hangen|valt uit|vallen uit|flikkert|knippert|oververhit|wordt heet|wordt erg heet|maakt (?:raar |veel |een raar )?(?:geluid|lawaai)|kraakt|rammelt|piept|zoemt|loopt vast|slecht afgewerkt|waardeloos|rommel|troep|prutswerk|onbruikbaar)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:naad|naden|rits|ritssluiting|knoop|knopen|zool|hengsel|band|bandje|gesp|handvat|stiksel|stiksels|lijm)\b.{0,25}?\b(?:los|losgelaten|losgegaan|losgeraakt|gescheurd|afgebroken|kapot|eraf|eruit|open)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:verkleurd|verkleurt|geeft af|vaal|roest|roestig|verroest|stinkt|stank|vlekken|vlek|pluist|pluizen|bladdert|schilfert|schimmel\w*|rafelt)\b"),
    # --- breakage -------------------------------------------------------------------------------
    cue(BROKEN, 1.0,
        r"\b(?:kapot|gebroken|gebarsten|barst|barsten|scheur|scheuren|gescheurd|gekrast|kras|krassen|deuk|deuken|gedeukt|verbogen|lekt|lekte|gelekt|lek|afgebroken|breuk|gebarsten|in scherven|scherven)\b|\b(?:is|was|zijn|waren|ging|helemaal|totaal|al)\s+stuk\b"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, STRONG, r"\bbeschadig\w*|\btransportschade\b|\bschade\b"),
    cue(I.DAMAGED, 1.4,
        r"\b(?:kapot|stuk|beschadigd|gebroken|gebarsten|gekrast|gedeukt|ingedeukt|verbogen|in scherven|geplet)\s+(?:\w+\s+)?(?:aangekomen|aan\b|geleverd|bezorgd|ontvangen|binnengekomen|afgeleverd)"),
    cue(I.DAMAGED, 1.4, r"\b(?:kwam|kwamen|is|zijn|was|waren)\b.{0,25}?\b(?:kapot|stuk|beschadigd|gebroken|gebarsten|gekrast|gedeukt|ingedeukt|verbogen|in scherven|geplet)\s+aan\b"),
    cue(I.DAMAGED, STRONG,
        rf"\b{_BOX}\b.{{0,30}}?\b(?:ingedeukt|gedeukt|geplet|beschadigd|gescheurd|opengescheurd|kapot|nat|doorweekt|open|geopend|verfrommeld|platgedrukt|kapotgescheurd)\b"),
    cue(I.DAMAGED, 1.0, r"\b(?:geplet|verpletterd|platgedrukt|in (?:duizend )?stukken|scherven|vernield|aan gruzelementen)\b"),
    cue(ARRIVAL, 1.0,
        r"\b(?:tijdens|bij)\s+(?:het\s+|de\s+)?(?:transport|verzending|bezorging|levering|uitpakken|openen|ontvangst|aankomst)\b|\b(?:aangekomen|kwam|kwamen|geleverd|bezorgd|uitgepakt|binnengekomen|afgeleverd)\b"),
    cue(ARRIVAL, 0.5, rf"\b{_BOX}\b"),
    # --- time in use ----------------------------------------------------------------------------
    cue(AFTER_USE, 1.0,
        r"\bna\s+(?:pas\s+|nog maar\s+|al\s+|maar\s+|slechts\s+|ruim\s+)?(?:\d+|een|twee|drie|vier|vijf|enkele|een paar|paar|korte|een korte|de eerste|meerdere)\b.{0,15}?(?:dag|dagen|week|weken|maand|maanden|uur|uren|keer|keren|gebruik|wasbeurt|wasbeurten|tijd|was)"),
    cue(AFTER_USE, 1.0, r"\bna de eerste (?:was|wasbeurt|keer|oplaadbeurt|rit)\b|\bniet meer\b|\b(?:een|twee|paar|enkele) keer (?:gebruikt|gedragen|gewassen|opgeladen)\b"),
    # --- missing parts --------------------------------------------------------------------------
    cue(I.MISSING_PARTS, STRONG, r"\bontbre\w*|\b(?:mist|miste|missen|misten|missende)\b", veto=r"\b(?:ging|gaat|loopt|liep)\s+(?:\w+\s+)?mis\b"),
    cue(I.MISSING_PARTS, STRONG, r"\bniet\s+(?:\w+\s+)?(?:bijgeleverd|meegeleverd|bijgevoegd|meegestuurd|aanwezig|in de doos|in het pakket|in de verpakking|erbij)\b|\bzat(?:en)?\s+(?:\w+\s+)?niet\s+(?:bij|in)\b", negatable=False),
    cue(I.MISSING_PARTS, STRONG, r"\b(?:onvolledig|onvolledige|incompleet|incomplete)\b|\bvergeten\b.{0,20}?\b(?:mee te sturen|bij te voegen|in te pakken)\b"),
    cue(I.MISSING_PARTS, 1.0, r"\b(?:maar|slechts|alleen|pas)\s+(?:\d+|een|twee|drie|vier)\s+(?:\w+\s+)?(?:van de|van|in plaats van|ontvangen|gekregen|geleverd)\b"),
    cue(I.MISSING_PARTS, 0.6, rf"\bzonder\s+(?:de\s+|het\s+)?{_PART}\b", negatable=False),
    # --- customs --------------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.0, r"\bdouane\w*", veto=r"\b(?:bij|in|door)\s+de\s+douane\b.{0,20}?\b(?:vast|ligt|staat|tegengehouden|geblokkeerd)\b"),
    cue(I.CUSTOMS_TAX, 1.4, r"\b(?:invoerrechten|invoerkosten|inklaringskosten|inklaring|douanekosten|importkosten|importheffing|importbelasting|invoerbtw|btw bij invoer|afhandelingskosten|inklaringsheffing)\b"),
    cue(I.CUSTOMS_TAX, MEDIUM, r"\b(?:btw|belasting\w*|heffing\w*)\b"),
    cue(I.CUSTOMS_TAX, 0.6, r"\b(?:bijbetalen|bijbetaald|bij betalen|extra (?:kosten|betalen))\b|\bmoest ik\b.{0,30}?\b(?:betalen|afrekenen)\b"),
    # --- empty ----------------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, rf"\b{_BOX}\b.{{0,25}}?\b(?:helemaal |compleet |volledig |totaal )?leeg\b"),
    cue(I.EMPTY_PACKAGE, 1.6, rf"\blege\s+{_BOX}"),
    cue(I.EMPTY_PACKAGE, 1.4, r"\b(?:niets|niks)\s+(?:\w+\s+)?(?:in|erin|inzat|in zat|in de doos|in het pakket|in de verpakking)\b|\bzat (?:helemaal )?(?:niets|niks) in\b", negatable=False),
    cue(I.EMPTY_PACKAGE, STRONG, r"\b(?:alleen|enkel|slechts)\s+(?:\w+\s+)?(?:opvulmateriaal|papier|noppenfolie|bubbeltjesplastic|lucht|piepschuim|vulmateriaal)\b"),
    cue(I.EMPTY_PACKAGE, 0.6, r"\bleeg\b"),
    # --- size -----------------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG, r"\b(?:veel |iets |wat |een beetje |net |echt )?te\s+(?:klein|groot|krap|strak|wijd|kort|lang|smal|breed|ruim|nauw)\b"),
    cue(I.SIZE_FIT, STRONG, r"\b(?:past|passen|paste|pasten)\s+(?:\w+\s+){0,3}?(?:niet|totaal niet|helemaal niet|echt niet)\b", negatable=False,
        veto=r"\b(?:kleur|beschrijving|foto|materiaal|patroon|telefoon|auto)\b"),
    cue(I.SIZE_FIT, STRONG, r"\bval(?:t|len)\s+(?:\w+\s+){0,3}?(?:klein|groot|kleiner|groter|krap|ruim|smal|nauw)\b"),
    cue(I.SIZE_FIT, 1.0, r"\bverkeerde\s+maat\b|\bmaat\b.{0,15}?\b(?:klopt niet|past niet|verkeerd|te)\b|\bmaattabel\b"),
    cue(I.SIZE_FIT, MEDIUM, r"\b(?:kleiner|groter|krapper|ruimer|korter|smaller)\s+dan\s+(?:\w+\s+)?(?:normaal|verwacht|aangegeven|gebruikelijk)\b"),
    cue(I.SIZE_FIT, MEDIUM, r"\bkom\s+(?:\w+\s+)?niet\s+in\b|\bkrijg\s+(?:\w+\s+)?niet\s+(?:aan|dicht)\b"),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, STRONG, r"\b(?:ruil\w*|omruil\w*|om te ruilen|omwissel\w*|wisselen|verwisselen|inwisselen)\b"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"\b(?:maat|kleur|bestelling|uitvoering|variant)\b.{0,25}?\b(?:wijzigen|veranderen|aanpassen|omzetten|omgezet|gewijzigd)\b"),
    cue(I.EXCHANGE_REQUEST, 0.6, r"\been maat\s+(?:groter|kleiner)\b|\b(?:andere|grotere|kleinere)\s+(?:maat|kleur)\b|\bin plaats daarvan\b"),
    cue(OWN_MISTAKE, 1.0, r"\b(?:per ongeluk|per abuis|verkeerd besteld|verkeerd gekozen|verkeerd aangeklikt|verkeerd geklikt|mijn fout|mijn schuld|vergist)\b", negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4,
        r"\bhoe\b.{0,40}?\b(?:gebruik\w*|installeer\w*|installeren|monteer\w*|monteren|stel|stellen|instellen|ingesteld|reset\w*|koppel\w*|verbind\w*|verbinden|aansluit\w*|aan te sluiten|sluit|zet|zetten|aanzetten|aan te zetten|opladen|op te laden|laad|werkt|bedien\w*|schoonmaken|schoon te maken|reinig\w*|in elkaar|aanbrengen|open|openen|bevestig\w*|programmeer\w*|programmeren|synchroniseer\w*|activeer\w*|activeren)",
        negatable=False, veto=r"\b(?:bestelling|pakket|pakketje|retour\w*|terugsturen|terug te sturen|annuler\w*|ruil\w*|terugbetaling|geld|track\w*|klacht|betalen|bestellen|levering)\b"),
    cue(I.USAGE_QUESTION, STRONG, r"\b(?:snap|begrijp|weet|zie)\s+(?:\w+\s+)?niet\s+hoe\b|\bkom\s+(?:er\s+)?niet\s+uit\b", negatable=False),
    cue(I.USAGE_QUESTION, MEDIUM, r"\b(?:compatibel|past (?:dit|het) (?:op|bij|in)|werkt (?:dit|het) (?:met|op))\b"),
    cue(I.USAGE_QUESTION, WEAK, r"\b(?:handleiding|gebruiksaanwijzing|instructies|instructie)\b"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"\b(?:annul\w*|cancel\w*)", veto=r"\b(?:claim|geschil|retour|klacht|case|dispute|terugbetalingsverzoek)\b"),
    cue(I.CANCELLATION, STRONG, r"\b(?:bestelling|aankoop|order)\b.{0,25}?\b(?:intrekken|ongedaan maken|stopzetten|tegenhouden|terugdraaien)\b"),
    cue(I.CANCELLATION, MEDIUM, r"\bherroep\w*"),
    cue(I.CANCELLATION, 1.0, r"\bniet\s+(?:meer\s+)?(?:versturen|verzenden|opsturen|sturen|leveren)\b", negatable=False),
    cue(I.CANCELLATION, MEDIUM, r"\b(?:hoef|hoeven|wil|willen)\s+(?:\w+\s+){0,3}?niet meer\b|\bniet meer nodig\b", negatable=False),
    # --- option choice --------------------------------------------------------------------------
    letter_option_cue(r"(?:optie|mogelijkheid|oplossing|voorstel|keuze)", r"graag|alstublieft|alsjeblieft|aub|dank|bedankt|prima|is goed"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b{_OPTION_NOUN}\s*(?:nr\.?\s*|nummer\s*|#\s*)?\(?(?P<ord>{{ORD}})\)?(?!\w)(?![\d-])"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b(?P<ord>{{NTH}})\s+{_OPTION_NOUN}"),
    cue(I.OPTION_CHOICE, STRONG,
        rf"\b{_CHOICE_VERB}\s+(?:voor\s+)?(?:de\s+|het\s+)?(?:optie\s+|nummer\s+|nr\.?\s*)?(?P<ord>{{NTH}})(?!\w)(?!\s*(?:dagen|weken|stuks|keer|maanden|euro|maten|artikelen))"),
    cue(I.OPTION_CHOICE, 1.0,
        r"^\W*(?:de|het|nummer|nr\.?|optie)?\s*(?P<ord>{NTH}|een|twee|drie)\W*(?:graag|alstublieft|alsjeblieft|aub|dank\w*|bedankt|is goed|prima)?\W*$"),
    cue(I.OPTION_CHOICE, 1.0,
        r"\b(?:neem|accepteer|akkoord met|ga akkoord|wil graag|kies|ga voor)\b.{0,25}?\b(?:gedeeltelijke terugbetaling|kortingscode|korting|tegoedbon|waardebon|aanbod|voorstel|compensatie|vergoeding)\b"),
    cue(I.OPTION_CHOICE, WEAK, r"\b(?:neem|accepteer|wil graag|kies|ga voor)\b.{0,25}?\b(?:terugbetaling|geld terug|vervanging|nieuw exemplaar|nieuwe)\b"),
)

LEXICON = Lexicon(
    language="nl",
    cues=CUES,
    ordinals=(
        (r"eerste|1e|1ste", 1),
        (r"tweede|2e|2de", 2),
        (r"derde|3e|3de", 3),
        (r"vierde|4e|4de", 4),
        (r"laatste", 0),
    ),
    cardinals=((r"een", 1), (r"twee", 2), (r"drie", 3), (r"vier", 4)),
    negation_before=r"\b(?:niet|geen|nooit|niets|niks|zonder|noch)\b",
    clause_break=r"[.,;:!?\n()]|\b(?:maar|echter|want|omdat|hoewel|terwijl)\b",
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=r"\b(?:beoordeling\w*|review\w*|recensie\w*|feedback|sterren)\b",
    change=r"\b(?:wijzig\w*|verander\w*|aanpass\w*|aan te passen|verwijder\w*|te verwijderen|intrek\w*|in te trekken|herzie\w*|heroverweg\w*|bijwerk\w*|bij te werken|update\w*)\b",
    incentive=r"\b(?:terugbetal\w*|terug te betalen|geld terug|korting\w*|gratis|kosteloos|cadeau\w*|tegoedbon\w*|waardebon\w*|vergoed\w*|compensatie|in ruil|als dank|beloning\w*)\b",
    positive=r"\b(?:positiev\w*|positief|vijf sterren|5 sterren|goede (?:beoordeling|review|recensie))\b",
    outside_contact=r"\b(?:whatsapp|wechat|telegram|skype|bel (?:ons|me|mij)|belt u ons|telefonisch|buiten (?:amazon|ebay|bol\.com|bol|aliexpress|het platform) om)\b",
    marketing=r"\b(?:nieuwsbrief|newsletter|volg ons|bezoek onze (?:winkel|webshop|website)|nieuwe collectie|abonneer\w*|facebook|instagram|tiktok)\b",
)
