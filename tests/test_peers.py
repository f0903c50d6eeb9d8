"""The classic summary peers of benchmarks/summary_quality.py, on invented text:
the ILP's optimum and budget, the submodular greedy's guarantee pieces, KL-greedy,
the shared budget filling, the readability measures and the fixed tune/held-out split."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

np = pytest.importorskip("numpy")
pytest.importorskip("highspy")
pytest.importorskip("sklearn")

from peers import icsi, klsum, submodular  # noqa: E402
from peers.text import Candidate, assemble, candidates  # noqa: E402

REPORTS = [
    {"id": "a", "text": (
        "The river ferry at Elmsworth sank on Tuesday after striking a submerged log near the old mill. "
        "All forty passengers were rescued by fishing boats within an hour of the accident. "
        "The mayor praised the fishermen."
    )},
    {"id": "b", "text": (
        "The river ferry at Elmsworth sank on Tuesday morning in calm weather. "
        "Fishing boats rescued all forty passengers, officials said. "
        "An inquiry into the ferry operator will begin next month, the transport ministry said."
    )},
    {"id": "c", "text": (
        "Forty passengers were rescued when the river ferry at Elmsworth sank on Tuesday. "
        "The ferry operator said the vessel had passed its safety inspection in March. "
        "Local cafes offered free soup to the rescued passengers."
    )},
]


# --- ICSI: concept coverage ILP --------------------------------------------


def brute_force(costs, sentence_concepts, weights, budget):
    best, best_value = (), -1.0
    for size in range(len(costs) + 1):
        for subset in itertools.combinations(range(len(costs)), size):
            if sum(costs[j] for j in subset) > budget:
                continue
            value = sum(weights[i] for i in set().union(*(sentence_concepts[j] for j in subset)))
            if value > best_value:
                best, best_value = subset, value
    return best_value


def test_ilp_picks_the_optimal_set_on_a_case_checked_by_hand():
    # Sentence 0 (6 words) covers concepts 0 and 1 (weight 3 + 2 = 5). Sentences 1 and 2
    # (4 words each) cover 0+2 and 1+3 (3+2+2+1 = 8 together). Budget 8: the pair beats
    # sentence 0 even though sentence 0 alone has the best weight per sentence.
    costs = [6, 4, 4, 3]
    found = [[0, 1], [0, 2], [1, 3], [2]]
    weights = [3.0, 2.0, 2.0, 1.0]
    picked, timed_out = icsi.solve(costs, found, weights, 8)
    assert sorted(picked) == [1, 2]
    assert not timed_out
    # One word fewer and the pair no longer fits: sentence 0 plus nothing else that fits is
    # worth 5, sentence 1 + sentence 3 (7 words) is worth 3 + 2 = 5 too, and the ILP must
    # reach that value while keeping to 7 words.
    picked, _ = icsi.solve(costs, found, weights, 7)
    assert sum(costs[j] for j in picked) <= 7
    assert sum(weights[i] for i in {i for j in picked for i in found[j]}) == brute_force(costs, found, weights, 7)


def test_ilp_matches_brute_force_and_respects_the_budget_exactly():
    rng = np.random.default_rng(7)
    for _ in range(15):
        n, m = 7, 9
        costs = [int(c) for c in rng.integers(3, 12, size=n)]
        found = [sorted(set(int(i) for i in rng.integers(0, m, size=3))) for _ in range(n)]
        weights = [float(w) for w in rng.integers(1, 6, size=m)]
        budget = int(rng.integers(8, 25))
        picked, timed_out = icsi.solve(costs, found, weights, budget)
        assert not timed_out
        assert sum(costs[j] for j in picked) <= budget
        value = sum(weights[i] for i in {i for j in picked for i in found[j]})
        assert value == brute_force(costs, found, weights, budget)


def test_concepts_are_stemmed_bigrams_without_stop_word_pairs():
    found = icsi.concepts("The rescuers of the ferries were praised")
    assert ("rescuer", "of") in found
    assert ("of", "the") not in found  # two stop words
    assert ("the", "ferri") in found  # Porter stem, one stop word is fine
    assert [icsi.min_df(n) for n in (10, 9, 3, 2, 1)] == [3, 3, 2, 2, 1]


def test_icsi_summary_covers_the_shared_fact():
    summary = icsi.summarize(REPORTS, 20, min_words=5)
    # The 14-word sentence that says what all three reports say (ferry, Elmsworth, sank,
    # Tuesday, forty passengers rescued) carries the most bigrams found in two or more
    # reports that fit in 20 words; the 6 words left go to the fill.
    assert "Forty passengers were rescued when the river ferry at Elmsworth sank on Tuesday." in summary
    assert "soup" not in summary
    assert len(summary.split()) >= 20


def test_icsi_drops_sentences_of_no_weight_from_the_optimum():
    # Sentence 2 adds nothing the others lack: its words are left to the fill.
    assert icsi._drop_idle([0, 1, 2], [[0, 1], [2], [1]]) == [0, 1]
    assert icsi._drop_idle([0, 1], [[0], []]) == [0]


# --- shared budget rule ----------------------------------------------------


def _sentences(*specs):
    """Candidates (report, position, words) whose text starts with a tag like 'r1p0'."""
    return [Candidate(d, p, f"r{d}p{p} " + "w " * (n - 1), n) for d, p, n in specs]


def test_assemble_keeps_report_order_and_fills_the_rest_with_one_cut_sentence():
    pool = _sentences((0, 0, 6), (0, 1, 9), (1, 0, 7), (1, 1, 12))
    tags = lambda text: [w for w in text.split() if w.startswith("r")]  # noqa: E731
    shortest = lambda taken: lambda c, left: -c.words  # noqa: E731
    # Chosen out of order (13 words); the 7 words left fit no sentence, so the best of the
    # rest (here the shortest, 9 words) comes last, to be cut by the scorer.
    assert tags(assemble([pool[2], pool[0]], pool, 20, shortest)) == ["r0p0", "r1p0", "r0p1"]
    # A budget met exactly gets nothing more.
    assert tags(assemble([pool[2], pool[0]], pool, 13, shortest)) == ["r0p0", "r1p0"]


def test_assemble_adds_fitting_sentences_before_cutting_one():
    pool = _sentences((0, 0, 5), (0, 1, 3), (0, 2, 9), (0, 3, 2))
    text = assemble([pool[0]], pool, 10, lambda taken: lambda c, left: c.words)
    # 5 left: the 3-word sentence is the longest that fits, then 2 left: the 2-word one.
    assert [w for w in text.split() if w.startswith("r")] == ["r0p0", "r0p1", "r0p3"]
    assert len(text.split()) == 10


# --- Lin & Bilmes ----------------------------------------------------------


def test_submodular_objective_is_monotone_and_has_diminishing_returns():
    rng = np.random.default_rng(3)
    x = rng.random((8, 5))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    w = x @ x.T
    labels = np.array([0, 0, 1, 1, 2, 2, 0, 1])
    small = submodular.Objective(w, labels, alpha=0.5 / 8 * 8, lam=6.0)
    large = submodular.Objective(w, labels, alpha=0.5 / 8 * 8, lam=6.0)
    for j in (1, 4):
        small.add(j)
        large.add(j)
    for j in (0, 6):
        large.add(j)
    g_small, g_large = small.gains(), large.gains()
    assert (g_large >= -1e-12).all()
    for j in (2, 3, 5, 7):  # elements in neither set
        assert g_small[j] >= g_large[j] - 1e-12


def test_submodular_greedy_keeps_the_budget_and_makes_the_singleton_check():
    # Sentences 1 and 2 say the same (cosine 1); sentence 0 is unrelated.
    w = np.array([[1.0, 0, 0], [0, 1, 1], [0, 1, 1]])
    labels = np.array([0, 1, 1])
    # With r = 1 the greedy takes cheap sentence 0 first (gain 1 per word against 2/10),
    # after which sentence 1 (10 words) no longer fits a 10-word budget; sentence 2 never
    # fits. The best singleton, sentence 1 (F = 2), beats {0} (F = 1): it is returned.
    picked = submodular.greedy(w, labels, [1, 10, 11], 10, alpha=10.0, lam=0.0, r=1.0)
    assert picked == [1]
    # With the paper's r = 0.3 the ratio favours sentence 1 directly.
    assert submodular.greedy(w, labels, [1, 10, 11], 10, alpha=10.0, lam=0.0, r=0.3) == [1]
    picked = submodular.greedy(w, labels, [1, 4, 4], 5, alpha=10.0, lam=0.0, r=0.3)
    assert sum([1, 4, 4][j] for j in picked) <= 5


def test_submodular_summary_is_on_topic():
    summary = submodular.summarize(REPORTS, 25)
    assert "Elmsworth sank" in " ".join(summary.split()[:25])  # the fact every report states
    assert "soup" not in summary
    assert len(summary.split()) >= 25


# --- KL-greedy -------------------------------------------------------------


def test_kl_greedy_first_picks_the_sentence_closest_to_the_reports():
    pool = candidates(REPORTS, klsum.MIN_WORDS)
    kl = klsum.Divergence(REPORTS, pool)
    scores = kl.after_adding(np.zeros(len(kl.vocab)))
    best = pool[int(np.argmin(scores))]
    assert "ferry" in best.text and "Elmsworth" in best.text
    soup = next(i for i, c in enumerate(pool) if "soup" in c.text)
    assert scores[soup] > scores.min()


def test_kl_greedy_keeps_to_the_budget_before_the_fill():
    summary = klsum.summarize(REPORTS, 30)
    words = [len(s.split()) for s in summary.split(". ")]
    assert sum(words[:-1]) <= 30  # all but the last (cut) sentence fit


# --- readability measures --------------------------------------------------


def test_dangling_openers_and_captions():
    from summary_readability import is_caption, is_dangling

    assert is_dangling("But the ferry had been inspected.")
    assert is_dangling("He said the river was calm.")
    assert is_dangling("(AP Photo/Jane Doe) A ferry sits on the bank.")
    assert is_dangling("\u201cand then it sank,\u201d a passenger said.")
    assert not is_dangling("The ferry sank on Tuesday.")
    assert not is_dangling("Heavy rain fell overnight.")  # "He" only as a word of its own
    assert is_caption("Rescuers at work. Photo: Elmsworth Gazette")


def test_sentences_pointing_back_at_one_before_them():
    from summary_readability import points_back

    assert points_back("But the ferry had been inspected.")  # dangling counts too
    assert points_back("This is heightened by the storm.")
    assert points_back("\u201cThese calls were made before the sinking,\u201d a source said.")
    assert points_back("It was the third sinking this year.")
    assert points_back("Two crew have, however, been arrested.")
    assert not points_back("This week the ferry was inspected.")
    assert not points_back("That morning the river was calm.")
    assert not points_back("The ferry sank on Tuesday.")
    assert not points_back("Thistle Lane was closed.")  # "This" only as a word of its own


def test_a_sentence_pointing_back_is_answered_only_by_its_own_antecedent():
    from summary_readability import Cluster, measure

    report = {"text": "Two calls were made to Elmsworth.\n\nThese calls were made   before the sinking, a source said."}
    cluster = Cluster({}, None, [], False, [])
    cluster.texts = [" ".join(report["text"].split())]
    answered = measure("Two calls were made to Elmsworth. These calls were made before the sinking, a source said.", cluster)
    assert (answered["points_back"], answered["unanswered"]) == (1, 0)
    alone = measure("The ferry sank. These calls were made before the sinking, a source said.", cluster)
    assert (alone["points_back"], alone["unanswered"]) == (1, 1)


def test_lead_coverage_needs_a_majority_of_the_reports_leads():
    from summary_readability import Cluster, _stems

    cluster = Cluster({}, None, [_stems(r["text"].split(". ")[0]) for r in REPORTS], False)
    assert cluster.covers_majority(_stems("The river ferry at Elmsworth sank on Tuesday."))
    assert not cluster.covers_majority(_stems("The mayor praised the fishermen."))


def test_bare_surname_first_is_flagged_when_the_reports_give_the_full_name():
    pytest.importorskip("spacy")
    from summary_readability import Cluster, measure

    reports = [
        {"id": "a", "text": "Harbour master Margaret Okonkwo said the ferry had been overloaded. "
                            "The ferry sank near the mill."},
        {"id": "b", "text": "Okonkwo said an inquiry would follow. Margaret Okonkwo has run the port since 2019."},
    ]
    cluster = Cluster.of(reports)
    assert "margaret" in cluster.full_names["Okonkwo"]
    assert measure("Okonkwo said an inquiry would follow.", cluster)["bare"] == 1
    assert measure("The ferry sank. Ms. Okonkwo said an inquiry would follow.", cluster)["bare"] == 1
    assert measure("Margaret Okonkwo said the ferry had been overloaded. Okonkwo said an inquiry "
                   "would follow.", cluster)["bare"] == 0


# --- the split -------------------------------------------------------------


def test_the_tune_and_heldout_split_is_fixed_by_file_order():
    from summary_quality import SETS, select

    clusters = [{"id": str(i)} for i in range(246)]
    tune = select(SETS["multinews"], clusters, "tune", None, 0)
    held = select(SETS["multinews"], clusters, "heldout", None, 0)
    assert [c["id"] for _, c in tune] == [str(i) for i in range(60)]
    assert [c["id"] for _, c in held][:1] == ["60"] and len(held) == 186
    assert [c["id"] for _, c in select(SETS["multinews"], clusters, "heldout", 2, 5)] == ["65", "66"]
    duc = [{"id": str(i)} for i in range(30)]
    assert len(select(SETS["duc"], duc, "heldout", None, 0)) == 15
    assert select(SETS["duc"], duc, "all", None, 14)[:2] == [("tune", {"id": "14"}), ("heldout", {"id": "15"})]


def test_held_out_clusters_whose_briefs_were_read_leave_the_held_out_part():
    from summary_quality import READ_HELD_OUT, SETS, select

    clusters = [{"id": f"mn-val-{i}"} for i in range(246)]
    held = [c["id"] for _, c in select(SETS["multinews"], clusters, "heldout", None, 0)]
    assert "mn-val-99" in READ_HELD_OUT and "mn-val-99" not in held and "mn-val-98" in held
    assert len(held) == 186 - sum(1 for c in READ_HELD_OUT if c.startswith("mn-val-"))
    assert "mn-val-99" in [c["id"] for _, c in select(SETS["multinews"], clusters, "all", None, 0)]
