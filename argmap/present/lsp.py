"""`argmap lsp`: the language server, over stdio, for any editor (docs/editors.md).

pygls speaks the protocol (it is imported only here, from the `lsp` extra); every answer
comes from present/editing.py (completion from present/completion.py). Diagnostics follow
a change after a short pause, so a burst of keystrokes is checked once; a saved or changed
source text re-checks the open maps that quote it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol.json_rpc import JsonRPCNotification
from pygls.uris import to_fs_path

from ..speed import paused_gc
from ..version import __version__
from . import completion, editing

DEBOUNCE_SECONDS = 0.015
# From this many claims a change's errors are published before lint's notes are found.
NOTES_LATER = 300
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "note": types.DiagnosticSeverity.Information,
}
_COMPLETION_KIND = {
    "key": types.CompletionItemKind.Property,
    "id": types.CompletionItemKind.Reference,
    "value": types.CompletionItemKind.EnumMember,
    "quote": types.CompletionItemKind.Text,
}


class MapServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "argmap", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.analyses: dict[str, tuple[int | None, editing.Analysis]] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.sources: dict[str, Path] = {}  # map uri -> the source text it quotes

    def analysis(self, uri: str) -> editing.Analysis:
        """The analysis of the document as it is now (made again only when it changed)."""
        document = self.workspace.get_text_document(uri)
        known = self.analyses.get(uri)
        if known is not None and known[0] == document.version and known[1].text == document.source:
            return known[1]
        path = Path(to_fs_path(uri) or document.path)
        with paused_gc():  # a large map's analysis makes many objects and frees them all
            made = editing.analyse(document.source, path, with_notes=False)
        self.analyses[uri] = (document.version, made)
        source = _source_path(made)
        if source is not None:
            self.sources[uri] = source
        return made

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents:
            return
        document = self.workspace.get_text_document(uri)
        made = self.analysis(uri)
        tree = made.checked.tree
        if tree is not None and len(tree.claims) >= NOTES_LATER and not made.noted:
            self._send(uri, document, made)  # the errors at once, the notes next
            asyncio.get_event_loop().call_soon(self.publish_notes, uri, made)
            return
        with paused_gc():
            editing.add_notes(made)
        self._send(uri, document, made)

    def publish_notes(self, uri: str, made: editing.Analysis) -> None:
        """Lint's notes of a large map, unless the map has changed since."""
        known = self.analyses.get(uri)
        if known is None or known[1] is not made or uri not in self.workspace.text_documents:
            return
        with paused_gc():
            editing.add_notes(made)
        if made.notes:
            self._send(uri, self.workspace.get_text_document(uri), made)

    def _send(self, uri: str, document: Any, made: editing.Analysis) -> None:
        lines = document.lines
        found = [
            {
                "range": _plain_range(document, lines, d.range),
                "severity": _SEVERITY.get(d.severity, types.DiagnosticSeverity.Information).value,
                "code": d.code,
                "codeDescription": {"href": d.href},
                "source": "argmap",
                "message": d.message + (f"\n{d.hint}" if d.hint else ""),
                "data": {"hint": d.hint},
            }
            for d in editing.diagnostics(made)
        ]
        # Written as plain data: typed diagnostics cost a 1,000-claim map's many lint notes
        # a fifth of the time between a keystroke and its diagnostics.
        params = {"uri": uri, "version": document.version, "diagnostics": found}
        self.protocol._send_data(
            JsonRPCNotification(
                method=types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, jsonrpc="2.0", params=params
            )
        )

    def soon(self, uri: str) -> None:
        """Check after a short pause: a burst of keystrokes is checked once."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_event_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE_SECONDS, self.publish, uri)

    def quoting(self, changed: Path) -> list[str]:
        """The open maps whose source text is this file."""
        target = changed.resolve()
        return [uri for uri, source in self.sources.items() if source == target]


def _source_path(made: editing.Analysis) -> Path | None:
    model = made.checked.model
    if model is None or model.source is None or not model.source.text:
        return None
    return (made.path.parent / model.source.text).resolve()


def _range(document: Any, lines: Sequence[str], where: editing.Range) -> types.Range:
    """A range in the editor's units (UTF-16 by default, where an emoji counts two)."""
    codec = document.position_codec
    start = types.Position(line=where[0][0], character=where[0][1])
    end = types.Position(line=where[1][0], character=where[1][1])
    converted: types.Range = codec.range_to_client_units(lines, types.Range(start=start, end=end))
    return converted


def _plain_range(document: Any, lines: Sequence[str], where: editing.Range) -> dict[str, Any]:
    """The range as the protocol's JSON; lines of ASCII need no conversion of units."""
    (start_line, start), (end_line, end) = where
    if not all(
        number >= len(lines) or lines[number].isascii() for number in (start_line, end_line)
    ):
        converted = _range(document, lines, where)
        start_line, start = converted.start.line, converted.start.character
        end_line, end = converted.end.line, converted.end.character
    return {
        "start": {"line": start_line, "character": start},
        "end": {"line": end_line, "character": end},
    }


def _position(document: Any, position: types.Position) -> editing.Position:
    server = document.position_codec.position_from_client_units(document.lines, position)
    return (server.line, server.character)


def _is_map(uri: str) -> bool:
    return uri.endswith((".yaml", ".yml"))


server = MapServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _opened(ls: MapServer, params: types.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    if _is_map(uri):
        ls.publish(uri)  # at once: the editor has just shown the file
    else:
        _source_changed(ls, uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def _changed(ls: MapServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    if _is_map(uri):
        ls.soon(uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def _saved(ls: MapServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if not _is_map(uri):
        _source_changed(ls, uri)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _watched(ls: MapServer, params: types.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        _source_changed(ls, change.uri)


def _source_changed(ls: MapServer, uri: str) -> None:
    path = to_fs_path(uri)
    if path is None:
        return
    for map_uri in ls.quoting(Path(path)):
        ls.analyses.pop(map_uri, None)  # the same buffer, another text to quote
        ls.soon(map_uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _closed(ls: MapServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.analyses.pop(uri, None)
    ls.sources.pop(uri, None)
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[":", " ", "[", ",", "-"]),
)
def _complete(ls: MapServer, params: types.CompletionParams) -> types.CompletionList:
    document = ls.workspace.get_text_document(params.text_document.uri)
    made = ls.analysis(params.text_document.uri)
    found = completion.complete(made, _position(document, params.position))
    items = [
        types.CompletionItem(
            label=c.label,
            kind=_COMPLETION_KIND[c.kind],
            detail=c.detail or None,
            insert_text=c.insert,
            filter_text=c.insert if c.kind != "quote" else None,
        )
        for c in found
    ]
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def _hover(ls: MapServer, params: types.HoverParams) -> types.Hover | None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    said = editing.hover(
        ls.analysis(params.text_document.uri), _position(document, params.position)
    )
    if said is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=said))


def _location(ls: MapServer, uri: str, place: editing.Place) -> types.Location:
    document = ls.workspace.get_text_document(uri)
    return types.Location(uri=uri, range=_range(document, document.lines, place.range))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def _definition(ls: MapServer, params: types.DefinitionParams) -> types.Location | None:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    made = ls.analysis(uri)
    place = editing.place_at(made, _position(document, params.position))
    found = editing.definition(made, place.name) if place else None
    return _location(ls, uri, found) if found else None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def _references(ls: MapServer, params: types.ReferenceParams) -> list[types.Location]:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    made = ls.analysis(uri)
    place = editing.place_at(made, _position(document, params.position))
    if place is None:
        return []
    every = editing.references(made, place.name, params.context.include_declaration)
    return [_location(ls, uri, p) for p in every]


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def _prepare_rename(ls: MapServer, params: types.PrepareRenameParams) -> types.Range | None:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    place = editing.place_at(ls.analysis(uri), _position(document, params.position))
    return _range(document, document.lines, place.range) if place else None


@server.feature(types.TEXT_DOCUMENT_RENAME)
def _rename(ls: MapServer, params: types.RenameParams) -> types.WorkspaceEdit:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    made = ls.analysis(uri)
    try:
        edits = editing.rename(made, _position(document, params.position), params.new_name)
    except editing.RenameError as exc:  # the editor shows the message; nothing changes
        raise JsonRpcInvalidParams(str(exc)) from None
    return types.WorkspaceEdit(
        changes={
            uri: [
                types.TextEdit(range=_range(document, document.lines, where), new_text=text)
                for where, text in edits
            ]
        }
    )


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def _symbols(ls: MapServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    document = ls.workspace.get_text_document(params.text_document.uri)
    lines = document.lines

    def made(symbol: editing.Symbol) -> types.DocumentSymbol:
        return types.DocumentSymbol(
            name=symbol.name,
            detail=symbol.detail,
            kind=types.SymbolKind.Class if symbol.detail == "thesis" else types.SymbolKind.Field,
            range=_range(document, lines, symbol.range),
            selection_range=_range(document, lines, symbol.selection),
            children=[made(child) for child in symbol.children],
        )

    return [made(s) for s in editing.symbols(ls.analysis(params.text_document.uri))]


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def _actions(ls: MapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    made = ls.analysis(uri)
    wanted = params.range
    actions = []
    for diagnostic in editing.diagnostics(made):
        where = _range(document, document.lines, diagnostic.range)
        if where.end.line < wanted.start.line or where.start.line > wanted.end.line:
            continue
        for fix in editing.fixes(made, diagnostic):
            edits = [
                types.TextEdit(range=_range(document, document.lines, r), new_text=text)
                for r, text in fix.edits
            ]
            actions.append(
                types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                )
            )
    return actions


def run_language_server() -> None:
    """Serve over stdin and stdout until the editor closes the pipe."""
    server.start_io()
