"""The words inside boxes and on lines: HTML-like label markup, and the text measured."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import NamedTuple

from ..format import Basis, Claim, Link, connector
from ..words import Words
from .fonts import beyond_engine, estimate_em, line_width_em
from .themes import Theme
from .wrap import wrap

# A claim box's padding around its text, in inches (horizontal, vertical).
MARGIN, COMPACT_MARGIN = "0.16,0.1", "0.1,0.08"
# An empty caption, under a box whose lines run down into a captioned reason box (see
# plan.room_below). 8 pt tall, padded to 16 (a cell of height 0 makes dot 2.43 abort in
# xlabels.c on a map with cross-links).
ROOM = (
    '<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0">'
    '<TR><TD HEIGHT="8" WIDTH="1"></TD></TR></TABLE>>'
)
_COUNT = "\x00"  # where a stub's bold count goes in its (escaped) words
# A draft's flagged claims: red that keeps 4.5:1 on light fills, and on dark ones.
_ERROR, _ERROR_ON_DARK = "#C00000", "#FF8A8A"


def error_colour(theme: Theme) -> str:
    return _ERROR_ON_DARK if int(theme.background[1:3], 16) < 0x80 else _ERROR


def escaped(text: str) -> str:
    """Text for an HTML-like label; a doubled backslash keeps Graphviz from reading \\N, \\G."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text or "\\" in text:
        return html.escape(text, quote=True).replace("\\", "\\\\")
    return text  # most text needs no escaping, and a large map has thousands of lines


def pt(size: float) -> str:
    return f"{size:g}"


def muted(colour: str, background: str) -> str:
    """The colour halfway to the background: there, but quieter than the slide's own."""
    mixed = ((int(colour[i : i + 2], 16) + int(background[i : i + 2], 16)) // 2 for i in (1, 3, 5))
    return "#" + "".join(f"{channel:02X}" for channel in mixed)


def lines(rows: list[str]) -> str:
    """Rows of markup as one HTML-like label."""
    return "<" + "<BR/>".join(rows) + ">"


class Labels(NamedTuple):
    """What every label of one drawing shares: its theme, its words, what it shows."""

    theme: Theme
    words: Words
    labels_only: bool = False
    show_notes: bool = False
    compact: bool = False
    statuses: Mapping[str, str] = {}
    strengths: Mapping[str, float] = {}

    @property
    def small(self) -> str:
        """The size of a badge, a marker or a cross-link's words: 4 pt under the text."""
        return pt(max(14.0, self.theme.font_size - 4))

    def badge(self, key: str) -> str:
        """The claim's status as a word (and its strength): readable without colour."""
        if key not in self.statuses:
            return ""
        strengths = self.strengths
        score = f" · {strengths[key]:.2f}" if key in strengths else ""
        word = escaped(self.words[self.statuses[key]])
        return f'<FONT POINT-SIZE="{self.small}"><B>{word}</B>{score}</FONT>'

    def marker(self, flag: str) -> str:
        """A draft's marker over a claim: first, readable in grey, and in any viewer."""
        red = error_colour(self.theme)
        return f'<FONT POINT-SIZE="{self.small}" COLOR="{red}"><B>! {escaped(flag)}</B></FONT>'

    def claim(self, claim: Claim, size: float, width: int, link: Link | None, badge: str) -> str:
        """Label (bold) and text, wrapped; a premise outside a reason's box opens with its
        connector word in the link's colour, wrapped with the words that follow it."""
        word = self.word_text(link) if link is not None else ""
        head = claim.label or claim.text
        wrapped = list(wrap(f"{word} {head}" if word else head, width))
        bold = bool(claim.label)
        shown = [f"<B>{escaped(line)}</B>" if bold else escaped(line) for line in wrapped]
        if link is not None:
            rest = wrapped[0][len(word) :]
            text = f"<B>{escaped(rest)}</B>" if bold and rest else escaped(rest)
            shown[0] = self.before_text(self.word(link), text)
        parts = [badge, "<BR/>".join(shown)] if badge else ["<BR/>".join(shown)]
        if claim.label and not self.labels_only:
            parts.append("<BR/>".join(escaped(line) for line in wrap(claim.text, width)))
        if self.show_notes and claim.note:
            parts.append(
                "<BR/>".join(
                    f'<FONT POINT-SIZE="{pt(size - 2)}"><I>{escaped(line)}</I></FONT>'
                    for line in wrap(claim.note, width + 4)
                )
            )
        return lines(parts)

    def text_floor(self, claim: Claim, size: float, width: int, link: Link | None) -> float:
        """The box's least width in inches, for text the embedded engine measures short
        (Chinese, Japanese and Korean by a sixth; see draw/fonts.py); 0 for other text."""
        if claim.text.isascii() and (claim.label or "").isascii() and (claim.note or "").isascii():
            return 0.0  # the engine measures ASCII itself
        word = self.word_text(link) if link is not None else ""
        head = claim.label or claim.text
        measured = [
            (line, size * (1.08 if claim.label else 1.0))
            for line in wrap(f"{word} {head}" if word else head, width)
        ]
        if claim.label and not self.labels_only:
            measured += [(line, size) for line in wrap(claim.text, width)]
        if self.show_notes and claim.note:
            measured += [(line, size - 2) for line in wrap(claim.note, width + 4)]
        widest = 0.0
        for line, points in measured:
            ems = line_width_em(line)
            if ems is not None:
                widest = max(widest, ems * points)
        side = float((COMPACT_MARGIN if self.compact else MARGIN).split(",")[0])
        return (widest + 2 * side * 72) / 72 if widest else 0.0

    def before_text(self, word: str, text: str) -> str:
        """The connector word where the language begins a line: the left, or the right in
        Arabic and Hebrew (Graphviz sets a line's pieces left to right in DOT order)."""
        if not word or not self.words.right_to_left:
            return word + text
        return f"{text.strip()} {word}" if text.strip() else word

    def word_text(self, link: Link) -> str:
        """because, for example, but, however: the outline's word, without "(against the
        step)" (an undercutter's line ends on the reason's box, which says as much)."""
        return connector(link, step=False, words=self.words)

    def word(self, link: Link) -> str:
        """The connector word in the link's colour, inside the box it introduces: it takes
        no rank of its own (a connector node did, doubling the height of every chain)."""
        line, _ = self.theme.role_colors(link.tone)
        colour = self.theme.connector_text or line  # `style.colors.connector_text`
        return f'<FONT COLOR="{colour}"><B>{self.word_text(link)}</B></FONT>'

    def caption(self, link: Link, boxed_word: bool) -> str:
        """The caption of a reason's box: its word, its label, its note; or nothing."""
        caption = self.word(link) if boxed_word else ""
        if link.label:
            caption = self.before_text(caption, f" <B>{escaped(link.label)}</B>")
        if self.show_notes and link.note:
            note = "<BR/>".join(escaped(x) for x in wrap(link.note, self.theme.width * 2))
            size = pt(self.theme.font_size - 2)
            caption += f'<BR/><FONT POINT-SIZE="{size}"><I>{note}</I></FONT>'
        return caption.strip()

    def summary(self, link: Link) -> str:
        """A labelled reason as one box (labels-only views): its word and its label."""
        return "<" + self.before_text(self.word(link), f" <B>{escaped(link.label or '')}</B>") + ">"

    def basis(self, basis: Basis) -> str:
        rows = [f"<B>{escaped(self.words.basis(basis.kind))}</B>"]
        if basis.citation:
            rows += [escaped(line) for line in wrap(basis.citation, self.theme.width + 2)]
        return lines(rows)

    def stub(self, hidden: int, where: str | None) -> str:
        """A folded branch: how many claims it hides, and where they continue."""
        see = f"<BR/>{escaped(self.words.see(where))}" if where else ""
        count = f"<B>+{hidden}</B>"
        return "<" + escaped(self.words.more(hidden, _COUNT)).replace(_COUNT, count) + f"{see}>"

    def away(self, first_words: list[str], where: str | None) -> str:
        """A claim on another slide: its first words, and where it is."""
        see = f"<BR/>{escaped(self.words.see(where))}" if where else ""
        return "<" + "<BR/>".join(escaped(line) for line in first_words) + f"{see}>"

    def context(self, text: str) -> str:
        """A claim shown for orientation only: short and wide."""
        return lines([escaped(line) for line in wrap(text, max(self.theme.width + 8, 50))])

    def context_word(self, link: Link) -> str:
        line, _ = self.theme.role_colors(link.tone)
        word = escaped(self.word_text(link))
        return f'<<FONT POINT-SIZE="{self.small}" COLOR="{line}">{word}</FONT>>'

    def crosslink(self, relation: str) -> str:
        """also supports / also opposes, on a patch of the background that lines pass under."""
        verb = self.words["also_supports" if relation == "support" else "also_opposes"]
        return (
            f'<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="1" CELLSPACING="0" '
            f'BGCOLOR="{self.theme.background}"><TR><TD><B>{verb}</B></TD></TR></TABLE>>'
        )

    def legend(self, statuses: bool, crosslinks: bool) -> str:
        """The key: each sign the drawing uses and what it means, in the map's language."""
        theme, words = self.theme, self.words
        right_to_left = words.right_to_left
        points = theme.font_size - 2

        def width(text: str, bold: bool = False) -> str:
            """A cell's least width for text the embedded engine cannot measure (it takes
            a Korean or Arabic letter for a space): Noto's advances, as claim boxes use."""
            if not beyond_engine(text):
                return ""
            return f' WIDTH="{round(estimate_em(text) * points * (1.1 if bold else 1.0)) + 10}"'

        def row(sign: str, meaning: str, signed: str = "") -> str:
            """A sign and what it means, read from where the language begins a line."""
            text = words[meaning]
            align = "RIGHT" if right_to_left else "LEFT"
            said = f'<TD ALIGN="{align}"{width(text)}>{escaped(text)}</TD>'
            sign = sign.replace("<TD", f"<TD{width(signed, bold=True)}", 1) if signed else sign
            return f"<TR>{said}{sign}</TR>" if right_to_left else f"<TR>{sign}{said}</TR>"

        rows = []
        for tone, word, meaning in (
            ("reason", words["because"], "legend_reason"),
            ("objection", words["but"], "legend_objection"),
            ("rebuttal", words["however"], "legend_rebuttal"),
            ("objection", f"{words['but']} / {words['however']}", "legend_step"),
        ):
            color, _ = theme.role_colors(tone)
            sign = f'<TD><FONT COLOR="{color}"><B>{escaped(word)}</B></FONT></TD>'
            rows.append(row(sign, meaning, word))
        double = (
            '<TD><TABLE BORDER="1" CELLBORDER="1" CELLSPACING="2" STYLE="rounded">'
            '<TR><TD STYLE="rounded"> </TD></TR></TABLE></TD>'
        )
        rows.append(row(double, "legend_double"))
        if statuses:
            for status in ("stands", "falls", "contested", "open"):
                sign = f"<TD><B>{escaped(words[status])}</B></TD>"
                rows.append(row(sign, "legend_" + status, words[status]))
        if crosslinks:
            also = escaped(words["also_supports"])
            sign = f'<TD><FONT COLOR="{theme.support}"><B>{also}</B></FONT></TD>'
            rows.append(row(sign, "legend_crosslink", words["also_supports"]))
        rows.append(row("<TD>- - -</TD>", "legend_unstated"))
        basis = f'<TD BGCOLOR="{theme.basis_fill}"><B>{escaped(words["basis"])}</B></TD>'
        rows.append(row(basis, "legend_basis", words["basis"]))
        return (
            f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="4" CELLPADDING="4" '
            f'COLOR="{theme.group_border}" BGCOLOR="{theme.background}">'
            f'<TR><TD COLSPAN="2"{width(words["key"], bold=True)}><B>{escaped(words["key"])}</B>'
            f"</TD></TR>{''.join(rows)}"
            "</TABLE>>"
        )
