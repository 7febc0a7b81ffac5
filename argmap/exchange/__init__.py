"""Exchange: argmap maps to and from other formats (AIF JSON, Argdown).

In: Argdown text or AIF JSON, read into one neutral graph (`neutral.py`) of statements and
inferences, then cut into maps of one thesis each (`cutting.py`) and written as YAML a person
would write (`yamlwrite.py`). Out: a checked map (its `MapTree`) written as AIF or Argdown.
Builds on the format only; draws nothing.
"""
