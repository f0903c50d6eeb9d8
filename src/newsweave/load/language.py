"""Is a report written in English? newsweave's model and rules read English only.

A report in another language is not briefed: the English model reads French
or Spanish text as strings of unknown names, so its "entities", "claims" and
figures would be noise, compared with the English reports' as if they were
facts. It is named as a problem instead ("not in English: it reads as
French"), like any other input newsweave cannot read.

How (no model, no new dependency): English is told from other languages by
their commonest words, the stop-word lists spaCy ships for some seventy
languages (read once, lazily). Among a report's first `SAMPLE_WORDS` words,
English stop words are counted against each other language's own (those not
also English: "a", "in", "on" count for English only). A report is another
language's when that language's own stop words are more than `RATIO` times
the English ones, and at least `MIN_WORDS` of them. Text in another script
(Cyrillic, Arabic, CJK…) is not English when most of its letters are not
Latin. An English report quoting a French sentence, a name list, a table of
figures, or a page too short to tell, passes: when in doubt, the report is
read.

Measured in docs/benchmarks.md ("Reports not in English"): every one of the
1,759 English reports of the evaluation sets and the seeds passes; invented
reports in ten other languages and four other scripts are each named with
their language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SAMPLE_WORDS = 2_000
RATIO = 2.0
MIN_WORDS = 8
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# spaCy's language codes -> names, for the reasons given. Only languages written in the Latin
# alphabet: other scripts are told by their letters.
LANGUAGES = {
    "af": "Afrikaans", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fi": "Finnish", "fr": "French", "ga": "Irish", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic", "it": "Italian", "la": "Latin", "lb": "Luxembourgish",
    "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nb": "Norwegian", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sv": "Swedish",
    "tl": "Tagalog", "tr": "Turkish", "vi": "Vietnamese",
}


def not_read(text: str) -> str | None:
    """The reason a report is not briefed for its language, as `brief` and `ingest` name it; None to read it."""
    language = not_english(text)
    return f"not in English ({language}); newsweave reads English reports only" if language else None


def not_english(text: str) -> str | None:
    """Why `text` is not English ("it reads as French"), or None when it is, or cannot be told."""
    sample = text[: SAMPLE_WORDS * 12]
    script = _other_script(sample)
    if script:
        return f"it is written mostly in {script} letters"
    words = [w.lower().replace("’", "'") for w in _WORD.findall(sample)[:SAMPLE_WORDS]]
    english_words, languages_of = _stop_words()
    english = 0
    counts: dict[str, int] = {}
    for word in words:
        if word in english_words:
            english += 1
        else:
            for code in languages_of.get(word, ()):
                counts[code] = counts.get(code, 0) + 1
    code, best = max(counts.items(), key=lambda item: item[1], default=("", 0))
    if best >= MIN_WORDS and best > RATIO * english:
        return f"it reads as {LANGUAGES[code]}"
    return None


def _other_script(sample: str) -> str | None:
    """The script most of the sample's letters are in, when it is not Latin; else None."""
    letters = _LETTER.findall(sample)
    if 2 * len(_ASCII_LETTER.findall(sample)) >= len(letters):  # mostly a to z: Latin (the common case, told fast)
        return None
    scripts: dict[str, int] = {}
    for character in letters:
        if not character.isascii():
            name = unicodedata.name(character, "")
            script = name.split(" ", 1)[0] if name else "unknown"
            if script != "LATIN":
                scripts[script] = scripts.get(script, 0) + 1
    script, count = max(scripts.items(), key=lambda item: item[1], default=("", 0))
    return script.title() if count > len(letters) / 2 else None


@lru_cache(maxsize=1)
def _stop_words() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """English's stop words, and each other stop word -> the languages it is one of (not English's)."""
    from importlib import import_module  # lazy: spaCy's language data, read when a report is first checked

    english = frozenset(import_module("spacy.lang.en.stop_words").STOP_WORDS)
    languages_of: dict[str, tuple[str, ...]] = {}
    for code in LANGUAGES:
        for word in {w.lower() for w in import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS} - english:
            languages_of[word] = (*languages_of.get(word, ()), code)
    return english, languages_of
