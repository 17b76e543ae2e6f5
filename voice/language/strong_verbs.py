"""Dutch strong and irregular verbs: their past forms and participles, which no ending rule
brings back to the infinitive ("gebroken", "brak" -> "breken"; "gevroren" -> "vriezen").

Facts of Dutch, not of any guide: the common strong verbs of everyday and kitchen talk, as
grammars list them (infinitive, past singular, past plural, participle). A question's "breekt"
meets the stemmer's "brek" already; "gebroken" and "ingevroren" need this table.
"""

from __future__ import annotations

from functools import cache

from voice.language.form_lists import PARTICIPLE_MARK

STRONG_VERBS: dict[str, str] = {
    "nl": """
        bakken bakte bakten gebakken; beginnen begon begonnen begonnen; bieden bood boden
        geboden; bijten beet beten gebeten; binden bond bonden gebonden; blijken bleek bleken
        gebleken; blijven bleef bleven gebleven; breken brak braken gebroken; brengen bracht
        brachten gebracht; buigen boog bogen gebogen; denken dacht dachten gedacht; doen deed
        deden gedaan; dragen droeg droegen gedragen; drijven dreef dreven gedreven; drinken
        dronk dronken gedronken; duiken dook doken gedoken; dwingen dwong dwongen gedwongen;
        eten at aten gegeten; gaan ging gingen gegaan; gelden gold golden gegolden; genieten
        genoot genoten genoten; geven gaf gaven gegeven; gieten goot goten gegoten; glijden
        gleed gleden gegleden; graven groef groeven gegraven; grijpen greep grepen gegrepen;
        hangen hing hingen gehangen; hebben had hadden gehad; helpen hielp hielpen geholpen;
        houden hield hielden gehouden; kiezen koos kozen gekozen; kijken keek keken gekeken;
        klimmen klom klommen geklommen; klinken klonk klonken geklonken; knijpen kneep knepen
        geknepen; komen kwam kwamen gekomen; kopen kocht kochten gekocht; krijgen kreeg kregen
        gekregen; krimpen kromp krompen gekrompen; kruipen kroop kropen gekropen; kunnen kon
        konden gekund; laten liet lieten gelaten; lezen las lazen gelezen; liggen lag lagen
        gelegen; lijken leek leken geleken; lopen liep liepen gelopen; meten mat maten gemeten;
        nemen nam namen genomen; rijden reed reden gereden; roepen riep riepen geroepen; ruiken
        rook roken geroken; schenken schonk schonken geschonken; scheppen schiep schiepen
        geschapen; schieten schoot schoten geschoten; schijnen scheen schenen geschenen;
        schrijven schreef schreven geschreven; schrikken schrok schrokken geschrokken; schuiven
        schoof schoven geschoven; slaan sloeg sloegen geslagen; slapen sliep sliepen geslapen;
        sluiten sloot sloten gesloten; smelten smolt smolten gesmolten; snijden sneed sneden
        gesneden; spreken sprak spraken gesproken; springen sprong sprongen gesprongen; spuiten
        spoot spoten gespoten; staan stond stonden gestaan; steken stak staken gestoken; stelen
        stal stalen gestolen; sterven stierf stierven gestorven; stijgen steeg stegen gestegen;
        strijken streek streken gestreken; treffen trof troffen getroffen; trekken trok trokken
        getrokken; vallen viel vielen gevallen; vangen ving vingen gevangen; varen voer voeren
        gevaren; vechten vocht vochten gevochten; vergeten vergat vergaten vergeten; verliezen
        verloor verloren verloren; vinden vond vonden gevonden; vliegen vloog vlogen gevlogen;
        vragen vroeg vroegen gevraagd; vriezen vroor vroren gevroren; wassen waste wasten
        gewassen; wegen woog wogen gewogen; werpen wierp wierpen geworpen; weten wist wisten
        geweten; wijzen wees wezen gewezen; winnen won wonnen gewonnen; worden werd werden
        geworden; wrijven wreef wreven gewreven; zeggen zei zeiden gezegd; zenden zond zonden
        gezonden; zien zag zagen gezien; zijn was waren geweest; zingen zong zongen gezongen;
        zinken zonk zonken gezonken; zitten zat zaten gezeten; zoeken zocht zochten gezocht;
        zuigen zoog zogen gezogen; zwemmen zwom zwommen gezwommen
    """,
}
"""Per language: ``infinitive past past-plural participle`` entries, separated by ";"."""

PREFIXES: dict[str, tuple[str, ...]] = {"nl": ("be", "ver", "ont", "her", "er")}
"""Unstressed prefixes that make a new verb of a strong one and take no "ge" in its participle:
"verbroken" is "ver" + "gebroken" without "ge"."""


@cache
def _forms(lang: str) -> dict[str, str]:
    """Past form or participle -> infinitive."""
    table: dict[str, str] = {}
    for entry in STRONG_VERBS.get(lang, "").split(";"):
        words = entry.split()
        if words:
            for form in words[1:]:
                table.setdefault(form, words[0])
    return table


def strong_infinitives(lang: str, word: str, particles: tuple[str, ...]) -> list[str]:
    """The infinitive of a strong verb's past form or participle, with the separable particle
    or unstressed prefix it was said with: "gebroken" -> "breken", "ingevroren" ->
    "invriezen" and "vriezen", "verbroken" -> "verbreken" and "breken" (a prefix only before a
    participle: "bewaren" is no "be" + "waren")."""
    forms = _forms(lang)
    if word in forms:
        return [forms[word]]
    for particle in particles:  # "ingevroren": "in" + "gevroren"
        rest = word[len(particle) :]
        if word.startswith(particle) and rest in forms:
            return [particle + forms[rest], forms[rest]]
    for prefix in PREFIXES.get(lang, ()):  # "verbroken": "ver" + "(ge)broken"
        participle = PARTICIPLE_MARK + word[len(prefix) :]
        if word.startswith(prefix) and participle in forms:  # not "bewaren": "be" + "waren"
            return [prefix + forms[participle], forms[participle]]
    return []
