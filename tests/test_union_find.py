"""The disjoint sets the entity and quote stages share."""

from newsweave.union_find import UnionFind


def test_joined_keys_name_one_set_and_the_first_key_names_it():
    sets = UnionFind("abcde")
    sets.union("a", "b")
    sets.union("c", "b")  # b's set (a's) joins c's
    sets.union("d", "e")
    assert sets.find("a") == sets.find("b") == sets.find("c") == "c"
    assert sets.find("d") == sets.find("e") == "d"
    assert sets.find("a") != sets.find("d")


def test_a_long_chain_is_found_without_deep_recursion():
    sets = UnionFind(range(100_000))
    for key in range(1, 100_000):
        sets.union(key, key - 1)
    assert sets.find(0) == 99_999


def test_keys_added_as_they_are_met_and_a_key_never_added_is_in_no_set():
    sets: UnionFind[str] = UnionFind(())
    assert not sets.same("a", "a")
    sets.add("a")
    sets.add("b")
    assert sets.same("a", "a") and not sets.same("a", "b")
    sets.union("a", "b")
    sets.add("b")  # (a key held keeps its set)
    assert sets.same("a", "b") and sets.find("b") == "a"
