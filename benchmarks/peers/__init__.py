"""Classic multi-document summarizers, implemented from their papers for
`benchmarks/summary_quality.py` (no code taken from their releases).

Each peer is `summarize(documents, words) -> str`, over the benchmark's
sentence splitter and word budget rule (`peers.text`):

- `icsi`: concept coverage solved exactly as an ILP (Gillick & Favre 2009).
- `submodular`: coverage + diversity, budgeted greedy (Lin & Bilmes 2011).
- `klsum`: KL-divergence greedy (Haghighi & Vanderwende 2009).
"""

from . import icsi, klsum, submodular

__all__ = ["icsi", "klsum", "submodular"]
