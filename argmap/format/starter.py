"""The commented starter map that `argmap new` writes."""

from __future__ import annotations

import json

STARTER = """\
# yaml-language-server: $schema={schema}
# An argument map: one thesis, the reasons for it and the objections to it.
# Check it with `argmap check {name}`, draw it with `argmap render {name}`.
title: {title}
description: What this map shows, in one sentence.
authors: [Your Name]
language: en
# source:                       # the text you analyse; quotes are checked against it
#   title: The article
#   text: article.txt           # a path relative to this file

thesis:
  id: thesis
  text: The main claim the argument sets out to establish.
  reasons:                      # "because"
    - label: First reason       # a reason of two co-premises that work together
      premises:
        - text: A premise that is stated in the text.
        - text: A premise the author takes for granted.
          implicit: true        # drawn with a dashed border
      undercutters:             # objections to the step from premises to thesis
        - text: Why these premises might not lead to the thesis.
  objections:                   # "but"
    - text: A consideration against the thesis.
      basis:
        kind: example           # quote, statistic, expert, publication, example, ...
        citation: Where the example comes from.
      rebuttals:                # "however"
        - text: An answer to that objection.
"""


def starter_map(title: str, name: str, schema: str) -> str:
    return STARTER.format(title=json.dumps(title, ensure_ascii=False), name=name, schema=schema)
