"""Polish buyer cues, as buyers write on Amazon.pl, Allegro-style marketplaces, eBay and
AliExpress: "paczka nie doszła", "niezgodny z opisem", "za mały", "brakuje instrukcji".

Text and patterns are folded: lower case, accents off ("ą" -> "a", "ż" -> "z", "ó" -> "o").
"ł" has no accent to strip, and many buyers type it as "l": every "ł" in a pattern below
reads both spellings (``_both_l``). Patterns keep the natural spelling.
"""

from dataclasses import replace

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Cue, Lexicon, cue, letter_option_cue

_GOODS = r"(?:paczk\w*|przesyłk\w*|zamówieni\w*|towar\w*|produkt\w*|rzecz\w*|zakup\w*|kurier\w*)"
_BOX = r"(?:paczk\w*|karton\w*|pudełk\w*|pudł\w*|opakowani\w*|koperta|kopertę|koperty|przesyłk\w*|folia|worek|woreczek)"
_PART = r"(?:instrukcj\w*|kabl\w*|kabel|ładowar\w*|śrub\w*|śrubek|części|częśc\w*|pilot\w*|bateri\w*|zasilacz\w*|pokrywk\w*|akcesori\w*|element\w*|wtyczk\w*|nóżek|nóżki)"
# What a buyer may "not have received" without the goods being missing.
_NOT_GOODS = r"\b(?:numer\w*|śledzeni\w*|odpowiedzi?|zwrot\w*|pieniędzy|pieniądze|kas\w*|maila?|e-?mail\w*|wiadomoś\w*|faktur\w*|kod\w*|potwierdzeni\w*|informacj\w*)\b"
_OPTION_NOUN = r"(?:opcj\w*|możliwoś\w*|rozwiązani\w*|propozycj\w*|wariant\w*|ofert\w*|wyb[oó]r)"
_CHOICE_VERB = r"(?:wybieram|wybieramy|biorę|bierzemy|wezmę|poproszę|prosimy o|chcę|chcemy|chciałbym|chciałabym|wolę|wolimy|decyduję się na|akceptuję|zgadzam się na|może być)"

_CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4,
        r"\b(?:nie|nigdy|nic)\s+(?:\w+\s+){0,3}?(?:dotarł\w*|doszł\w*|doszedł|przyszł\w*|przyszedł|otrzymał\w*|dostał\w*|odebrał\w*|dostarczon\w*|doręczon\w*|dojechał\w*|przyjechał\w*|mam paczki|ma paczki)",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.4, r"\b(?:czekam|czekamy|czekał\w*)\b.{0,30}?\b(?:nadal|wciąż|ciągle|już|od|dalej)\b|\b(?:nadal|wciąż|ciągle|dalej)\s+czekam\b", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.6, rf"\b{_GOODS}\b.{{0,20}}?\b(?:zaginęł\w*|zginęł\w*|zgubion\w*|zgubił\w*|zaginion\w*|przepadł\w*|zniknęł\w*|wyparował\w*)|\bzaginięci\w*"),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:zwrócon\w*|wrócił\w*|wraca|odesłan\w*|odesłał\w*|zwrot)\s+do\s+(?:nadawcy|sprzedawcy|was|sklepu|chin)\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:status|pokazuje|widnieje|według|jest|oznaczon\w*|ma status)\b.{0,25}?\b(?:doręczon\w*|dostarczon\w*)"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:opóźni\w*|spóźni\w*|za długo|trwa wieki|trwa wieczność)"),
    # --- lateness -------------------------------------------------------------------------------
    cue(LATE, 1.0, r"\b(?:[1-9]\d|\d{3})\s*dni\b|\b(?:[2-9]|\d{2})\s*tygod\w*|\b\d+\s*miesi\w*"),
    cue(LATE, 1.0, r"\b(?:dwa|trzy|cztery|pięć|sześć|kilka|parę|wiele|ponad|prawie|od|już)\s+(?:tygodnie|tygodni|tydzień|miesiąc|miesiące|miesięcy|miesiąca)\b|\bwieki\b|\bod dawna\b"),
    cue(LATE, 0.5, r"\b(?:nadal|wciąż|ciągle|dalej|jeszcze)\b"),
    # --- tracking inquiry -----------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"\bnumer\w*\s+(?:przesyłki|śledzenia|paczki|listu przewozowego|trackingu|nadania)\b|\btracking\w*|\blink\w* do śledzenia\b|\blist\w* przewozow\w*", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\bśledz\w*", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, rf"\bgdzie\b.{{0,25}}?\b(?:jest|są|się znajduje|znajduje się|podziewa|utknęł\w*)\b.{{0,20}}?\b{_GOODS}|\bgdzie\s+(?:jest\s+)?(?:moja|moje|mój)\s+{_GOODS}", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0,
        r"\bkiedy\b.{0,40}?\b(?:wysłan\w*|wyślecie|wyśle|wysyłka|nadacie|nadan\w*|dotrze|przyjdzie|dojdzie|dostanę|otrzymam|będzie|doręcz\w*|dostarcz\w*|wyjdzie|ruszy)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, r"\b(?:już|czy)\s+(?:\w+\s+)?(?:wysłan\w*|nadan\w*|wyszł\w*)\b|\bstatus\w*\s+(?:zamówienia|przesyłki|paczki)\b|\b(?:termin|data|czas)\s+(?:dostawy|doręczenia|wysyłki)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:utknęł\w*|stoi|leży|zatrzyman\w*|trzymają)\s+(?:\w+\s+)?(?:w|na)\s+(?:urzędzie celnym|cle|odprawie|urzędzie)\b"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, 1.4, r"\b(?:zły|złe|złą|zła|niewłaściw\w*|błędn\w*|pomylon\w*)\s+(?:produkt\w*|towar\w*|artykuł\w*|przedmiot\w*|model\w*|rzecz\w*|paczk\w*|zamówieni\w*|część)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\bnie to,?\s+co\s+(?:\w+\s+)?(?:zamówił\w*|kupił\w*|zamawiał\w*|wybrał\w*)|\bnie (?:ten|taki)\s+(?:produkt|model|towar|przedmiot|artykuł)\b", negatable=False),
    cue(I.WRONG_ITEM, 1.0,
        r"\b(?:zupełnie |całkiem |kompletnie )?(?:inny|inną|inne|inna)\s+(?:produkt|towar|artykuł|przedmiot|model|rzecz)\b(?!.{0,15}\bniż (?:na|w) (?:zdjęciu|zdjęciach|opisie|ofercie|aukcji))",
        veto=r"\b(?:zdjęci\w*|opis\w*|ofert\w*|aukcj\w*|obrazk\w*)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\b(?:zamawiał\w*|zamówił\w*|kupował\w*|kupił\w*)\s+(?:\w+\s+)?(?:co innego|coś innego|całkiem co innego)\b"),
    cue(I.WRONG_ITEM, 1.0, r"\b(?:zamówił\w*|kupił\w*|zamawiał\w*)\b(?:(?!nie\b|nigdy).){1,60}?\b(?:dostał\w*|otrzymał\w*|przyszedł|przyszła|przyszło|przysłali\w*|wysłaliście|przyszły)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\bzamiast\s+(?:\w+\s+)?(?:zamówion\w*|kupion\w*|tego,? co)\b"),
    cue(I.WRONG_ITEM, 0.3, r"\bzamiast\b"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, 1.4, r"\bniezgodn\w*\s+z\s+(?:opisem|ofertą|aukcją|zdjęci\w*|zamówieniem)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:opis|aukcja|oferta)\s+(?:\w+\s+){0,2}?(?:niezgodn\w*|nieprawdziw\w*|wprowadza w błąd|kłamliw\w*|błędn\w*|nierzetelny)"),
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"\bnie\s+(?:jest\s+|był\w*\s+)?(?:zgodn\w*|taki|taka|takie|jak)\s+(?:jak|z)?\s*(?:na\s+|w\s+)?(?:opis\w*|zdjęci\w*|ofer\w*|aukcj\w*|obrazk\w*)|\bnie wygląda\w*\s+jak\s+na\s+(?:zdjęci\w*|obrazk\w*)",
        negatable=False),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\bodbiega\w*\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:kolor|materiał|tkanin\w*|wzór|wzor\w*|nadruk|odcień|wykończeni\w*)\b.{0,30}?\b(?:inny|inna|inne|niezgodn\w*|nie taki|nie ten|zupełnie inn\w*|całkiem inn\w*|odbiega\w*|nie zgadza)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:zły|inny|niewłaściwy)\s+(?:kolor|odcień|wzór|materiał|nadruk)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:ciemniejs\w*|jaśniejs\w*|mniejs\w*|większ\w*|cieńs\w*|gorsz\w*|tańs\w*|inn\w*)\s+niż\s+(?:na|w)\s+(?:zdjęciu|zdjęciach|opisie|ofercie|aukcji|obrazku|obrazkach|stronie)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\b(?:podróbk\w*|podrób\w*|fałszyw\w*|nieoryginaln\w*|nie jest oryginaln\w*|replik\w*|chińska kopia)"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\bnie\s+(?:jest\s+)?(?:ze?\s+)?(?:skór\w*|stali nierdzewnej|drewn\w*|bawełn\w*|srebr\w*|złot\w*|metal\w*|jedwab\w*|wełn\w*|szkła)\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, 0.5, r"\btani\w* plastik\w*"),
    # --- quality defect -------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:wydajnoś\w*|jakoś\w*)\b.{0,20}?\b(?:niewystarczając\w*|nieodpowiedni\w*|niezadowalając\w*)"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\bnie\s+(?:\w+\s+){0,2}?(?:działa\w*|włącza\w*|włączył\w*|ładuje|ładował\w*|świeci|grzeje|łączy|paruje|uruchamia|odpala|czyta|chłodzi|reaguje)\b|\bprzestał\w*\s+(?:\w+\s+)?(?:działać|się włączać|ładować|świecić|grzać|łączyć)\b",
        negatable=False, veto=r"\b(?:numer|śledzenie|link|strona)\b"),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:wadliw\w*|wad[ayęą]|wad\b|usterk\w*|zepsut\w*|zepsuł\w*|popsuł\w*|popsut\w*|felern\w*|niesprawn\w*|wada fabryczna)"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:słab\w*|kiepsk\w*|marn\w*|fataln\w*|tragiczn\w*|nisk\w*|beznadziejn\w*|żenując\w*)\s+jakoś\w*|\bjakoś\w*\b.{0,20}?\b(?:słaba|kiepska|fatalna|tragiczna|beznadziejna|marna|niska|dno|do niczego|żenująca|pozostawia wiele do życzenia)"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:zacina\w*|zawiesza się|wyłącza się sam\w*|restartuje|przegrzewa|nagrzewa się|piszczy|buczy|trzeszczy|skrzypi|migocze|mruga|szumi|bubel|badziew\w*|szajs|tandet\w*|do niczego|nie nadaje się|chłam|szmelc)"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:szew|szwy|zamek|suwak|guzik\w*|podeszw\w*|pasek|rączk\w*|uchwyt|klamr\w*|rzep|zapięci\w*|ucho|klej)\b.{0,25}?\b(?:puścił\w*|pękł\w*|rozpruł\w*|odpadł\w*|odkleił\w*|urwał\w*|rozlazł\w*|rozszedł\w*|zepsuł\w*|rozerwał\w*)"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:odbarwi\w*|farbuje|spłowiał\w*|wyblakł\w*|rdz\w*|zardzewiał\w*|śmierdzi|smród|nieprzyjemny zapach|plam\w*|mechaci\w*|łuszczy|odpryskuje|odkleja|pleśń|spleśniał\w*|pruje się)"),
    # --- breakage -------------------------------------------------------------------------------
    cue(BROKEN, 1.0,
        r"\b(?:rozbit\w*|rozbił\w*|pęknięt\w*|pękł\w*|pęka|pęknięci\w*|stłuczon\w*|stłukł\w*|połaman\w*|złaman\w*|złamał\w*|porysowan\w*|rys[ayę]\b|zarysowan\w*|wgnieceni\w*|wgniecion\w*|zgięt\w*|wygięt\w*|cieknie|przecieka|wyciekł\w*|rozerwan\w*|podart\w*|dziur\w*|zniszczon\w*|popękan\w*|odłaman\w*|urwan\w*|rozwalon\w*)"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, STRONG, r"\buszkodz\w*|\buszkodzeni\w*"),
    cue(I.DAMAGED, 1.4,
        r"\b(?:przyszedł|przyszła|przyszło|przyszły|dotarł\w*|doszł\w*|doszedł|dostałe[mś]|dostałam|otrzymałe[mś]|otrzymałam|przyjechał\w*|dojechał\w*)\b.{0,25}?\b(?:rozbit|uszkodz|stłuczon|pęknięt|połaman|zgniecion|porysowan|zniszczon|wgniecion|w kawałkach|mokr|rozwalon|zmiażdżon)"),
    cue(I.DAMAGED, 1.4, r"\b(?:rozbit\w*|uszkodzon\w*|stłuczon\w*|pęknięt\w*|połaman\w*|zniszczon\w*|zgniecion\w*)\s+(?:\w+\s+)?(?:przyszedł|przyszła|przyszło|przyszły|dotarł\w*|doszł\w*|doszedł)\b"),
    cue(I.DAMAGED, STRONG,
        rf"\b{_BOX}\b.{{0,30}}?\b(?:zgniecion\w*|pognieciona|uszkodzon\w*|rozerwan\w*|rozdart\w*|podart\w*|mokr\w*|przemoczon\w*|otwart\w*|rozpakowan\w*|zmiażdżon\w*|wgniecion\w*|rozwalon\w*|zniszczon\w*)"),
    cue(I.DAMAGED, 1.0, r"\b(?:zmiażdżon\w*|w kawałkach|w drobny mak|w drzazgi|roztrzaskan\w*|w kawałeczkach)"),
    cue(ARRIVAL, 1.0,
        r"\b(?:w|podczas|przy)\s+(?:transporcie|transportu|wysyłki|wysyłce|dostawy|dostawie|przesyłce|rozpakowywaniu|otwieraniu|odbiorze|doręczeniu)\b|\bpo otwarciu\b|\b(?:przyszedł|przyszła|przyszło|przyszły|dotarł\w*|doszł\w*|dostarczon\w*|doręczon\w*|rozpakowa\w*)"),
    cue(ARRIVAL, 0.5, rf"\b{_BOX}\b"),
    # --- time in use ----------------------------------------------------------------------------
    cue(AFTER_USE, 1.0,
        r"\bpo\s+(?:tylko\s+|zaledwie\s+|już\s+|niecał\w*\s+|około\s+)?(?:\d+|jednym|jednej|dwóch|trzech|czterech|pięciu|kilku|paru|tygodniu|miesiącu|dniu|pierwszym|pierwszy|krótkim|dwóch)\b.{0,15}?(?:dni|dniach|dniu|tygod\w*|miesiąc\w*|miesiącu|godzin\w*|użyci\w*|praniu|praniach|razie|razach|użytkowani\w*|ładowani\w*|czasie)"),
    cue(AFTER_USE, 1.0, r"\bpo (?:pierwszym|drugim) (?:praniu|użyciu|ładowaniu|założeniu)\b|\bpo (?:tygodniu|miesiącu)\b|\bprzestał\w*\b|\b(?:raz|dwa razy|kilka razy) (?:użyt\w*|założon\w*|prane|uprane|używan\w*)"),
    # --- missing parts --------------------------------------------------------------------------
    cue(I.MISSING_PARTS, STRONG, r"\bbrak\w*|\bbrakuj\w*",
        veto=r"\bbrak\w*\s+(?:\w+\s+)?(?:odpowiedzi|kontaktu|informacji|śledzenia|aktualizacji|numeru|ruchu|paczki|przesyłki|zwrotu|postępu)\b"),
    cue(I.MISSING_PARTS, STRONG, rf"\bnie\s+(?:było|ma|miał\w*|dołączon\w*|dołączyli\w*|dodan\w*)\s+(?:\w+\s+){{0,3}}?{_PART}|\b{_PART}\s+(?:\w+\s+)?nie\s+(?:było|ma|dołączon\w*)\b", negatable=False),
    cue(I.MISSING_PARTS, STRONG, r"\bniekompletn\w*|\bniepełn\w* zestaw\w*|\bzapomnieli\w*\s+(?:\w+\s+)?(?:dołożyć|dodać|włożyć|wysłać|dołączyć)"),
    cue(I.MISSING_PARTS, 1.0, r"\b(?:tylko|jedynie|zaledwie)\s+(?:\d+|jeden|jedna|jedno|dwa|dwie|trzy)\s+(?:\w+\s+)?(?:z|zamiast|sztuk\w*)\b"),
    cue(I.MISSING_PARTS, 0.6, rf"\bbez\s+(?:\w+\s+)?{_PART}", negatable=False),
    # --- customs --------------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.0, r"\bcł(?:o|a|em|u)\b|\bceln\w*",
        veto=r"\b(?:utknęł\w*|stoi|leży|zatrzyman\w*|trzymają)\s+(?:\w+\s+)?(?:w|na)\s+(?:urzędzie celnym|cle|odprawie|urzędzie)\b"),
    cue(I.CUSTOMS_TAX, 1.4, r"\bopłat\w*\s+(?:celn\w*|importow\w*|za odprawę|manipulacyjn\w*)|\bpodat\w*\s+(?:importow\w*|od importu)|\bvat\s+(?:importowy|przy imporcie|od importu)|\bodpraw\w*\s+celn\w*|\bagencj\w* celn\w*"),
    cue(I.CUSTOMS_TAX, MEDIUM, r"\b(?:vat|podat\w*)\b"),
    cue(I.CUSTOMS_TAX, 0.6, r"\bdopłat\w*|\b(?:musiał\w*|kazali|kazał\w*)\s+(?:mi\s+)?(?:zapłacić|dopłacić|płacić)\b"),
    # --- empty ----------------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, rf"\b{_BOX}\b.{{0,25}}?\b(?:całkiem |zupełnie |kompletnie )?pust\w*"),
    cue(I.EMPTY_PACKAGE, 1.6, rf"\bpust\w*\s+{_BOX}"),
    cue(I.EMPTY_PACKAGE, 1.4, r"\bnic\s+(?:\w+\s+)?(?:w środku|nie było|w paczce|w pudełku|w kartonie|w kopercie)\b|\bnie było\s+(?:w niej\s+|tam\s+|w środku\s+)?nic\b|\bw środku\s+(?:\w+\s+)?nic\b", negatable=False),
    cue(I.EMPTY_PACKAGE, STRONG, r"\b(?:tylko|sam\w*|jedynie)\s+(?:\w+\s+)?(?:wypełniacz\w*|papier\w*|foli\w* bąbelkow\w*|powietrze|styropian\w*)"),
    cue(I.EMPTY_PACKAGE, 0.6, r"\bpust\w*"),
    # --- size -----------------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG,
        r"\b(?:za|zbyt|o wiele za|trochę za|dużo za|troszkę za|ciut za)\s+(?:mał(?:y|a|e|ych|ym)|duż(?:y|a|e|ych)|ciasn\w*|luźn\w*|krótk\w*|dług\w*|wąsk\w*|szerok\w*|obcisł\w*|obszern\w*)\b"),
    cue(I.SIZE_FIT, STRONG, r"\bnie\s+(?:\w+\s+)?(?:pasuje|pasują|pasował\w*|leży|leżą|wchodzi|wchodzą|mieszczę się|mieści się|mogę założyć|da się założyć|dopina|dopinają)\b", negatable=False,
        veto=r"\b(?:kolor|opis|zdjęci\w*|materiał|wzór|telefon\w*|samochod\w*|auta)\b"),
    cue(I.SIZE_FIT, STRONG, r"\b(?:rozmiarówka|rozmiar\w*|wymiar\w*)\s+(?:\w+\s+)?(?:zaniżon\w*|zawyżon\w*|mniejsz\w*|większ\w*|mał\w*)\b"),
    cue(I.SIZE_FIT, 1.0, r"\b(?:zły|niewłaściwy|nieodpowiedni)\s+rozmiar\b|\brozmiar\b.{0,15}?\b(?:nie pasuje|nie ten|zły|za)\b|\btabel\w* rozmiarów\b"),
    cue(I.SIZE_FIT, MEDIUM, r"\b(?:mniejsz\w*|większ\w*|ciaśniejs\w*|krótsz\w*)\s+niż\s+(?:\w+\s+)?(?:zwykle|normalnie|oczekiwał\w*|podano|podany|standardowo|zazwyczaj)\b"),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, STRONG, r"\b(?:wymian\w*|wymienić|wymieni\w*|zamienić|zamian\w*)"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"\b(?:rozmiar|kolor|zamówieni\w*|wariant|model)\b.{0,25}?\b(?:zmienić|zmiana|zmianę|poprawić|zmodyfikować)\b|\bzmieni\w*\b.{0,15}?\b(?:rozmiar|kolor|wariant|model)\b"),
    cue(I.EXCHANGE_REQUEST, 0.6, r"\b(?:rozmiar|numer)\s+(?:większ\w*|mniejsz\w*)\b|\b(?:inny|większy|mniejszy|inną|innym)\s+(?:rozmiar\w*|kolor\w*)\b|\bzamiast tego\b"),
    cue(OWN_MISTAKE, 1.0, r"\b(?:przez pomyłkę|omyłkowo|przypadkiem|pomyliłe[mś]|pomyliłam|źle\s+(?:zamówił\w*|wybrał\w*|kliknął\w*|kliknęł\w*|zaznaczył\w*)|mój błąd|moja wina|moja pomyłka)", negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4,
        r"\bjak\s+(?:\w+\s+){0,2}?(?:używać|użyć|używa się|zainstalować|instalować|zamontować|montować|ustawić|ustawia się|skonfigurować|zresetować|resetować|sparować|parować|połączyć|podłączyć|łączyć|włączyć|włącza się|naładować|ładować|obsługiwać|wyczyścić|czyścić|złożyć|składać|otworzyć|zamknąć|uruchomić|zaprogramować|zsynchronizować|aktywować|działa|przymocować|zamocować|założyć|wymienić baterię|prać)\b",
        negatable=False, veto=r"\b(?:zamówieni\w*|paczk\w*|przesyłk\w*|zwrot\w*|zwróci\w*|odesła\w*|anul\w*|wymian\w*|reklamacj\w*|pieniądz\w*|pieniędzy|płatnoś\w*|zapłaci\w*|śledz\w*|dostaw\w*)"),
    cue(I.USAGE_QUESTION, STRONG, r"\bnie\s+(?:wiem|rozumiem|umiem|potrafię|wiemy)\s*,?\s*jak\b|\bnie ogarniam\b", negatable=False),
    cue(I.USAGE_QUESTION, MEDIUM, r"\b(?:kompatybiln\w*|pasuje do (?:\w+\s+)?(?:telefonu|modelu|auta|samochodu|laptopa))\b"),
    cue(I.USAGE_QUESTION, WEAK, r"\binstrukcj\w*", veto=r"\b(?:brak\w*|bez|nie było|nie ma)\b"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"\b(?:anul\w*|cancel\w*)", veto=r"\b(?:spor\w*|spór|zgłoszeni\w*|reklamacj\w*|zwrot\w*|dyskusj\w*)\b"),
    cue(I.CANCELLATION, STRONG, r"\b(?:rezygnuj\w*|rezygnacj\w*|zrezygnować|zrezygnował\w*|wycofać zamówienie|wycofuję)"),
    cue(I.CANCELLATION, MEDIUM, r"\bodstąpi\w*\s+od\s+umowy|\bodstąpieni\w*"),
    cue(I.CANCELLATION, 1.0, r"\bnie\s+(?:wysyłajcie|wysyłać|nadawajcie|wysyłaj|wysyłajcie go|wysyłajcie jej)\b", negatable=False),
    cue(I.CANCELLATION, MEDIUM, r"\b(?:już\s+)?nie\s+(?:potrzebuję|potrzebujemy|chcę|chcemy)\s+(?:\w+\s+)?(?:już|tego|zamówienia|produktu)?\b|\bjuż nie jest mi potrzebn\w*", negatable=False,
        veto=r"\b(?:czekać|zwrotu|wymiany|kodu|rabatu)\b"),
    # --- option choice --------------------------------------------------------------------------
    letter_option_cue(r"(?:opcj\w*|możliwość|rozwiązanie|wariant|propozycj\w*)", r"poproszę|proszę|dziękuję|dzięki|ok|może być"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b{_OPTION_NOUN}\s*(?:nr\.?\s*|numer\s*|#\s*)?\(?(?P<ord>{{ORD}})\)?(?!\w)(?![\d-])"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b(?P<ord>{{NTH}})\s+{_OPTION_NOUN}"),
    cue(I.OPTION_CHOICE, STRONG,
        rf"\b{_CHOICE_VERB}\s+(?:opcj\w*\s+|numer\s+|nr\.?\s*)?(?P<ord>{{NTH}})(?!\w)(?!\s*(?:dni|tygod\w*|sztuk\w*|raz\w*|miesi\w*|zł|zl|euro|rozmiar\w*|produkt\w*))"),
    cue(I.OPTION_CHOICE, 1.0,
        r"^\W*(?:opcja|nr\.?|numer)?\s*(?P<ord>{NTH}|jeden|jedna|dwa|dwie|trzy|jedynka|dwójka|trójka)\W*(?:poproszę|proszę|dziękuję|dzięki|ok|może być)?\W*$"),
    cue(I.OPTION_CHOICE, 1.0,
        r"\b(?:akceptuję|przyjmuję|zgadzam się na|wybieram|biorę|poproszę|wolę)\b.{0,25}?\b(?:częściow\w* zwrot|kod\w* rabatow\w*|rabat\w*|zniżk\w*|propozycj\w*|ofert\w*|rekompensat\w*)"),
    cue(I.OPTION_CHOICE, WEAK, r"\b(?:akceptuję|przyjmuję|wybieram|biorę|poproszę|wolę)\b.{0,25}?\b(?:zwrot\w*|nowy egzemplarz|wymian\w*|ponown\w* wysyłk\w*)"),
)


def _both_l(pattern: str) -> str:
    """Let every "ł" of a pattern also read "l", as buyers without Polish keys type it."""
    return pattern.replace("ł", "[łl]")


def _with_both_l(found: Cue) -> Cue:
    return replace(found, pattern=_both_l(found.pattern), veto=_both_l(found.veto) if found.veto else None)


CUES = tuple(_with_both_l(found) for found in _CUES)

LEXICON = Lexicon(
    language="pl",
    cues=CUES,
    ordinals=(
        (r"pierwsz\w*|1\.", 1),
        (r"drug\w*|2\.", 2),
        (r"trzec\w*|3\.", 3),
        (r"czwart\w*|4\.", 4),
        (r"ostatni\w*", 0),
    ),
    cardinals=((r"jeden|jedna|jedynka", 1), (r"dwa|dwie|dwojka", 2), (r"trzy|trojka", 3), (r"cztery|czworka", 4)),
    negation_before=r"\b(?:nie|nigdy|bez|żadn\w*|żaden|ani|nic)\b",
    clause_break=r"[.,;:!?\n()]|\b(?:ale|lecz|jednak|bo|ponieważ|chociaż|choć)\b",
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=_both_l(r"\b(?:opini\w*|ocen\w*|recenzj\w*|komentarz\w*|feedback|gwiazd\w*)\b"),
    change=_both_l(r"\b(?:zmieni\w*|zmian\w*|zmień\w*|usun\w*|usuwa\w*|edyt\w*|poprawi\w*|zaktualizuj\w*|aktualiz\w*|wycofa\w*|przemyśl\w*|skoryguj\w*|korygow\w*)\b"),
    incentive=_both_l(r"\b(?:zwrot\w*|zwróc\w*|zwraca\w*|rabat\w*|zniżk\w*|gratis\w*|bezpłatn\w*|darmow\w*|prezent\w*|upomin\w*|bon\w*|kupon\w*|voucher\w*|rekompens\w*|w zamian|nagrod\w*|za darmo)\b"),
    positive=_both_l(r"\b(?:pozytywn\w*|pięć gwiazdek|5 gwiazdek|dobr\w* (?:ocen\w*|opini\w*)|najwyższ\w* ocen\w*)\b"),
    outside_contact=_both_l(r"\b(?:whatsapp|wechat|telegram|skype|messenger\w*|zadzwo\w*|telefonicznie|poza (?:amazon\w*|allegro|ebay\w*|aliexpress\w*|platform\w*))\b"),
    marketing=_both_l(r"\b(?:newsletter\w*|obserwuj\w*|odwiedź nasz (?:sklep|stron\w*)|now\w* kolekcj\w*|subskrybuj\w*|zapisz się|facebook\w*|instagram\w*|tiktok\w*)\b"),
)
