"""argmap lsp: the real server over stdio, as an editor drives it."""

from __future__ import annotations

import shutil
import sys

import pytest

from .conftest import ROOT

pytest.importorskip("pygls")

from .lspclient import Client


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "maps").mkdir()
    shutil.copy(ROOT / "maps" / "summit.yaml", tmp_path / "maps" / "summit.yaml")
    (tmp_path / "argmap.toml").write_text("")
    return tmp_path


@pytest.fixture
def client(project):
    started = Client(project)
    yield started
    started.close()


def _line(text: str, needle: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines()):
        if needle in line:
            return number, line.index(needle)
    raise AssertionError(needle)


def _at(uri, line, character):
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


def _apply(text: str, edits: list[dict]) -> str:
    lines = text.split("\n")
    for edit in sorted(
        edits,
        key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
        reverse=True,
    ):
        start, end = edit["range"]["start"], edit["range"]["end"]
        head = lines[start["line"]][: start["character"]]
        tail = lines[end["line"]][end["character"] :]
        lines[start["line"] : end["line"] + 1] = (head + edit["newText"] + tail).split("\n")
    return "\n".join(lines)


def _actions(client, uri, found):
    """The quick fixes offered over the first diagnostic."""
    params = {
        "textDocument": {"uri": uri},
        "range": found[0]["range"],
        "context": {"diagnostics": found},
    }
    return client.request("textDocument/codeAction", params)["result"]


def test_diagnostics_have_exact_ranges_codes_and_quick_fixes(client, project):
    path = project / "maps" / "summit.yaml"
    text = path.read_text()
    uri = client.open(path)
    assert client.wait_diagnostics(uri) == []
    broken = text.replace("      label: Nothing to gain", "      lable: Nothing to gain")
    client.change(uri, broken)
    found = client.wait_diagnostics(uri, 2)
    line, column = _line(broken, "lable:")
    assert [d["code"] for d in found] == ["E101"]
    assert found[0]["range"] == {
        "start": {"line": line, "character": column},
        "end": {"line": line, "character": column + 5},
    }
    assert found[0]["severity"] == 1 and found[0]["codeDescription"]["href"].endswith("#e101")
    actions = _actions(client, uri, found)
    assert actions[0]["title"] == "Change to `label`"
    fixed = _apply(broken, actions[0]["edit"]["changes"][uri])
    assert fixed == text
    client.change(uri, fixed)
    assert client.wait_diagnostics(uri, 3) == []


def test_a_quote_not_in_the_text_is_fixed_by_the_closest_passage(client, project):
    path = project / "maps" / "summit.yaml"
    text = path.read_text().replace(
        "quote: Moscow is not in a position", "quote: Moscow is not at all in a position"
    )
    uri = client.open(path, text)
    found = client.wait_diagnostics(uri)
    assert [d["code"] for d in found] == ["E205"]
    line, column = _line(text, "Moscow is not at all")
    assert found[0]["range"]["start"] == {"line": line, "character": column}
    actions = _actions(client, uri, found)
    fixed = _apply(text, actions[0]["edit"]["changes"][uri])
    client.change(uri, fixed)
    assert client.wait_diagnostics(uri, 2) == []


def test_lint_notes_and_syntax_errors_are_diagnostics_too(client, project):
    path = project / "maps" / "new.yaml"
    text = (
        "title: t\nthesis:\n  text: Our school should ban phones.\n  reasons:\n"
        "    - text: Phones distract.\n"
    )
    path.write_text(text)
    uri = client.open(path)
    notes = client.wait_diagnostics(uri)
    assert {"L101", "L103"} <= {d["code"] for d in notes}
    assert all(d["severity"] == 3 for d in notes)
    client.change(uri, text.replace("Phones distract.", "Phones: they distract."))
    found = client.wait_diagnostics(uri, 2)
    assert [d["code"] for d in found] == ["E004"]
    actions = _actions(client, uri, found)
    assert actions and actions[0]["title"] == "Quote the value"


def test_completion_of_keys_ids_values_and_quotes(client, project):
    path = project / "maps" / "summit.yaml"
    text = path.read_text()
    uri = client.open(path)
    client.wait_diagnostics(uri)

    def items(changed: str, needle: str) -> list[dict]:
        client.change(uri, changed)
        line, column = _line(changed, needle)
        response = client.request("textDocument/completion", _at(uri, line, column + len(needle)))
        return response["result"]["items"]

    anchor = "          opposes: [breakthrough]"
    keys = items(text.replace(anchor, "          bas"), "          bas")
    assert [i["label"] for i in keys] == ["basis"]
    ids = items(text.replace(anchor, "          opposes: [break"), "opposes: [break")
    assert [i["label"] for i in ids] == ["breakthrough"]
    kinds = items(text.replace(anchor, "          basis:\n            kind: st"), "kind: st")
    assert [i["label"] for i in kinds] == ["statistic"]
    reason_kind = items(text.replace(anchor, "          kind: "), "          kind: ")
    assert [i["label"] for i in reason_kind] == ["reason", "example"]
    marks = items(text.replace(anchor, "          mark: "), "mark: ")
    assert [i["label"] for i in marks] == ["accepted", "rejected", "open"]
    quotes = items(text.replace(anchor, "          quote: Russia is on the verge"), "on the verge")
    assert quotes and quotes[0]["insertText"] == "Russia is on the verge of a financial crisis."


def test_hover_definition_references_and_rename(client, project):
    path = project / "maps" / "summit.yaml"
    text = path.read_text()
    uri = client.open(path)
    client.wait_diagnostics(uri)
    line, column = _line(text, "opposes: [breakthrough]")
    column += len("opposes: [") + 2
    said = client.request("textDocument/hover", _at(uri, line, column))["result"]
    assert (
        "breakthrough" in said["contents"]["value"]
        and "summit with Putin" in said["contents"]["value"]
    )
    quote_line, quote_column = _line(text, "quote: Moscow is not in")
    passage = client.request("textDocument/hover", _at(uri, quote_line, quote_column + 10))[
        "result"
    ]
    assert "**Moscow is not in a position" in passage["contents"]["value"]
    claim = client.request("textDocument/hover", _at(uri, quote_line - 1, 14))["result"]
    assert (
        "reason" in claim["contents"]["value"]
        and "Abandon the summit illusion" in claim["contents"]["value"]
    )
    target = client.request("textDocument/definition", _at(uri, line, column))["result"]
    defined_line, _ = _line(text, "id: breakthrough")
    assert target["range"]["start"]["line"] == defined_line
    found = client.request(
        "textDocument/references",
        {**_at(uri, line, column), "context": {"includeDeclaration": True}},
    )["result"]
    assert len(found) == 2
    renamed = client.request(
        "textDocument/rename", {**_at(uri, line, column), "newName": "big-break"}
    )
    edits = renamed["result"]["changes"][uri]
    after = _apply(text, edits)
    assert "[big-break]" in after and "id: big-break" in after
    assert "[breakthrough]" not in after and "id: breakthrough" not in after
    refused = client.request(
        "textDocument/rename", {**_at(uri, line, column), "newName": "economic-crisis"}
    )
    assert "in use already" in refused["error"]["message"]
    bad = client.request("textDocument/rename", {**_at(uri, line, column), "newName": "2fast"})
    assert "is not an id" in bad["error"]["message"]


def test_the_outline_is_the_claim_tree(client, project):
    path = project / "maps" / "summit.yaml"
    uri = client.open(path)
    client.wait_diagnostics(uri)
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})[
        "result"
    ]
    assert len(symbols) == 1 and symbols[0]["name"] == "Abandon the summit illusion"
    children = symbols[0]["children"]
    assert len(children) >= 5 and all("range" in c and "selectionRange" in c for c in children)

    def count(items):
        return sum(1 + count(i.get("children", [])) for i in items)

    import argmap
    from argmap.format.tree import build_tree

    assert count(symbols) == len(build_tree(argmap.load(ROOT / "maps" / "summit.yaml")).claims)


def test_a_changed_source_text_rechecks_the_maps_that_quote_it(client, project):
    path = project / "maps" / "summit.yaml"
    uri = client.open(path)
    assert client.wait_diagnostics(uri) == []
    seed = project / "seeds" / "illusions-of-a-summit-with-russia.txt"
    seed.write_text(
        seed.read_text().replace("Moscow is not in a position", "Moscow cannot be in a position")
    )
    client.notify(
        "workspace/didChangeWatchedFiles",
        {"changes": [{"uri": seed.resolve().as_uri(), "type": 2}]},
    )
    found = client.wait_diagnostics(uri, 2)
    assert [d["code"] for d in found] == ["E205"]


def test_lsp_without_pygls_says_how_to_install_it(runner, monkeypatch):
    from argmap.cli import cli

    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "argmap.present.lsp", raising=False)
    result = runner.invoke(cli, ["lsp"])
    assert result.exit_code == 2 and "argmap[lsp]" in result.output


def test_a_large_maps_errors_come_first_and_its_notes_next(client, project):
    import subprocess

    path = project / "maps" / "large.yaml"
    path.write_text(
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "generate.py"), "400"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    uri = client.open(path)
    notes = client.wait_diagnostics(uri, 2)
    first = client.diagnostics[uri][0][1]
    assert first == [] and notes and all(d["code"].startswith("L") for d in notes)
