"""Exports of the entity network: every format parses and carries the brief's entities and links."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from in_process import run_in_process

from newsweave.errors import InputError
from newsweave.export import EXPORT_FORMATS, export_brief


@pytest.fixture
def cli():
    return run_in_process


@pytest.fixture(scope="module")
def brief(seeds_result):
    return seeds_result


@pytest.fixture(scope="module")
def data(brief):
    return brief.to_dict()


def test_graphml_and_gexf_read_back_with_networkx(tmp_path, data):
    import networkx as nx

    for format, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"story.{format}"
        path.write_text(export_brief(data, format), encoding="utf-8")
        graph = read(path)
        assert graph.number_of_nodes() == len(data["entities"])
        assert graph.number_of_edges() == len(data["relations"])
        assert graph.nodes["junaid-hussain"]["type"] == "PERSON"
        labels = {d["label"] for _, target, d in graph.out_edges("junaid-hussain", data=True) if d["kind"] == "stated"}
        assert "was killed by strike of" in labels


def test_json_export(data):
    graph = json.loads(export_brief(data, "json"))
    assert graph["schema"] == "newsweave.graph/1"
    assert {n["id"] for n in graph["nodes"]} == {e["id"] for e in data["entities"]}
    assert len(graph["edges"]) == len(data["relations"])
    assert graph["timeline"] == data["timeline"]
    assert all("text" not in d for d in graph["documents"])


def test_csv_export_is_a_zip_of_nodes_and_edges(data):
    with zipfile.ZipFile(io.BytesIO(export_brief(data, "csv"))) as archive:
        nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8"))))
    assert [n["id"] for n in nodes] == [e["id"] for e in data["entities"]]
    assert len(edges) == len(data["relations"])
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for edge in edges:
        assert edge["kind"] in ("stated", "co-occurrence")
        for span in edge["evidence"].split("; "):
            document, offsets = span.rsplit(":", 1)
            start, end = map(int, offsets.split("-"))
            assert 0 <= start < end <= len(texts[document])


def test_ftm_lines_parse_and_reference_each_other(data):
    entities = [json.loads(line) for line in export_brief(data, "ftm").splitlines()]
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    schemas = {e["schema"] for e in entities}
    assert {"Article", "Person", "Organization", "Address", "UnknownLink", "Mention"} <= schemas
    for entity in entities:
        assert set(entity) == {"id", "schema", "properties"}
        assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in entity["properties"].values())
    links = [e for e in entities if e["schema"] == "UnknownLink"]
    assert len(links) == sum(r["kind"] == "stated" for r in data["relations"])  # co-occurrence is not exported as a link
    for link in links:
        for reference in link["properties"]["subject"] + link["properties"]["object"]:
            assert reference in by_id
    killed = [link for link in links if link["properties"]["role"] == ["was killed by strike of"]
              and by_id[link["properties"]["subject"][0]]["properties"]["name"] == ["Junaid Hussain"]]
    assert killed and "drone strike" in killed[0]["properties"]["summary"][0]
    assert killed[0]["properties"]["description"][0].count(";") == 1  # stated by two reports
    person = by_id[killed[0]["properties"]["subject"][0]]
    assert all(by_id[p]["schema"] == "Article" for p in person["properties"]["proof"]) and len(person["properties"]["proof"]) == 2
    mentions = [e for e in entities if e["schema"] == "Mention"]
    hussian = [m for m in mentions if m["properties"]["name"] == ["Junaid Hussian"]]
    assert hussian and by_id[hussian[0]["properties"]["resolved"][0]]["schema"] == "Person"
    assert by_id[hussian[0]["properties"]["document"][0]]["schema"] == "Article"


def test_exports_are_stable(data):
    for format in EXPORT_FORMATS:
        assert export_brief(data, format) == export_brief(data, format)


def test_export_takes_a_brief_object_and_refuses_other_input(brief):
    assert export_brief(brief, "json") == export_brief(brief.to_dict(), "json")
    with pytest.raises(InputError):
        export_brief({"schema": "something else"}, "json")
    with pytest.raises(InputError):
        export_brief(brief, "pdf")


def test_cli_export_from_a_brief_json_and_from_reports(tmp_path, data, cli, good_files):
    brief_path = tmp_path / "brief.json"
    brief_path.write_text(json.dumps(data), encoding="utf-8")
    result = cli("export", brief_path, "--format", "csv", "-o", tmp_path / "story.csv")
    assert result.returncode == 0, result.stderr
    nodes = list(csv.DictReader((tmp_path / "story-nodes.csv").open(encoding="utf-8")))
    assert len(nodes) == len(data["entities"])
    assert (tmp_path / "story-edges.csv").exists()

    result = cli("export", *good_files, "--format", "graphml", "-o", tmp_path / "ferry.graphml")
    assert result.returncode == 0, result.stderr
    import networkx as nx

    graph = nx.read_graphml(tmp_path / "ferry.graphml")
    assert any(d["label"] == "Port Aldwin" for _, d in graph.nodes(data=True))

    result = cli("export", brief_path, "--format", "csv")
    assert result.returncode == 1 and "-o FILE" in result.stderr


def test_a_brief_json_without_the_analyst_layers_is_rebuilt_from_its_documents(reports):
    from newsweave.service import brief_data

    old = {
        "schema": "newsweave.brief/1",
        "documents": [{"id": name, "title": None, "text": text} for name, text in reports.items()],
        "summary": [],
    }
    data = brief_data(old)
    assert [d["id"] for d in data["documents"]] == list(reports)
    names = {e["name"] for e in data["entities"]}
    assert {"Ines Varga", "Port Aldwin"} <= names
    varga = next(e for e in data["entities"] if e["name"] == "Ines Varga")
    assert varga["documents"] == ["wire", "courier"]

    # The export package itself only reads briefs: it names the service that rebuilds one.
    with pytest.raises(InputError, match=r"newsweave\.service\.export_brief"):
        export_brief(old, "json")


def test_export_has_no_hidden_words_option_and_lists_the_one_format_list(cli):
    assert cli("export", "brief.json", "--format", "json", "--words", "50").returncode == 2
    usage = cli("export", "--help").stdout
    assert "{" + ",".join(EXPORT_FORMATS) + "}" in usage and "--words" not in usage
    from newsweave.web.api import EXPORT_FORMATS as WEB_FORMATS

    assert list(WEB_FORMATS) == list(EXPORT_FORMATS)


def test_export_files_names_the_csv_tables_after_the_output(data, tmp_path):
    from newsweave.service import export_files

    pairs = export_files(data, "csv", str(tmp_path / "story.csv"))
    assert [path for path, _ in pairs] == [f"{tmp_path}/story-nodes.csv", f"{tmp_path}/story-edges.csv"]
    [(path, archive)] = export_files(data, "csv", str(tmp_path / "story.zip"))
    assert path == f"{tmp_path}/story.zip" and archive == export_brief(data, "csv")
    assert export_files(data, "gexf", None) == [(None, export_brief(data, "gexf"))]


def test_the_csv_zip_is_the_same_whenever_it_is_made(monkeypatch):
    # writestr(name) stamped the current time into the zip: two exports a tick apart differed.
    import time as time_module

    from newsweave.export.tables import csv_zip

    data = {"entities": [], "relations": [], "documents": []}
    first = csv_zip(data)
    later = time_module.localtime(time_module.time() + 3600)
    monkeypatch.setattr(time_module, "localtime", lambda *args: later)
    assert csv_zip(data) == first
