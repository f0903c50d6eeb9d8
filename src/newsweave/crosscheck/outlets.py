"""News outlets and agencies by every name reports use for them.

`OUTLETS` maps an outlet's canonical name to the other names it goes by. A
name listed under several outlets ("the Journal", "the Times", "the Mail") is
a short form: within one report it means the outlet of that name the report
has spelled out (`OutletNames.resolve`). Add an outlet by adding a line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsweave.entities.aliases import longest_first

# Canonical name -> other names. Matching ignores case and a leading "the".
OUTLETS: dict[str, tuple[str, ...]] = {
    # wire agencies
    "Reuters": ("Thomson Reuters",),
    "Associated Press": ("AP", "The Associated Press"),
    "Agence France-Presse": ("AFP", "Agence France Presse"),
    "United Press International": ("UPI",),
    "Deutsche Presse-Agentur": ("dpa",),
    "Press Association": ("PA", "PA Media"),
    "Bloomberg": ("Bloomberg News",),
    "Xinhua": ("Xinhua News Agency",),
    "Kyodo": ("Kyodo News",),
    "Anadolu Agency": ("Anadolu", "Anatolia", "Anatolia news agency"),
    "Interfax": (),
    "TASS": (),
    # newspapers and magazines
    "Wall Street Journal": ("WSJ", "The Journal", "Journal"),
    "New York Times": ("NYT", "The Times", "Times", "New York Times Co"),
    "Washington Post": ("The Post", "Post", "WaPo"),
    "Los Angeles Times": ("LA Times", "L.A. Times", "The Times", "Times"),
    "Financial Times": ("FT", "The FT", "The Times", "Times"),
    "The Times": ("Times of London", "The Times of London", "Times"),
    "Sunday Times": ("The Sunday Times",),
    "USA Today": (),
    "New York Post": ("The Post", "Post"),
    "Boston Globe": ("The Globe", "Globe"),
    "Chicago Tribune": ("The Tribune", "Tribune"),
    "Miami Herald": ("The Herald", "Herald"),
    "The Guardian": ("Guardian", "The Observer"),
    "The Independent": ("Independent",),
    "Daily Telegraph": ("The Telegraph", "Telegraph", "Sunday Telegraph"),
    "Daily Mail": ("Mail", "The Mail", "Mail on Sunday", "MailOnline", "Mail Online"),
    "Birmingham Mail": ("Mail", "The Mail"),
    "The Mirror": ("Mirror", "Daily Mirror", "Sunday Mirror"),
    "The Sun": ("Sun",),
    "Daily Express": ("Express", "The Express"),
    "Evening Standard": ("The Standard", "London Evening Standard"),
    "The Economist": ("Economist",),
    "Politico": (),
    "Axios": (),
    "The Atlantic": (),
    "The New Yorker": ("New Yorker",),
    "Newsweek": (),
    "Time magazine": (),
    "Der Spiegel": ("Spiegel",),
    "Le Monde": (),
    "Le Figaro": (),
    "Le Parisien": (),
    "Haaretz": (),
    "Times of Israel": (),
    "Al Jazeera": ("Aljazeera",),
    "International Business Times": ("IBTimes", "IBT"),
    "Huffington Post": ("HuffPost", "The Huffington Post"),
    "BuzzFeed News": ("BuzzFeed",),
    "Daily Beast": ("The Daily Beast",),
    "The Hill": (),
    "TMZ": (),
    "Page Six": (),
    "People magazine": (),
    "The Hollywood Reporter": ("Hollywood Reporter", "THR"),
    "Rolling Stone": (),
    # met in the tuning parts of the origins measure (2026-12-05)
    "Us Weekly": (),
    "Billboard": (),
    "Recode": (),
    "Gizmodo": (),
    "Live Science": ("LiveScience",),
    "National Geographic": ("National Geographic magazine",),
    "New York magazine": (),
    "Life & Style": (),
    "Hollywood Life": (),
    "The Blaze": (),
    "TorrentFreak": ("TorrentFreak.com",),
    "Hurriyet": (),
    "Cumhuriyet": (),
    "Al-Hayat": ("Al Hayat",),
    "Antara": (),
    "Lusa": (),
    # broadcasters
    "BBC": ("BBC News", "British Broadcasting Corporation", "British Broadcasting Corp", "BBC Radio 4", "Today program", "Today programme"),
    "Sky News": ("Sky",),
    "ITV News": ("ITV",),
    "Channel 4 News": (),
    "CNN": (),
    "ESPN": (),
    "Fox Sports": (),
    "Yahoo Sports": (),
    "CBS Sports": (),
    "NBC Sports": (),
    "Sky Sports": (),
    "Sports Illustrated": ("SI",),
    "MTV": ("MTV News",),
    "Fox News": ("Fox", "Fox News Channel"),
    "NBC News": ("NBC",),
    "CBS News": ("CBS", "60 Minutes"),
    "ABC News": ("ABC",),
    "MSNBC": (),
    "NPR": ("National Public Radio",),
    "PBS": ("PBS NewsHour",),
    "CNBC": (),
    "France 24": (),
    "Deutsche Welle": ("DW",),
    "RT": ("Russia Today",),
}

# Agencies whose dateline or credit makes a whole report theirs.
WIRES = (
    "Reuters",
    "Associated Press",
    "Agence France-Presse",
    "United Press International",
    "Deutsche Presse-Agentur",
    "Press Association",
    "Bloomberg",
    "Xinhua",
    "Kyodo",
    "Anadolu Agency",
    "Interfax",
    "TASS",
)


def _key(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    name = re.sub(r"['’]s$", "", name)
    return re.sub(r"\s+", " ", name).strip(" .,:;").lower()


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """Name key -> the canonical outlets it can mean (several for a short form)."""
    table: dict[str, list[str]] = {}
    for canonical, aliases in OUTLETS.items():
        for name in (canonical, *aliases):
            outlets = table.setdefault(_key(name), [])
            if canonical not in outlets:
                outlets.append(canonical)
    # A canonical name always means itself first, whatever else shares its short form.
    for canonical in OUTLETS:
        outlets = table[_key(canonical)]
        outlets.remove(canonical)
        outlets.insert(0, canonical)
    return {key: tuple(value) for key, value in table.items()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    names = {re.sub(r"^the\s+", "", n, flags=re.IGNORECASE) for canonical, aliases in OUTLETS.items() for n in (canonical, *aliases)}
    # Case-sensitive: "the Sun" is an outlet, "the sun" is not; all-capital
    # short names ("AP", "PA") must stand alone as words.
    return re.compile(rf"(?<![\w.])(?:[Tt]he\s+)?{longest_first(names)}(?![\w])")


# Web addresses whose name spells none of the names the table gives their outlet ("nytimes.com").
_ADDRESSES = {
    "nytimes": "New York Times", "latimes": "Los Angeles Times", "apnews": "Associated Press", "ft": "Financial Times",
    "nypost": "New York Post", "people": "People magazine", "time": "Time magazine", "usmagazine": "Us Weekly",
    "thetimes": "The Times", "washpost": "Washington Post", "foxnews": "Fox News", "abcnews": "ABC News",
}
# The parts of a host name that name no one: "www.", "news.", ".co.uk".
_NO_NAME = {"www", "m", "amp", "news", "edition", "co", "com", "org", "net", "go", "ac", "gov"}


@lru_cache(maxsize=1)
def _compact_table() -> dict[str, str]:
    """An outlet's name written as web addresses write it ("washingtonpost", "hollywoodreporter") -> the outlet,
    for the names that stand for one outlet only."""
    table: dict[str, set[str]] = {}
    for canonical, aliases in OUTLETS.items():
        for name in (canonical, *aliases):
            table.setdefault(re.sub(r"[^a-z0-9]", "", _key(name)), set()).add(canonical)
    compact = {key: next(iter(outlets)) for key, outlets in table.items() if len(outlets) == 1 and key}
    return {**compact, **_ADDRESSES}


def outlet_of_address(address: str) -> str | None:
    """The known outlet a web address or host name belongs to ('https://www.latimes.com/local/...',
    'news.bbc.co.uk', 'theguardian.com'), or None."""
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", address.strip().lower()).split("/", 1)[0].split(":", 1)[0]
    labels = host.split(".")
    if len(labels) < 2 or len(host) > 253:
        return None
    table = _compact_table()
    for label in reversed(labels[:-1]):  # (the last is the country or the kind: ".com", ".uk")
        if label in _NO_NAME:
            continue
        return table.get(label) or (table.get(label[3:]) if label.startswith("the") else None)
    return None


def outlet_candidates(name: str) -> tuple[str, ...]:
    """The canonical outlets a name can mean: 'WSJ' -> ('Wall Street Journal',); 'the Journal' -> ('Wall Street Journal',)."""
    return _table().get(_key(name), ())


# A report's own foot line, naming the outlet it is ("This story first appeared in …", "Original article on Live
# Science."): no credit of another's scoop ("the video first appeared on TMZ").
OWN_FOOT_LINE = re.compile(
    r"\b(?:(?:this|the)\s+(?:story|article|report|piece|post|column|interview)\s+(?:was\s+)?(?:first|originally)\s+"
    r"(?:appeared|published|ran)\s+(?:in|on|at|by)|original\s+(?:article|story)\s+(?:on|at|from))\b",
    re.IGNORECASE,
)


def outlet_named(name: str) -> str | None:
    """The outlet a publisher's name stands for, as a credit of it resolves: "AP" is the Associated Press,
    "The Riverton Herald" (no table entry) "Riverton Herald"; a host name ("www.latimes.com") is the known
    outlet it belongs to. A short form that stands for several outlets ("Times") is kept as written."""
    name = name.strip()
    if "." in name and " " not in name:
        return outlet_of_address(name)  # (a page that gave no publisher's name: only a known outlet's host)
    candidates = outlet_candidates(name)
    exact = [c for c in candidates if _key(c) == _key(name)]
    if exact or len(candidates) == 1:
        return (exact or candidates)[0]
    return tidy_name(name) or None


# A capitalised name ending in one of these words is a news outlet even when
# the table does not know it: "told The Riverton Herald", "told Valley Radio 6".
_MEDIA_NAME = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w&'’.-]*\s+){0,4}(?:[A-Z][a-z]+-)?(?:Radio|Herald|Times|Post|News|Journal|Mail|Gazette|Tribune|"
    r"Chronicle|Telegraph|Observer|Courier|Press|TV|Television|Magazine|Review|Examiner|Inquirer|Enquirer|Bulletin|"
    r"Dispatch|Register|Standard|Independent|Express|Mirror|Guardian|Broadcasting|Channel|Newspaper|Daily|Weekly|"
    r"Newswire|Sun|Star|Bee|Sentinel|Picayune|Advocate|Statesman|Oregonian)(?:-[A-Z][a-z]+)?(?:\s+\d{1,3})?$",
)


# An outlet the report says is one, by a word of the trade before or after its name: "the newspaper
# Aftonbladet", "the Swedish daily Dagens Nyheter", "news station WKMG", "local newspaper the Daily Camera",
# "Hurriyet newspaper", "Indonesia's official Antara news agency", "private NTV television".
_TRADE = (r"(?:newspaper|daily|tabloid|weekly|magazine|broadcaster|news\s+agency|news\s+service|wire\s+service|"
          r"news\s+station|television\s+station|radio\s+station|news\s+site|news\s+website|"
          # "the London-based satellite channel MBC", "the Al Jazeera satellite channel", "the CBS television network"
          r"(?:news|satellite|television|TV|cable)\s+(?:news\s+)?(?:channel|network)|satellite\s+(?:television|TV)")
_TRADE_AFTER = _TRADE + r"|television|TV|radio)"
_TRADE_BEFORE = _TRADE + r"|site|website)"  # ("the website Deadline"; "the Harlow County website" is no outlet)
_NAME_WORD = r"(?!(?:The|A|An)\b)(?:(?:al|el)-)?[A-Z][\w&'’.-]*"  # (an article is no name: "The magazine")
_NAME_NEXT = rf"(?:{_NAME_WORD}|&)"  # "&" joins one name: "Life & Style"
_NAME_AT_END = rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_NEXT}){{0,3}})"
_ARTICLE = r"(?:[Tt]he|[Aa]n?)\s+"
_DESCRIBED_OUTLET = re.compile(
    rf"^(?:{_ARTICLE})?(?:[\w'’.-]+\s+){{0,3}}?{_TRADE_BEFORE}\s+(?:[Tt]he\s+)?{_NAME_AT_END}$"
)
_OUTLET_DESCRIBED_AFTER = re.compile(
    rf"^(?:{_ARTICLE})?(?:[\w'’-]+\s+){{0,3}}?(?P<name>{_NAME_WORD}(?:\s+{_NAME_NEXT}){{0,3}})\s+(?P<trade>{_TRADE_AFTER})$"
)
# A broadcaster named by its country's or city's name and what it broadcasts ("Israel radio", "Iran television"):
# the name alone is the place, so the word stays ("private NTV television" is NTV: a name in capitals is no place).
_BROADCAST = re.compile(r"^(?:radio|television|TV)$", re.IGNORECASE)
_PLACE_LIKE = re.compile(r"^[A-Z][a-z]+$")
# A nationality before "television" names no outlet: "Syrian television", "Italian state television".
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ian|ese|ish|an|i|ch)$")
# A broadcaster's call sign or channel: "WKMG", "WGN-TV", "KTLA", "ABC11", "Fox 8".
_STATION = re.compile(
    r"^(?:the\s+)?(?:[KW][A-Z]{3}(?:-(?:TV|FM|AM|DT))?|[KW][A-Z]{2}-(?:TV|FM|AM|DT)|(?:ABC|CBS|NBC|Fox|FOX|CW)\s?\d{1,2})$"
)


# When: "daily Cumhuriyet on Saturday", "the newspaper Expressen last week".
_WHEN_AFTER = re.compile(r"\s+(?:on|in|last|this|earlier|late|early)\s+[\w\s.,]*$")
_POSSESSOR = re.compile(r"^[A-Z][\w.-]*['’]s\s+")  # "Turkey's Anatolia": the name is Anatolia's


# Where an outlet is from, after its name: "the Sunday Times of London". (A known name holding "of" is matched
# whole before this is read: "the Times of India".)
_OF_PLACE = re.compile(r"\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$")
# A show of an outlet's, named with its owner: "NBC's Today", "CBS's 60 Minutes", "Valley Radio 6's Morning Show",
# "the Harlow Herald's podcast" (or its website).
_OUTLETS_SHOW = re.compile(
    r"^(?P<owner>(?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z0-9][\w&.-]*){0,3})['’]s\s+"
    r"(?:[\"“]?(?:[A-Z0-9][\w'’-]*)(?:\s+[A-Z0-9][\w'’-]*){0,3}[\"”]?(?:\s+(?:program|programme|show|podcast))?"
    r"|(?:\w+\s+)?(?:program|programme|show|newscast|podcast|website|site|blog))$"
)


def described_outlet(name: str) -> str | None:
    """The outlet's own name in words that say what it is ("the daily Hurriyet" -> "Hurriyet"), or None."""
    if len(name) > 200:
        return None  # an outlet's name with what describes it is a few words (and hostile text stays quick)
    name = _WHEN_AFTER.sub("", name.strip())
    for pattern in (_OF_PLACE, _OUTLETS_SHOW):
        match = pattern.search(name)
        if match:
            owner = name[: match.start()] if pattern is _OF_PLACE else match.group("owner")
            if _named_outright(owner):
                return tidy_name(owner)
    for pattern in (_DESCRIBED_OUTLET, _OUTLET_DESCRIBED_AFTER):
        match = pattern.match(name)
        if not match:
            continue
        name = _DESCRIBING_WORDS.sub("", _POSSESSOR.sub("", match.group("name")))
        if not name or name.split()[0].lower() in DETERMINERS:
            return None  # all description, no name: "a leading Saudi-owned newspaper", "Another news agency"
        if pattern is _OUTLET_DESCRIBED_AFTER and _NATIONALITY.match(name):
            continue  # (a nationality before more words is part of the name: "Egyptian Mail newspaper")
        trade = match.group("trade") if pattern is _OUTLET_DESCRIBED_AFTER else ""
        if _BROADCAST.match(trade) and _PLACE_LIKE.match(name) and not outlet_candidates(name):
            return f"{name} {trade if trade.isupper() else trade.capitalize()}"  # "Israel radio": not the state of Israel
        return name
    return None


# Words that say which of several, capitalised at a sentence's start: no outlet's name.
DETERMINERS = {"another", "this", "that", "these", "those", "one", "each", "every", "some", "any", "its", "their", "his",
               "her", "our", "no", "other", "such", "both", "either", "neither", "which", "what", "many", "several"}


# Words that describe an outlet, capitalised for a place or a language in them: "Saudi-owned", "London-based",
# "Arabic-language", "Kremlin-backed" (a name's hyphened words are capitalised on both sides: "Al-Ahram").
_DESCRIBING_WORDS = re.compile(r"^(?:[A-Z][\w'’.]*-[a-z][\w-]*(?:\s+|$))+")


# A site named by its address, as the credit lines of the web write it: "told AllHipHop.com", "via TorrentFreak.com".
_WEB_NAME = re.compile(r"^(?:[A-Z][\w-]*|[a-z][\w-]*[A-Z][\w-]*)\.(?:com|net|org|co\.uk|com\.au)$")


def _named_outright(name: str) -> bool:
    """An outlet's name in full, by the table or by its media word ("Sunday Times", "NBC", "the Riverton
    Herald"); not a short form that may be a person's name ("Post", "Times")."""
    name = name.strip()
    return (bool(outlet_candidates(name)) and not is_short_form(name)) or bool(_STATION.match(name)) or (
        bool(_MEDIA_NAME.match(name)) and len(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE).split()) > 1)


def is_outlet(name: str) -> bool:
    name = name.strip()
    return (bool(outlet_candidates(name)) or bool(_MEDIA_NAME.match(name)) or described_outlet(name) is not None
            or bool(_STATION.match(name)) or bool(_WEB_NAME.match(name)))


def is_outlet_name(name: str) -> bool:
    """Whether `name` is an outlet's name as the table writes it ("Miami Herald", "the New York Times"), not only
    a short form of one ("Herald", "Post", which may be people's names)."""
    return any(_key(candidate) == _key(name) for candidate in outlet_candidates(name))


def outlet_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name as written) of every outlet name in text."""
    return [(m.start(), m.end(), m.group()) for m in _pattern().finditer(text)]


class OutletNames:
    """Resolves outlet names within one report, where "the Journal" means the Journal the report named."""

    def __init__(self, text: str):
        # Outlets this report spells out unambiguously, in order of mention.
        self.named: list[str] = []
        self.described: set[str] = set()  # name keys of outlets the report has described (`learn`)
        for _, _, written in outlet_mentions(text):
            candidates = outlet_candidates(written)
            if len(candidates) == 1 and not is_short_form(written) and candidates[0] not in self.named:
                self.named.append(candidates[0])

    def learn(self, name: str) -> None:
        """An outlet the report has described ("private NTV television"): its bare name ("NTV quoted him")
        is that outlet in the rest of the report."""
        self.described.add(_key(name))

    def is_outlet(self, name: str) -> bool:
        return is_outlet(name) or _key(name) in self.described

    def resolve(self, name: str) -> str:
        """The canonical outlet, or the name tidied if no table entry fits."""
        described = described_outlet(name)
        if described and outlet_candidates(described) and not outlet_candidates(name):
            name = described  # "British Broadcasting Corp. radio": the BBC
        candidates = outlet_candidates(name)
        for canonical in self.named:  # a short form means the outlet the report spelled out
            if canonical in candidates:
                return canonical
        if not candidates or (is_short_form(name) and _key(candidates[0]) != _key(name)):
            return tidy_name(name)  # "the Journal" with no Journal named: keep it as written
        return candidates[0]


def names_outlet(written: str, canonical: str) -> bool:
    """Whether the words a report wrote name the outlet itself ("WSJ", "the Journal", "BBC Radio 4"),
    rather than something of it the outlet is inferred from ("the Today program" is the BBC's, "60 Minutes" CBS's).

    They name it when they share a word with its name, or one is the other's
    letters in order from the same first letter: an acronym or a contraction
    ("WSJ", "WaPo", "IBTimes", "National Public Radio" for NPR).
    """
    def words(name: str) -> set[str]:
        split = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)  # "MailOnline" -> "Mail Online"
        return {w for w in re.findall(r"\w+", _key(split)) if w not in ("news", "the", "of")}

    if words(written) & words(canonical):
        return True
    a = re.sub(r"\W", "", _key(written))
    for b in {re.sub(r"\W", "", _key(canonical)), re.sub(r"\W", "", canonical.lower())}:  # "THR": The Hollywood Reporter
        if a and b and a[0] == b[0] and (_in_order(a, b) or _in_order(b, a)):
            return True
    return False


def _in_order(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


def is_short_form(name: str) -> bool:
    """One ordinary word ("Journal", "Times") that stands for a longer name; acronyms are not short forms."""
    word = _key(name)
    written = name.strip().split()[-1] if name.strip() else ""
    if re.search(r"[a-z][A-Z]", written):
        return False  # a coined name ("MailOnline", "WaPo", "HuffPost") is the outlet's own, not an ordinary word
    return " " not in word and not written.isupper() and any(
        _key(canonical) != word for canonical in outlet_candidates(name)
    )


# An issue's day before the outlet's name: "Tuesday's Harlow Herald" is the Harlow Herald.
_DAY_POSSESSIVE = re.compile(r"^(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)['’]s\s+",
                             re.IGNORECASE)


def tidy_name(name: str) -> str:
    name = _DAY_POSSESSIVE.sub("", name.strip())
    name = described_outlet(name) or name  # "the newspaper Aftonbladet" is Aftonbladet
    name = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", re.sub(r"\s+", " ", name)).strip(" .,:;")
