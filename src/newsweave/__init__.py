"""newsweave: many news reports of one story in, one cited brief out.

    >>> import newsweave
    >>> result = newsweave.brief(["report1.txt", "report2.html"], words=120)
    >>> result.to_markdown()

Heavy libraries (spaCy, trafilatura) load on first use, not on import, so the
command line stays instant. The functions behind the command line and the web
app are in `newsweave.service`.
"""

# `Brief` is imported from its module before `brief` (the function) is bound:
# importing the submodule newsweave.brief sets the package's `brief` attribute,
# which the function then replaces.
from newsweave.brief import Brief
from newsweave.pipeline import build_story
from newsweave.service import brief
from newsweave.settings import Settings
from newsweave.story import Document, Evidence, FactGroup, InputProblem, Sentence, Story, SummarySentence

__all__ = [
    "Brief",
    "Document",
    "Evidence",
    "FactGroup",
    "InputProblem",
    "Sentence",
    "Settings",
    "Story",
    "SummarySentence",
    "brief",
    "build_story",
]
__version__ = "0.1.0"
