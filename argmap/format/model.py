"""The argument-map format as Pydantic models; the JSON Schema is generated from them."""

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

from ..suggest import closest
from ..words import BASIS_KINDS as BASIS_KINDS

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"

COLOR_KEYS = (
    "background",
    "text",
    "thesis_fill",
    "thesis_border",
    "support",
    "support_fill",
    "attack",
    "attack_fill",
    "rebuttal",
    "rebuttal_fill",
    "connector_text",
    "basis_fill",
    "basis_border",
    "group_fill",
    "group_border",
)

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
_ID_HELP = "A unique name for cross-references: a letter, then letters, digits, `_` or `-`."


def _id_field() -> Any:
    return Field(None, description=_ID_HELP, examples=["oil-prices"])


_CLAIM_EXAMPLE = [{"text": "Oil prices fell from $110 to $70 a barrel."}]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Basis(_Strict):
    """Where a claim rests: drawn as a box below it."""

    kind: Literal[BASIS_KINDS] = Field(  # type: ignore[valid-type]
        description="The kind of evidence.", examples=["statistic"]
    )
    citation: str | None = Field(
        None, description="Who or what says so.", examples=["Korea JoongAng Daily, 2014"]
    )
    url: str | None = Field(
        None,
        description="An http(s) link to the evidence.",
        examples=["https://example.org/report"],
    )


class Source(_Strict):
    """The text the map analyses; `text` lets `argmap check` verify every quote."""

    title: str | None = Field(
        None, description="Title of the source.", examples=["Illusions of a summit with Russia"]
    )
    author: str | None = Field(None, description="Its author.", examples=["Park Sung-soo"])
    publisher: str | None = Field(
        None, description="Where it appeared.", examples=["Korea JoongAng Daily"]
    )
    date: str | int | None = Field(None, description="When it appeared.", examples=["2014-11"])
    url: str | None = Field(
        None,
        description="Where to read it (http or https).",
        examples=["https://example.org/article"],
    )
    text: str | None = Field(
        None,
        description="Path of the source text, relative to the map; quotes are checked against it.",
        examples=["../seeds/article.txt"],
    )


class Group(_Strict):
    """A named cluster drawn around the claims and reasons that name it."""

    id: Id = Field(description=_ID_HELP, examples=["russia"])
    label: str = Field(description="The cluster's caption.", examples=["Russia's position"])
    note: str | None = Field(None, description="A remark for the outline.", examples=["…"])


def _known_name(name: str, known: tuple[str, ...], noun: str) -> None:
    """A name under `style.colors` or `style.words` that argmap knows, or a located error:
    the name travels in the error (type `colour`), so the issue points at its own line."""
    from pydantic_core import PydanticCustomError

    if name not in known:
        close = closest(name, known)
        hint = f"; did you mean `{close}`?" if close else ""
        raise PydanticCustomError(
            "colour", f"there is no {noun} `{name}`{hint}", {"colour": name, "key": True}
        )


class Style(_Strict):
    """Per-map overrides of the theme chosen at render time."""

    font: str | None = Field(None, description="Font family for all text.", examples=["Arial"])
    font_size: float | None = Field(
        None, ge=6, le=72, description="Claim text size in points.", examples=[16]
    )
    width: int | None = Field(
        None, ge=10, le=120, description="Characters per line before text wraps.", examples=[30]
    )
    colors: dict[str, str] | None = Field(
        None,
        description="Theme colours to replace, by name (see docs/format.md), as #RRGGBB.",
        examples=[{"support": "#1B7837", "attack": "#B2182B"}],
    )

    words: dict[str, str] | None = Field(
        None,
        description="argmap's words to replace, by name (docs/languages.md): a teacher's own "
        "terms, e.g. `because: since`.",
        examples=[{"because": "since", "however": "yet"}],
    )

    @field_validator("words")
    @classmethod
    def _known_words(cls, words: dict[str, str] | None) -> dict[str, str] | None:
        from pydantic_core import PydanticCustomError

        from ..words import WORD_NAMES

        for name, value in (words or {}).items():
            _known_name(name, WORD_NAMES, "word")
            if not value.strip():
                raise PydanticCustomError(
                    "colour", f"the word `{name}` is empty", {"colour": name, "key": False}
                )
        return words

    @field_validator("colors")
    @classmethod
    def _hex_only(cls, colors: dict[str, str] | None) -> dict[str, str] | None:
        import re

        from pydantic_core import PydanticCustomError

        for name, value in (colors or {}).items():
            _known_name(name, COLOR_KEYS, "colour")
            if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
                raise PydanticCustomError(
                    "colour",
                    f"colour `{name}` must be #RRGGBB, not {value!r}",
                    {"colour": name, "key": False},
                )
        return colors


class Claim(_Strict):
    """A statement; reasons, objections and rebuttals hang below it."""

    text: str = Field(
        description="The claim, as one full sentence.", examples=["Russia's economy is in crisis."]
    )
    id: Id | None = _id_field()
    label: str | None = Field(
        None,
        description="A short title shown in bold above the text.",
        examples=["Economic crisis"],
    )
    quote: str | None = Field(
        None,
        description="A verbatim excerpt of the source text that "
        "states this claim; `...` may skip words.",
        examples=["the Russian economy is in crisis now"],
    )
    implicit: bool = Field(
        False,
        description="An unstated premise supplied by the analyst (drawn with a dashed border).",
        examples=[True],
    )
    mark: Literal["accepted", "rejected", "open"] | None = Field(
        None,
        description="The student's judgement: on a claim with no reasons, the input "
        "`argmap evaluate` starts from; on others, a verdict it compares with its own.",
        examples=["accepted"],
    )
    basis: Basis | None = Field(
        None,
        description="The evidence this claim rests on.",
        examples=[{"kind": "statistic", "citation": "IMF, 2014"}],
    )
    note: str | None = Field(
        None,
        description="A remark shown with --notes and in outlines.",
        examples=["The author gives no figure for this."],
    )
    tags: list[str] = Field(
        default_factory=list, description="Free keywords.", examples=[["economy"]]
    )
    group: str | None = Field(
        None, description="The id of a named group to draw it in.", examples=["russia"]
    )
    kind: Literal["reason", "example"] = Field(
        "reason",
        description="`example`: a reason that supports the claim by an instance of it, "
        'drawn with "for example" instead of "because" (only in `reasons:`).',
        examples=["example"],
    )
    step: int | None = Field(
        None, ge=1, description="When it appears in a stepwise reveal.", examples=[2]
    )
    reasons: list["Item"] = Field(
        default_factory=list,
        description='Reasons for this claim ("because").',
        examples=[_CLAIM_EXAMPLE],
    )
    objections: list["Item"] = Field(
        default_factory=list,
        description='Objections to this claim ("but").',
        examples=[_CLAIM_EXAMPLE],
    )
    rebuttals: list["Item"] = Field(
        default_factory=list,
        description='Objections to this objection ("however").',
        examples=[_CLAIM_EXAMPLE],
    )
    undercutters: list["Item"] = Field(
        default_factory=list,
        description="Objections to the inference from this one-premise "
        "reason to its claim, not to the claim itself.",
        examples=[_CLAIM_EXAMPLE],
    )
    supports: list[str] = Field(
        default_factory=list,
        description="Ids of other claims this one also supports.",
        examples=[["thesis"]],
    )
    opposes: list[str] = Field(
        default_factory=list,
        description="Ids of other claims this one also opposes.",
        examples=[["p2"]],
    )
    undercuts: list[str] = Field(
        default_factory=list,
        description="Ids of reasons or objections elsewhere in the map whose step to their "
        "claim this one also undercuts: the id of a one-premise reason's claim, or of an "
        "argument.",
        examples=[["cheap-labour"]],
    )


class Argument(_Strict):
    """A reason or objection of several co-premises that only work together."""

    premises: list[Claim] = Field(
        min_length=1, description="The co-premises, in order.", examples=[_CLAIM_EXAMPLE * 2]
    )
    id: Id | None = _id_field()
    label: str | None = Field(
        None, description="A short title for the group.", examples=["Economic weakness"]
    )
    note: str | None = Field(
        None,
        description="A remark shown with --notes and in outlines.",
        examples=["Linked: neither premise suffices alone."],
    )
    group: str | None = Field(
        None, description="The id of a named group to draw it in.", examples=["russia"]
    )
    kind: Literal["reason", "example"] = Field(
        "reason",
        description="`example`: a reason that supports the claim by an instance of it, "
        'drawn with "for example" instead of "because" (only in `reasons:`).',
        examples=["example"],
    )
    step: int | None = Field(
        None, ge=1, description="When it appears in a stepwise reveal.", examples=[2]
    )
    undercutters: list["Item"] = Field(
        default_factory=list,
        description="Objections to the inference from these premises "
        "to the claim, not to the claim itself.",
        examples=[_CLAIM_EXAMPLE],
    )
    supports: list[str] = Field(
        default_factory=list,
        description="Ids of other claims this reason also supports.",
        examples=[["thesis"]],
    )
    opposes: list[str] = Field(
        default_factory=list,
        description="Ids of other claims this reason also opposes.",
        examples=[["p2"]],
    )
    undercuts: list[str] = Field(
        default_factory=list,
        description="Ids of reasons or objections elsewhere in the map whose step to their "
        "claim these premises also undercut: the id of a one-premise reason's claim, or of "
        "an argument.",
        examples=[["cheap-labour"]],
    )


# The fields of a claim or argument that are not its own: the items under it, and its
# links to items elsewhere in the map.
NESTED_LISTS = ("premises", "reasons", "objections", "rebuttals", "undercutters")
LINK_LISTS = ("supports", "opposes", "undercuts")


def _item_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "argument" if "premises" in value else "claim"
    return "argument" if isinstance(value, Argument) else "claim"


Item = Annotated[
    Union[Annotated[Claim, Tag("claim")], Annotated[Argument, Tag("argument")]],  # noqa: UP007
    Discriminator(_item_kind),
]


class Lint(_Strict):
    """Teaching rules this map declares it does not follow, and why (see docs/lint.md)."""

    ignore: list[Annotated[str, Field(pattern=r"^L\d{3}$")]] = Field(
        default_factory=list, description="Rule codes not to report.", examples=[["L103"]]
    )
    why: str | None = Field(
        None, description="Why, for the reader.", examples=["The op-ed states no co-premises."]
    )


class View(_Strict):
    """A named part of the map to draw on its own: a subtree, so deep, in so many words."""

    root: Id | None = Field(
        None,
        description="The id of the claim or reason the view starts from [default: the thesis].",
        examples=["no-concessions"],
    )
    depth: int | None = Field(
        None,
        ge=0,
        description="Levels shown below the root; deeper branches fold into one box that "
        "counts the claims it hides [default: all].",
        examples=[2],
    )
    text: Literal["full", "labels"] = Field(
        "full",
        description="`labels`: claims with a label show only the label.",
        examples=["labels"],
    )
    context: Literal["none", "path"] = Field(
        "none",
        description="`path`: the chain from the root up to the thesis, small and muted above it.",
        examples=["path"],
    )
    hide: list[Literal["basis", "notes"]] = Field(
        default_factory=list,
        description="Parts left out of this view.",
        examples=[["basis"]],
    )
    title: str | None = Field(
        None, description="A title for the view (a slide's heading).", examples=["Russia"]
    )


class ArgumentMap(_Strict):
    """One argument: a thesis and everything said for and against it."""

    title: str = Field(description="The map's title.", examples=["Illusions of a summit"])
    description: str | None = Field(
        None, description="What the map shows, in a sentence.", examples=["The op-ed's argument."]
    )
    authors: list[str] = Field(
        default_factory=list, description="Who made the map.", examples=[["A. Teacher"]]
    )
    language: str | None = Field(
        None, description="BCP 47 language tag of the texts.", examples=["en"]
    )
    source: Source | None = Field(
        None,
        description="The text the map analyses.",
        examples=[{"title": "The op-ed", "text": "../seeds/op-ed.txt"}],
    )
    groups: list[Group] = Field(
        default_factory=list,
        description="Named clusters.",
        examples=[[{"id": "russia", "label": "Russia's position"}]],
    )
    style: Style | None = Field(
        None, description="Colours and fonts for this map.", examples=[{"font_size": 18}]
    )
    thesis: Claim = Field(
        description="The main contention; exactly one per map.",
        examples=[{"text": "Kim Jong-un should abandon the summit illusion."}],
    )
    synonyms: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Words that mean the same for `argmap lint` (the Rabbit and Holding "
        "Hands rules).",
        examples=[{"cost": ["price", "expensive"]}],
    )
    lint: Lint | None = Field(
        None, description="Lint rules this map leaves out.", examples=[{"ignore": ["L103"]}]
    )
    views: dict[Id, View] = Field(
        default_factory=dict,
        description="Named views: parts of the map to draw on their own "
        "(`argmap render --view NAME`; `argmap slides` uses them first).",
        examples=[{"overview": {"depth": 1, "text": "labels"}}],
    )

    @field_validator("authors", mode="before")
    @classmethod
    def _one_author(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


# Which model a mapping under each key (or list item under it) is, for locating unknown keys.
FIELD_MODELS: dict[str, type[BaseModel]] = {
    "source": Source,
    "basis": Basis,
    "groups": Group,
    "style": Style,
    "views": View,
    "lint": Lint,
    "thesis": Claim,
    "premises": Claim,
}
