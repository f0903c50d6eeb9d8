"""Reports not in English are named as problems, not briefed (load/language.py). Every text here is invented."""

from __future__ import annotations

import pytest
from conftest import REPORTS, run_newsweave

import newsweave
from newsweave.load.language import not_english

# The same invented news (a dam on the Orva river, evacuations) as other languages tell it.
OTHER_LANGUAGES = {
    "French": (
        "Les autorités ont ordonné mardi l'évacuation de plus de mille habitants de la vallée de l'Orva, après la "
        "découverte d'une fuite dans le barrage. Selon le préfet, les eaux pourraient monter dans la nuit et il n'est "
        "pas exclu que d'autres villages soient concernés. Les pompiers sont sur place depuis le début de l'après-midi "
        "et une cellule de crise a été ouverte à la mairie. « Nous ne prenons aucun risque », a déclaré le maire."
    ),
    "Spanish": (
        "Las autoridades ordenaron el martes la evacuación de más de mil vecinos del valle del Orva, después de que se "
        "descubriera una fuga en la presa. Según el gobernador, el agua podría subir durante la noche y no se descarta "
        "que otros pueblos también tengan que ser desalojados. Los bomberos están en el lugar desde la tarde y el "
        "ayuntamiento ha abierto un centro de crisis para atender a las familias que han dejado sus casas."
    ),
    "German": (
        "Die Behörden haben am Dienstag die Evakuierung von mehr als tausend Bewohnern des Orvatals angeordnet, nachdem "
        "ein Leck in der Staumauer entdeckt worden war. Nach Angaben des Landrats könnte das Wasser in der Nacht steigen, "
        "und es ist nicht ausgeschlossen, dass auch andere Dörfer betroffen sind. Die Feuerwehr ist seit dem Nachmittag "
        "vor Ort, und im Rathaus wurde ein Krisenstab eingerichtet, der die Familien betreut."
    ),
    "Italian": (
        "Le autorità hanno ordinato martedì l'evacuazione di oltre mille abitanti della valle dell'Orva, dopo che è stata "
        "scoperta una perdita nella diga. Secondo il prefetto, l'acqua potrebbe salire durante la notte e non è escluso "
        "che anche altri paesi siano coinvolti. I vigili del fuoco sono sul posto dal pomeriggio e il comune ha aperto "
        "un centro di crisi per le famiglie che hanno lasciato le loro case."
    ),
    "Portuguese": (
        "As autoridades ordenaram na terça-feira a evacuação de mais de mil moradores do vale do Orva, depois que foi "
        "descoberto um vazamento na barragem. Segundo o governador, a água pode subir durante a noite e não está "
        "descartado que outras aldeias também sejam afetadas. Os bombeiros estão no local desde a tarde e a prefeitura "
        "abriu um centro de crise para atender as famílias que deixaram as suas casas."
    ),
    "Dutch": (
        "De autoriteiten hebben dinsdag de evacuatie bevolen van meer dan duizend bewoners van het Orvadal, nadat er een "
        "lek in de stuwdam was ontdekt. Volgens de gouverneur kan het water in de loop van de nacht stijgen en is het "
        "niet uitgesloten dat ook andere dorpen worden getroffen. De brandweer is sinds de middag ter plaatse en in het "
        "gemeentehuis is een crisiscentrum geopend voor de gezinnen die hun huizen hebben verlaten."
    ),
    "Swedish": (
        "Myndigheterna beordrade på tisdagen evakuering av mer än tusen invånare i Orvadalen, sedan man upptäckt en "
        "läcka i dammen. Enligt landshövdingen kan vattnet stiga under natten och det är inte uteslutet att även andra "
        "byar drabbas. Räddningstjänsten har varit på plats sedan eftermiddagen och kommunen har öppnat ett krisstöd "
        "för de familjer som har lämnat sina hem. Vi tar inga risker, sade kommunalrådet till pressen."
    ),
    "Polish": (
        "Władze nakazały we wtorek ewakuację ponad tysiąca mieszkańców doliny Orwy, po tym jak w zaporze wykryto "
        "przeciek. Według wojewody woda może się podnieść w nocy i nie jest wykluczone, że także inne wsie będą "
        "zagrożone. Strażacy są na miejscu od popołudnia, a w ratuszu otwarto centrum kryzysowe dla rodzin, które "
        "musiały opuścić swoje domy. Nie podejmujemy żadnego ryzyka, powiedział burmistrz."
    ),
    "Turkish": (
        "Yetkililer salı günü barajda bir sızıntı tespit edilmesinin ardından Orva vadisinde yaşayan binden fazla kişinin "
        "tahliye edilmesini emretti. Valiye göre su gece boyunca yükselebilir ve başka köylerin de etkilenmesi ihtimal "
        "dışı değil. İtfaiye ekipleri öğleden sonradan beri bölgede bulunuyor ve belediye, evlerini terk eden aileler "
        "için bir kriz merkezi açtı. Hiçbir risk almıyoruz, dedi belediye başkanı."
    ),
    "Indonesian": (
        "Pihak berwenang pada hari Selasa memerintahkan evakuasi lebih dari seribu warga lembah Orva setelah ditemukan "
        "kebocoran pada bendungan. Menurut gubernur, air bisa naik pada malam hari dan tidak tertutup kemungkinan desa "
        "lain juga akan terdampak. Petugas pemadam kebakaran sudah berada di lokasi sejak sore dan pemerintah daerah "
        "telah membuka pusat krisis untuk keluarga yang meninggalkan rumah mereka."
    ),
}
OTHER_SCRIPTS = {
    "Cyrillic": (
        "Во вторник власти распорядились эвакуировать более тысячи жителей долины реки Орва после того, как в плотине "
        "обнаружили течь. По словам губернатора, ночью вода может подняться, и не исключено, что пострадают и другие сёла."
    ),
    "Arabic": (
        "أمرت السلطات يوم الثلاثاء بإجلاء أكثر من ألف من سكان وادي أورفا بعد اكتشاف تسرب في السد. وقال المحافظ إن "
        "المياه قد ترتفع خلال الليل ولا يستبعد أن تتأثر قرى أخرى."
    ),
    "Cjk": "当局周二下令疏散奥尔瓦河谷一千多名居民，此前大坝被发现出现渗漏。省长表示，夜间水位可能上涨，其他村庄也可能受到影响。",
    "Greek": (
        "Οι αρχές διέταξαν την Τρίτη την εκκένωση περισσότερων από χίλιους κατοίκους της κοιλάδας του Όρβα, αφού "
        "εντοπίστηκε διαρροή στο φράγμα. Σύμφωνα με τον περιφερειάρχη, το νερό μπορεί να ανέβει τη νύχτα."
    ),
}
# English that other languages' words run through: still English, and read.
STILL_ENGLISH = {
    "quoting French": (
        "The mayor of Saint-Laurent-de-la-Vallée spoke to reporters outside the town hall on Tuesday. \"Nous ne prenons "
        "aucun risque, les habitants doivent partir ce soir,\" she said, meaning that no risks would be taken and that "
        "residents had to leave that evening. Engineers from the regional water authority said the leak in the dam was "
        "small but growing, and that they would inspect it again at first light."
    ),
    "French names": (
        "Jean-Luc de la Fontaine, the prefect, met Marie Le Du and the director of Électricité de France at the dam. "
        "Le Monde and La Dépêche du Midi reported that the Orva dam, built in 1962 by the Société des Eaux de la Vallée, "
        "had been inspected in March. De la Fontaine said the evacuation of Les Granges and Le Pont would continue."
    ),
    "a list of names": "Ana Ruiz, Tomas Brell, Ilse Maartens, Jean Dupont, Marta Kowalska, Piet de Vries",
    "a table of figures": "Orva dam: 41 m, 1962; reservoir 12.5 million m3; 1,140 residents; 3 villages.",
    "too short to tell": "Le barrage tient.",
}


@pytest.mark.parametrize("language", sorted(OTHER_LANGUAGES))
def test_a_report_in_another_language_is_told_with_its_language(language):
    assert not_english(OTHER_LANGUAGES[language]) == f"it reads as {language}"


@pytest.mark.parametrize("script", sorted(OTHER_SCRIPTS))
def test_a_report_in_another_script_is_told_with_its_script(script):
    assert not_english(OTHER_SCRIPTS[script]) == f"it is written mostly in {script} letters"


@pytest.mark.parametrize("kind", sorted(STILL_ENGLISH))
def test_english_with_other_languages_words_in_it_is_english(kind):
    assert not_english(STILL_ENGLISH[kind]) is None


def test_the_invented_english_reports_are_english():
    assert all(not_english(text) is None for text in REPORTS.values())


def test_a_report_in_french_is_a_problem_and_the_english_ones_are_briefed(tmp_path, good_files):
    french = tmp_path / "orva-fr.txt"
    french.write_text(OTHER_LANGUAGES["French"], encoding="utf-8")
    result = newsweave.brief([*good_files, french])
    assert {d.id for d in result.documents} == {p.stem for p in good_files}
    (problem,) = result.problems
    assert problem.source == str(french)
    assert problem.reason == "not in English (it reads as French); newsweave reads English reports only"
    # Asked for, it is briefed all the same.
    anyway = newsweave.brief([*good_files, french], settings=newsweave.Settings(english_only=False), one_story=False)
    assert "orva-fr" in {d.id for d in anyway.documents} and not anyway.problems


def test_a_record_in_another_language_is_named_with_its_id(tmp_path, reports):
    import json

    lines = [json.dumps({"id": key, "text": text}) for key, text in reports.items()]
    lines.append(json.dumps({"id": "orva-de", "text": OTHER_LANGUAGES["German"]}))
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = newsweave.brief(path)
    assert len(result.documents) == len(reports)
    (problem,) = result.problems
    assert problem.source == f"{path} (orva-de)" and "it reads as German" in problem.reason


def test_the_brief_command_names_the_report_on_stderr(tmp_path, good_files):
    spanish = tmp_path / "orva-es.txt"
    spanish.write_text(OTHER_LANGUAGES["Spanish"], encoding="utf-8")
    result = run_newsweave("brief", *good_files, spanish)
    assert result.returncode == 0, result.stderr
    assert f"newsweave: {spanish}: not in English (it reads as Spanish)" in result.stderr
    strict = run_newsweave("brief", *good_files, spanish, "--strict")
    assert strict.returncode == 1
    # --any-language reads it (here as another story: it shares no words with the English reports).
    anyway = run_newsweave("brief", *good_files, spanish, "--any-language", "--strict")
    assert anyway.returncode == 0, anyway.stderr
    assert "not in English" not in anyway.stderr and "orva-es" in anyway.stderr  # named as left out, not refused


def test_ingest_names_an_article_in_another_language_and_stores_the_others(tmp_path, good_files):
    from newsweave.corpus import ingest, open_store

    folder = tmp_path / "reports"
    folder.mkdir()
    for path in good_files:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "orva-it.txt").write_text(OTHER_LANGUAGES["Italian"], encoding="utf-8")
    db = tmp_path / "news.db"
    report = ingest([folder], db=str(db))
    assert report.added == len(good_files)
    (problem,) = report.errors
    assert problem.source.endswith("orva-it.txt") and "not in English (it reads as Italian)" in problem.reason
    with open_store(str(db)) as store:
        assert store.count_articles() == len(good_files)


def test_ingest_command_any_language_stores_the_article(tmp_path, good_files):
    from newsweave.corpus import open_store

    german = tmp_path / "orva-de.txt"
    german.write_text(OTHER_LANGUAGES["German"], encoding="utf-8")
    db = tmp_path / "news.db"
    refused = run_newsweave("ingest", good_files[0], german, "--db", db)
    assert refused.returncode == 0 and "not in English (it reads as German)" in refused.stderr
    with open_store(str(db)) as store:
        assert store.count_articles() == 1
    read = run_newsweave("ingest", german, "--db", db, "--any-language", "--strict")
    assert read.returncode == 0, read.stderr
    with open_store(str(db)) as store:
        assert store.count_articles() == 2


@pytest.mark.parametrize("text", ["", "   \n\t", "12,500 / 3.4% — 1998-10-06", "\x00\x01\x02" * 1000, "\ud800\udfff" * 50,
                                  "ↈ" * 5000, "🙂🔥" * 2000, "a" * 5_000_000],
                         ids=["empty", "blank", "figures", "controls", "surrogates", "numeral letters", "emoji", "one huge word"])
def test_hostile_text_gets_an_answer_not_an_error(text):
    """Whatever a report holds, the check answers; it reads a bounded sample however long the text."""
    assert not_english(text) in (None, *(f"it is written mostly in {s} letters" for s in ("Roman", "Unknown")))


def test_a_huge_report_is_judged_on_its_beginning():
    french = OTHER_LANGUAGES["French"]
    huge = french + " " + STILL_ENGLISH["quoting French"] * 20_000  # about 9 MB, English after the French
    assert not_english(huge) == not_english(huge[:50_000])
