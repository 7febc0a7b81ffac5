"""The neutral graph imports are read into: statements, and inferences that bear on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import Issue

InferenceKind = Literal["support", "attack", "undercut"]


@dataclass
class Statement:
    """A proposition: an Argdown equivalence class, an AIF I-node."""

    key: str
    text: str
    title: str | None = None
    # argmap's own fields of a claim the file carried (id, label, quote, note, tags, basis,
    # group, ... by docs/format.md's names); checked when the claim is made.
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    line: int = 0
    thesis: bool = False  # the file marks it as its map's thesis (argmap's AIF)


@dataclass
class Inference:
    """Premises that together support or attack a statement, or undercut another inference."""

    key: str
    kind: InferenceKind
    premises: list[str]
    target: str
    # Its premises are drawn as one argument with these fields of argmap's (id, label,
    # note, ...), even when there is one premise; None: as reasons of their own.
    argument: dict[str, Any] | None = None
    section: str | None = None
    line: int = 0
    rebuttal: bool = False  # an attack argmap lists under rebuttals
    # A cross-link: it links claims drawn elsewhere, and is never a branch of the tree
    # (Kialo's `-> See`, argmap's AIF); from `owner`, an argument, when it is one.
    crosslink: bool = False
    owner: str | None = None
    basis: bool = False  # ties a basis box to its claim (argmap's AIF)


@dataclass
class ExchangeGraph:
    """What a file said, before it is cut into maps of one thesis each."""

    file: str
    statements: dict[str, Statement] = field(default_factory=dict)
    inferences: list[Inference] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    meta_line: int = 0  # where argmap's own fields were written, for their errors
    sections: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    prose: dict[str, list[str]] = field(default_factory=dict)  # anchor → paragraphs
    # AIF's MA (rephrase): each statement's other wordings, through chains of rephrasings.
    wordings: dict[str, list[str]] = field(default_factory=dict)
    rephrasings: int = 0  # MA relations read
    # Argdown's one paragraph is a map of its thesis alone (argmap writes it so); in AIF
    # argmap marks its thesis, so one unrelated I-node is as empty as two.
    lone_statement_is_thesis: bool = True
    # What cutting it into maps looks up, made once (exchange.cutting); never compared.
    index: object = field(default=None, repr=False, compare=False)

    def warn(self, line: int, message: str, col: int = 1, code: str = "W501") -> None:
        self.issues.append(Issue(self.file, line, col if line else 0, code, message, "warning"))
