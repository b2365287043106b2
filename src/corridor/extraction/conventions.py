"""How project pages write their facts, language by language: the labels of fact sheets,
the names of programmes, countries, number words and money scales. The rules in
corridor.extraction.rules read pages through these tables; a language is added here, not
in the rules.

Languages: en, de, fr, es, ca, it, pt, pl, cs, sk, nl, sv, da."""

import re

# Labels of "Label: value" lines, table rows and definition lists, lower-cased.
LABELS = {
    "acronym": [
        "acronym", "project acronym", "acronimo", "acronimo del progetto", "acronyme",
        "acrónimo", "acrònim", "akronym", "projektakronym", "akronim", "akronim projektu",
        "zkratka", "zkratka projektu", "acroniem", "förkortning",
    ],
    "title": [
        "project title", "title", "project name", "full title", "titolo", "titolo del progetto",
        "titre", "titre du projet", "nom du projet", "título", "título del proyecto",
        "títol", "título do projeto", "designação do projeto", "nome do projeto", "projekttitel",
        "projektname", "tytuł", "tytuł projektu", "nazwa projektu",
        "název projektu", "název", "projecttitel", "projectnaam", "projekttitel", "projektnamn",
        "projektnavn",
    ],
    "programme": [
        "programme", "program", "funding programme", "programma", "programme de financement",
        "programa", "programa operativo", "programm", "förderprogramm", "operační program",
        "program operacyjny", "programma di cooperazione", "programme de coopération",
        "programa de cooperación", "kooperationsprogramm", "programmet",
    ],
    "total_budget": [
        "total project value", "total budget", "project budget", "budget", "total cost",
        "total costs", "total project cost", "total project costs", "total eligible cost",
        "total eligible costs", "overall budget", "budget totale", "budget complessivo",
        "budget di progetto", "budget del progetto", "costo totale", "costo complessivo",
        "valore del progetto", "budget total", "budget du projet", "coût total",
        "coût total du projet", "montant total", "presupuesto total", "presupuesto",
        "presupuesto del proyecto", "coste total", "pressupost", "pressupost total",
        "pressupost transfronterer", "orçamento", "orçamento total", "custo total",
        "custo total elegível", "investimento total", "gesamtbudget", "gesamtkosten",
        "gesamtprojektkosten", "projektbudget", "projektkosten", "projektvolumen",
        "gesamtvolumen", "całkowity budżet", "budżet ogółem", "budżet projektu",
        "wartość projektu", "całkowita wartość projektu", "koszt całkowity",
        "celková částka", "celkové náklady", "celkový rozpočet", "rozpočet projektu",
        "rozpočet", "celkové výdaje", "totale begroting", "begroting", "totaal budget",
        "projectbudget", "total budget (eur)", "totalbudget", "total budget för projektet",
        "budget i alt", "samlet budget",
    ],
    "eu_cofinancing": [
        "project co-financing amount", "co-financing amount", "erdf", "erdf co-financing",
        "erdf funding", "erdf contribution", "eu funding", "eu contribution", "eu co-financing",
        "eu support", "eu grant", "interreg funding", "interreg funds", "ipa", "eu-förderung",
        "efre-förderung", "efre", "efre-mittel", "eingeplante efre-mittel", "efre-zuschuss",
        "eu-mittel", "eu-fördermittel", "fördermittel", "feder", "contribution feder",
        "montant feder", "financement feder", "financement européen", "cofinancement ue",
        "montant du financement européen alloué", "montant du financement européen",
        "participation feder", "ayuda feder", "cofinanciación ue", "cofinanciación feder",
        "subvención feder", "contribución feder", "ajut feder", "fesr", "contributo fesr",
        "contributo ue", "finanziamento ue", "quota fesr", "apoio financeiro da união europeia",
        "comparticipação feder", "apoio feder", "contribuição ue", "dofinansowanie ue",
        "dofinansowanie z ue", "dofinansowanie z efrr", "kwota dofinansowania", "wkład ue",
        "wkład efrr", "dofinansowanie", "výše dotace eu", "příspěvek eu", "dotace eu",
        "podpora eu", "příspěvek z efrr", "efro", "efro-bijdrage", "eu-bijdrage",
        "europese bijdrage", "eu-stöd", "eu-medel", "eruf", "eu-støtte", "eu-tilskud",
    ],
    "cofinancing_rate": [
        "co-financing rate", "cofinancing rate", "erdf rate", "erdf co-financing rate",
        "funding rate", "grant rate", "tasso di cofinanziamento", "taux de cofinancement",
        "taux feder", "tasa de cofinanciación", "taxa de cofinanciamento",
        "taxa de comparticipação", "fördersatz", "förderquote", "kofinanzierungssatz",
        "efre-fördersatz", "poziom dofinansowania", "stopa dofinansowania",
        "míra spolufinancování", "míra dotace", "cofinancieringspercentage",
        "medfinansieringsgrad", "stödnivå",
    ],
    "funding": ["funding", "förderung", "financement", "financiación", "finanziamento",
                "finansowanie", "financiamento", "financiering", "finansiering"],
    "cofinancing_source": ["co-financing source", "source of co-financing", "fund",
                           "finanzierungsquelle", "source de financement",
                           "fuente de financiación", "fonte di finanziamento",
                           "źródło finansowania", "evropský fond", "fundusz", "fundo"],
    "project_manager": ["project manager", "projektmanager", "projektleiter",
                        "projektleiterin", "chef de projet", "jefe de proyecto",
                        "responsable del proyecto", "project manager/responsabile",
                        "responsabile del progetto", "kierownik projektu", "projectleider",
                        "projektledare", "gestor do projeto"],
    "lead_partner": [
        "lead partner", "lead partners", "leadpartner", "lead-partner", "lead beneficiary",
        "lead applicant", "lead organisation", "lead organization", "coordinator",
        "project coordinator", "coordinated by", "co-lead partner", "beneficiary",
        "federführender partner", "projektträger", "projektträgerin", "koordinator",
        "hauptbegünstigter", "chef de file", "porteur du projet", "porteur de projet",
        "bénéficiaire principal", "coordinateur", "socio principal", "beneficiario principal",
        "jefe de fila", "coordinador", "soci principal", "beneficiari principal", "capofila",
        "partner capofila", "beneficiario capofila", "lead partner/capofila", "coordinatore",
        "beneficiário principal", "parceiro líder", "entidade promotora", "coordenador",
        "partner wiodący", "beneficjent wiodący", "lider projektu", "lider", "beneficjent",
        "vedoucí partner", "hlavní příjemce", "příjemce", "žadatel", "penvoerder",
        "hoofdaanvrager", "projektägare", "huvudsökande",
        "projektejer",     ],
    "period": [
        "duration", "implementation period", "project duration", "period", "project period",
        "timeline", "laufzeit", "projektlaufzeit", "projektzeitraum", "zeitraum",
        "durée", "durée du projet", "période", "calendrier", "période de réalisation",
        "duración", "duración del proyecto", "periodo de ejecución", "calendario",
        "calendari", "durada", "periodo", "durata", "durata del progetto",
        "periodo di realizzazione", "duração", "duração do projeto", "período de execução",
        "okres realizacji", "okres realizacji projektu", "czas trwania", "czas realizacji",
        "doba realizace", "doba trvání", "termín realizace", "looptijd", "projectperiode",
        "looptijd project", "projektperiod", "projekttid", "projektperiode", "varighed",
    ],
    "start_date": [
        "start date", "start", "project start", "starting date", "begin", "data di inizio",
        "inizio", "data inizio", "date de début", "début", "début du projet", "fecha de inicio",
        "inicio", "data d'inici", "data de início", "início", "projektbeginn", "beginn",
        "projektstart", "start des projekts", "data rozpoczęcia", "data początkowa",
        "rozpoczęcie", "zahájení projektu", "zahájení", "začátek", "začátek realizace",
        "startdatum", "startdatum project",     ],
    "end_date": [
        "end date", "end", "project end", "ending date", "data di fine", "fine",
        "data fine", "date de fin", "fin", "fin du projet", "fecha de fin",
        "fecha de finalización", "fin del proyecto", "data de fi", "data de fim",
        "data de conclusão", "fim", "projektende", "ende", "laufzeitende",
        "data zakończenia", "data końcowa", "zakończenie", "ukončení projektu", "ukončení",
        "konec realizace", "einddatum", "slutdatum", "projektslut", "slutdato",
    ],
    "partners": [
        "project partners", "partners", "partner", "partnership", "partner beneficiari",
        "partner di progetto", "partner del progetto", "partenariato", "partenaires",
        "partenaires du projet", "partenariat", "socios", "socios del proyecto", "socis",
        "parceiros", "parceiros do projeto", "projektpartner", "partnerschaft",
        "projektpartnerinnen", "partnerzy", "partnerzy projektu", "partneři",
        "partneři projektu", "projectpartners", "partners in het project", "projektpartners",
        "samarbetspartners", "partnere", "projektpartnere",
    ],
}  # fmt: skip
LABEL_OF = {label: name for name, labels in LABELS.items() for label in labels}

# Words that make a phrase about a project (singular) or about several (plural).
PROJECT_WORD = (
    r"(?:project|projet|progetto|proyecto|projecte|projeto|projecto|projekt|projektu|"
    r"projektet|projektem|projectul|Projekt|Vorhaben|Kooperationsprojekt|Förderprojekt|"
    r"iniciativa|initiative|iniziativa|operation|opération)"
)
PROJECTS_WORD = (
    r"\b(?:projects|projets|progetti|proyectos|projectes|projetos|projectos|Projekte|projekty|"
    r"projektów|projekten|projecten|projektů|projekter|projektene|projektit)\b"
)

# A programme's English name, then how pages write it in any language. Cross-border
# programmes are named by their two or three countries in the page's language; a name
# counts when "Interreg", a programme word or a distinctive short name is beside it.
_SEP = r"\s*[-–—/]\s*"
PROGRAMMES: list[tuple[str, str]] = [
    ("Interreg Central Europe", r"central\s+europe|mitteleuropa|europa\s+centrale|"
     r"europe\s+centrale|europa\s+(?:ś|s)rodkowa|st(?:ř|r)edn(?:í|i)\s+evropa|"
     r"stredn(?:á|a)\s+eur(?:ó|o)pa|centraal[- ]europa"),
    ("Interreg Alpine Space", r"alpine\s+space|spazio\s+alpino|espace\s+alpin|alpenraum|"
     r"alpski\s+prostor|alpský\s+prostor"),
    ("Interreg Baltic Sea Region", r"baltic\s+sea(?:\s+region)?|region\s+morza\s+ba(?:ł|l)tyckiego|"
     r"ostseeraum|(?:ø|ö)stersj(?:ø|ö)regionen|itämeren\s+alue"),
    ("Interreg South Baltic", r"south\s+baltic|po(?:ł|l)udniowy\s+ba(?:ł|l)tyk|südliche\s+ostsee"),
    ("Interreg NEXT MED", r"next\s+med|eni\s+cbc\s+med"),
    ("Interreg Euro-MED", r"euro[- ]med"),
    ("Interreg MED", r"\bmed\b(?=\s+(?:programme|program|project|2014|\d))|mediterranean|"
     r"m(?:é|e)diterran(?:é|e)e|mediterraneo"),
    ("Interreg North Sea", r"north\s+sea(?:\s+region)?|nordsee(?:raum)?|mer\s+du\s+nord|noordzee"),
    ("Interreg North-West Europe", r"north[- ]west\s+europe|nordwesteuropa|"
     r"europe\s+du\s+nord[- ]ouest|noordwest[- ]europa|\bnwe\b"),
    ("Interreg Atlantic Area", r"atlantic\s+area|espa(?:ç|c)o\s+atl(?:â|a)ntico|"
     r"espacio\s+atl(?:á|a)ntico|espace\s+atlantique"),
    ("Interreg Danube", r"danube(?:\s+(?:region|transnational))?|donauraum|donau|dun(?:a|ă)j"),
    ("Interreg ADRION", r"adrion|adriatic[- ]ionian|adriatico[- ]ionica"),
    ("Interreg Sudoe", r"sudoe|south[- ]west\s+europe|sud[- ]ouest\s+europ(?:é|e)en"),
    ("Interreg Spain-France-Andorra", r"poctefa|espa(?:ñ|n)a" + _SEP + r"francia" + _SEP +
     r"andorra|espanya" + _SEP + r"fran(?:ç|c)a" + _SEP + r"andorra|espagne" + _SEP +
     r"france" + _SEP + r"andorre|spain" + _SEP + r"france" + _SEP + r"andorra"),
    ("Interreg Spain-Portugal", r"poctep|espa(?:ñ|n)a\s*[-–]\s*portugal|"
     r"espanha\s*[-–]\s*portugal|spain\s*[-–]\s*portugal"),
    ("Interreg Greece-Italy", r"gre(?:e)?c(?:e|ia)" + _SEP + r"ital(?:y|ia)|"
     r"gr(?:è|e)ce" + _SEP + r"italie"),
    ("Interreg Italy-Croatia", r"ital(?:y|ia)" + _SEP + r"cro(?:atia|azia)"),
    ("Interreg Italy-Slovenia", r"ital(?:y|ia)" + _SEP + r"slovenija|ital(?:y|ia)" + _SEP +
     r"slovenia"),
    ("Interreg Italy-Austria", r"ital(?:y|ia|ien)" + _SEP + r"(?:austria|österreich)"),
    ("Interreg Italy-Switzerland", r"ital(?:y|ia|ie|ien)" + _SEP +
     r"(?:switzerland|svizzera|suisse|schweiz)|(?:svizzera|schweiz|suisse)" + _SEP +
     r"ital(?:ia|ien|ie)"),
    ("Interreg France-Italy Alcotra", r"alcotra"),
    ("Interreg France-Switzerland", r"france" + _SEP + r"(?:suisse|switzerland|schweiz)"),
    ("Interreg Upper Rhine", r"rhin\s+sup(?:é|e)rieur|oberrhein|upper\s+rhine"),
    ("Interreg Greater Region", r"grande\s+r(?:é|e)gion|gro(?:ß|ss)region|greater\s+region"),
    ("Interreg France-Wallonia-Flanders", r"france" + _SEP + r"wallonie" + _SEP + r"vlaanderen"),
    ("Interreg Flanders-Netherlands", r"vlaanderen" + _SEP + r"nederland|"
     r"flandre" + _SEP + r"pays[- ]bas|flanders" + _SEP + r"netherlands"),
    ("Interreg Germany-Netherlands", r"deutschland" + _SEP + r"nederland"),
    ("Interreg Euregio Meuse-Rhine", r"euregio\s+(?:meuse[- ]rhine|maas[- ]rijn|maas[- ]rhein|"
     r"meuse[- ]rhin)"),
    ("Interreg 2 Seas", r"(?:2|two|deux)[- ](?:seas|zee(?:ë|e)n|mers)"),
    ("Interreg France (Channel) England", r"france\s*\(?channel\)?\s*england|manche"),
    ("Interreg Öresund-Kattegat-Skagerrak", r"(?:ö|ø|o)resund" + _SEP + r"kattegat" + _SEP +
     r"skagerrak|\b(?:ö|ø)ks\b"),
    ("Interreg Sweden-Norway", r"sverige" + _SEP + r"norge|sweden" + _SEP + r"norway"),
    ("Interreg Aurora", r"aurora"),
    ("Interreg Nord", r"interreg\s+nord\b"),
    ("Interreg Czech Republic-Poland", r"(?:česká\s+republika|česko|czech\s+republic|czechia|"
     r"czechy|republika\s+czeska|tschechien)" + _SEP + r"(?:polsko|poland|polska|polen)|"
     r"(?:polska|poland)" + _SEP + r"(?:czechy|czech\s+republic)"),
    ("Interreg Austria-Czech Republic", r"(?:österreich|austria|rakousko)" + _SEP +
     r"(?:tschechische\s+republik|czech\s+republic|česká\s+republika|tschechien)|"
     r"\bat[- ]cz\b|(?:česká\s+republika|czech\s+republic)" + _SEP + r"(?:rakousko|austria)"),
    ("Interreg Bavaria-Czech Republic", r"(?:bayern|bavaria|bavorsko)" + _SEP +
     r"(?:tschechien|czech\s+republic|česko|česká\s+republika)"),
    ("Interreg Austria-Bavaria", r"(?:österreich|austria)" + _SEP +
     r"(?:deutschland/)?(?:bayern|bavaria)|bayern" + _SEP + r"österreich"),
    ("Interreg Saxony-Czech Republic", r"(?:sachsen|sasko|saxony)" + _SEP +
     r"(?:tschechien|česko|česká\s+republika|czech\s+republic)|(?:česko|česká\s+republika)" +
     _SEP + r"(?:sasko|svobodný\s+stát\s+sasko)"),
    ("Interreg Poland-Saxony", r"(?:polska|polen|poland)" + _SEP + r"(?:sachsen|saksonia|saxony)"),
    ("Interreg Brandenburg-Poland", r"brandenburg(?:ia)?" + _SEP + r"(?:polska|polen|poland)|"
     r"(?:polska|polen)" + _SEP + r"brandenburg(?:ia)?"),
    ("Interreg Mecklenburg-Vorpommern/Brandenburg-Poland", r"mecklenburg[- ]vorpommern\s*"
     r"(?:,|/)\s*brandenburg\s*(?:,|/|und|i)\s*(?:polen|polska|poland)"),
    ("Interreg Poland-Slovakia", r"(?:polska|poland|poľsko)" + _SEP +
     r"(?:słowacja|slovakia|slovensko)"),
    ("Interreg Lithuania-Poland", r"(?:lithuania|litwa|lietuva)" + _SEP +
     r"(?:poland|polska|lenkija)"),
    ("Interreg Slovakia-Hungary", r"(?:slovakia|slovensko)" + _SEP + r"(?:hungary|maďarsko)"),
    ("Interreg Austria-Hungary", r"(?:austria|österreich)" + _SEP + r"(?:hungary|ungarn)"),
    ("ENI CBC Poland-Belarus-Ukraine", r"(?:polska|poland)" + _SEP + r"(?:białoruś|belarus)" +
     _SEP + r"(?:ukraina|ukraine)"),
    ("IPA Adriatic CBC", r"ipa\s+adriatic(?:o)?(?:\s+cbc)?"),
    ("Interreg IPA Italy-Albania-Montenegro", r"ital(?:y|ia)" + _SEP + r"albania" + _SEP +
     r"montenegro"),
    ("Interreg Europe", r"interreg\s+(?:europe|europa|evropa|eur(?:ó|o)pa)(?!\s*(?:ś|s)rodkowa)"
     r"|interreg\s+iv\s*c|interreg\s+ivc"),
    ("URBACT", r"urbact"),
    ("ESPON", r"espon"),
    ("INTERACT", r"\binteract\b"),
    ("Horizon 2020", r"horizon\s*2020|horizont\s*2020|orizzonte\s*2020|horyzont\s*2020|"
     r"horizonte\s*2020|\bh2020\b"),
    ("Horizon Europe", r"horizon\s+europe|horizont\s+europa|horyzont\s+europa"),
    ("LIFE", r"\blife\s+programme|programme\s+life\b|programma\s+life\b"),
    ("Erasmus+", r"erasmus\+"),
    ("Operational Programme Development of Eastern Poland", r"rozw(?:ó|o)j\s+polski\s+wschodniej"),
]  # fmt: skip
# Words beside a country-pair name that make it a programme's name, not a route or a match.
PROGRAMME_CONTEXT = re.compile(
    r"\binterreg\b|programm?e?s?|programa|programu|programma|cooperation|cooperazione|"
    r"coopération|cooperación|cooperação|zusammenarbeit|współpracy|spolupráce|"
    r"samenwerking|samarbete|poctefa|poctep|cbc|\bv-?a\b|\biv\b|\bvi-?a\b",
    re.I,
)
# Programmes whose name alone says it (no "Interreg" or programme word needed).
DISTINCTIVE = {"Interreg Spain-France-Andorra", "Interreg Spain-Portugal", "Interreg Sudoe",
               "Interreg ADRION", "Interreg France-Italy Alcotra", "Interreg Europe",
               "Horizon 2020", "Horizon Europe", "URBACT", "ESPON", "IPA Adriatic CBC",
               "Interreg NEXT MED", "Erasmus+",
               "Operational Programme Development of Eastern Poland"}  # fmt: skip

# Country names as project pages write them, for "Partner (Country)" and "Per la Grecia".
COUNTRIES = {
    "AT": "austria österreich autriche österreich rakousko rakúsko austrija",
    "BE": "belgium belgien belgique belgio bélgica belgië belgia belgie",
    "BG": "bulgaria bulgarien bulgarie bułgaria bulharsko",
    "HR": "croatia kroatien croatie croazia croacia chorwacja chorvatsko hrvatska",
    "CY": "cyprus zypern chypre cipro chipre cypr kypr",
    "CZ": "czechia czech republic tschechien république tchèque repubblica ceca "
          "república checa czechy republika czeska česko česká republika",
    "DK": "denmark dänemark danemark danimarca dinamarca dania dánsko danmark",
    "EE": "estonia estland estonie estonsko eesti",
    "FI": "finland finnland finlande finlandia finsko suomi",
    "FR": "france frankreich francia frança francja francie frankrijk frankrike",
    "DE": "germany deutschland allemagne germania alemania alemanha niemcy německo duitsland "
          "tyskland",
    "EL": "greece griechenland grèce grecia grécia grecja řecko griekenland grekland",
    "HU": "hungary ungarn hongrie ungheria hungría hungria węgry maďarsko hongarije",
    "IE": "ireland irland irlande irlanda irlandia irsko ierland",
    "IT": "italy italien italie italia itália włochy itálie italië",
    "LV": "latvia lettland lettonie lettonia letonia łotwa lotyšsko",
    "LT": "lithuania litauen lituanie lituania litwa litva lietuva",
    "LU": "luxembourg luxemburg lussemburgo luxemburgo luksemburg lucembursko",
    "MT": "malta malte",
    "NL": "netherlands niederlande pays-bas paesi bassi países bajos holandia nizozemsko "
          "nederland",
    "PL": "poland polen pologne polonia polónia polska polsko",
    "PT": "portugal portogallo portugalia portugalsko",
    "RO": "romania rumänien roumanie rumanía roménia rumunia rumunsko",
    "SK": "slovakia slowakei slovaquie slovacchia eslovaquia słowacja slovensko",
    "SI": "slovenia slowenien slovénie eslovenia słowenia slovinsko slovenija",
    "ES": "spain spanien espagne spagna españa espanha hiszpania španělsko spanje spanien",
    "SE": "sweden schweden suède svezia suecia szwecja švédsko zweden sverige",
    "NO": "norway norwegen norvège norvegia noruega norwegia norsko noorwegen norge",
    "CH": "switzerland schweiz suisse svizzera suiza suíça szwajcaria švýcarsko zwitserland",
    "UK": "united kingdom vereinigtes königreich royaume-uni regno unito reino unido "
          "wielka brytania",
    "AL": "albania albanien albanie albânia",
    "RS": "serbia serbien serbie sérvia",
    "ME": "montenegro monténégro czarnogóra",
    "MK": "north macedonia nordmazedonien macédoine du nord macedonia del norte",
    "BA": "bosnia and herzegovina bosnien und herzegowina bosnie-herzégovine",
    "UA": "ukraine ukraina ucrania ucraina",
    "MD": "moldova moldau moldavie",
}  # fmt: skip
_TWO_WORD = ("czech republic", "république tchèque", "repubblica ceca", "república checa",
             "republika czeska", "česká republika", "pays-bas", "paesi bassi", "países bajos",
             "united kingdom", "vereinigtes königreich", "royaume-uni", "regno unito",
             "reino unido", "wielka brytania", "north macedonia", "macédoine du nord",
             "macedonia del norte", "bosnia and herzegovina",
             "bosnien und herzegowina")  # fmt: skip
COUNTRY_OF: dict[str, str] = {}
for _code, _names in COUNTRIES.items():
    rest = _names
    for _two in _TWO_WORD:
        if _two in rest:
            COUNTRY_OF[_two] = _code
            rest = rest.replace(_two, " ")
    for _name in rest.split():
        COUNTRY_OF.setdefault(_name, _code)
COUNTRY_OF.update({"uk": "UK", "gb": "UK"})
COUNTRY_NAME = "|".join(sorted((re.escape(n) for n in COUNTRY_OF), key=len, reverse=True))


def country(text: str) -> str:
    """The NUTS code of a country name in any of the languages above, "" if none."""
    key = " ".join(text.strip().strip("().,;").casefold().split())
    if key.upper() in COUNTRIES and len(key) == 2:
        return key.upper()
    return COUNTRY_OF.get(key, "")


NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20,
    "thirty": 30, "thirty-six": 36, "forty-eight": 48,
    "ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10,
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "uno": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "dois": 2, "duas": 2, "três": 3, "quatro": 4,
    "dwa": 2, "dwóch": 2, "trzy": 3, "cztery": 4, "pięć": 5,
    "dva": 2, "dvě": 2, "tři": 3, "čtyři": 4, "pět": 5,
    "twee": 2, "drie": 3, "två": 2, "fyra": 4, "fire": 4,
}  # fmt: skip
NUMBER_WORD = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))

# Money: scales, currencies, and the words that make an amount a total or EU money.
SCALES = {
    "million": 10**6, "millions": 10**6, "mio": 10**6, "mio.": 10**6, "mln": 10**6,
    "mln.": 10**6, "m": 10**6, "m.": 10**6, "meur": 10**6, "m€": 10**6, "millionen": 10**6,
    "milioni": 10**6, "milione": 10**6, "millones": 10**6, "millón": 10**6, "milions": 10**6,
    "milió": 10**6, "milhões": 10**6, "milhão": 10**6, "milionów": 10**6, "miliony": 10**6,
    "milion": 10**6, "milionu": 10**6, "milionů": 10**6, "mil.": 10**6, "miljoen": 10**6,
    "miljoner": 10**6, "miljon": 10**6, "millioner": 10**6, "mill.": 10**6,
    "mrd": 10**9, "mrd.": 10**9, "billion": 10**9, "miliardi": 10**9, "milliards": 10**9,
    "thousand": 10**3, "tsd.": 10**3, "tausend": 10**3, "mila": 10**3, "mil": 10**3,
    "tys.": 10**3, "tys": 10**3, "tis.": 10**3, "tisíc": 10**3, "k": 10**3, "k€": 10**3,
    "keur": 10**3, "duizend": 10**3, "tusen": 10**3,
}  # fmt: skip
SCALE_WORD = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))
CURRENCY = (r"(?:€|eur\b|euros?\b|evro|eura?\b|zł|złotych|pln\b|chf\b|francs?\b|"
            r"franchi\b|frs?\.?|kč|czk\b|sek\b|dkk\b|nok\b|kr\.?)")  # fmt: skip

TOTAL_WORDS = (
    r"total|overall|whole|budget|bilancio|costo|costi|cost|costs|investment|value|"
    r"gesamt\w*|budget\w*|kosten|volumen|projektvolumen|insgesamt|"
    r"totale?|complessiv\w*|coût|montant\s+total|enveloppe|"
    r"presupuesto|inversi(?:ó|o)n|coste|pressupost|import\s+total|"
    r"or(?:ç|c)amento|investimento|custo|"
    r"warto(?:ś|s)(?:ć|c)|bud(?:ż|z)et|koszt|ca(?:ł|l)kowit\w*|"
    r"celkov\w*|rozpo(?:č|c)et|n(?:á|a)klady|"
    r"begroting|totaal|investering|in\s+totaal|"
    r"budget|totalt|samlet|kostnad"
)
EU_WORDS = (
    r"erdf|efre|efrr|feder|fesr|efro|eruf|ipa\b|eni\b|"
    r"european\s+regional\s+development\s+fund|fonds?\s+europ(?:é|e)en|"
    r"fondo\s+europeo\s+(?:di|de)\s+(?:sviluppo|desarrollo)|fundo\s+europeu|"
    r"europ(?:ä|a)ischen?\s+fonds?|europejski\w*\s+fundusz\w*|evropsk\w+\s+fond\w*|"
    r"europees\s+fonds|european\s+union|union\s+europ(?:é|e)enne|unione\s+europea|"
    r"uni(?:ó|o)n\s+europea|uni(?:ã|a)o\s+europeia|europ(?:ä|a)ische[nr]?\s+union|"
    r"unii\s+europejskiej|evropsk(?:é|e)\s+unie|europese\s+unie|"
    r"\beu\b|\bue\b|\bunión\b|interreg|horizon\s*2020|fördermittel|f(?:ö|o)rderung|"
    r"finanziamento\s+da\s+parte|financiad[oa]|financiado|finanziat[oa]|cofinanziat\w*|"
    r"cofinanc\w*|co-?financ\w*|co-?funded|funded|financed|dofinansowan\w*|dotace|"
    r"subvenci(?:ó|o)n|comparticipa\w*|bijdrage|st(?:ö|ø)d|tilskud"
)
NATIONAL_WORDS = (r"national|nazional\w*|nacional\w*|national\w*|krajow\w*|národn\w*|"
                  r"state\s+budget|budget\s+de\s+l'état|bilancio\s+dello\s+stato|"
                  r"budżet\w*\s+państwa|státní\w*\s+rozpočet\w*|eigen\w*|own\s+contribution|"
                  r"veřejné\s+zdroje")  # fmt: skip
# Amounts a page gives for a whole programme or call, not a project.
PROGRAMME_LEVEL = (r"programme|programma|programm|program|programa|call|bando|appel|"
                   r"convocatoria|convocatória|aufruf|nabór|naboru|výzva|oproep|"
                   r"utlysning")  # fmt: skip
UP_TO = (r"up\s+to|maximum|max\.|at\s+most|bis\s+zu|höchstens|fino\s+al|fino\s+a|massimo|"
         r"jusqu'?(?:à|a)|au\s+maximum|hasta|m(?:á|a)ximo|at(?:é|e)\s+(?:ao|a)|do\s+\d|"
         r"maksymalnie|až\s+do|maximálně|tot\s+maximaal|högst")  # fmt: skip

MONTHS = {
    name: n
    for n, names in enumerate(
        [("january", "jan", "januar", "jänner", "janvier", "enero", "gener", "gennaio",
          "janeiro", "stycznia", "styczeń", "ledna", "leden", "januari", "janvāris"),
         ("february", "feb", "februar", "février", "febrero", "febrer", "febbraio",
          "fevereiro", "lutego", "luty", "února", "únor", "februari"),
         ("march", "mar", "märz", "mars", "marzo", "març", "março", "marca", "marzec",
          "března", "březen", "maart"),
         ("april", "apr", "avril", "abril", "aprile", "kwietnia", "kwiecień",
          "dubna", "duben"),
         ("may", "mai", "mayo", "maig", "maggio", "maio", "maja", "maj", "května", "květen",
          "mei"),
         ("june", "jun", "juni", "juin", "junio", "juny", "giugno", "junho", "czerwca",
          "czerwiec", "června", "červen"),
         ("july", "jul", "juli", "juillet", "julio", "juliol", "luglio", "julho", "lipca",
          "lipiec", "července", "červenec"),
         ("august", "aug", "août", "agosto", "agost", "sierpnia", "sierpień", "srpna",
          "srpen", "augustus", "augusti"),
         ("september", "sep", "sept", "septembre", "septiembre", "setembre", "settembre",
          "setembro", "września", "wrzesień", "září", "septembris"),
         ("october", "oct", "oktober", "octobre", "octubre", "ottobre",
          "outubro", "października", "październik", "října", "říjen", "okt"),
         ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad",
          "listopadu"),
         ("december", "dec", "dezember", "décembre", "diciembre", "desembre", "dicembre",
          "dezembro", "grudnia", "grudzień", "prosince", "prosinec", "dez")],
        start=1,
    )
    for name in names
}  # fmt: skip
MONTH_NAME = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
