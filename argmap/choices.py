"""The named choices a drawing takes, defined once: the library checks against them and the
command line offers them (click's `Choice`), so the two never disagree."""

THEMES = ("default", "print", "dark")
DIRECTIONS = ("TB", "BT", "LR", "RL")
# Slides by aspect, in points: a 16:9 slide is 13.33 x 7.5 in, a 4:3 one 10 x 7.5 in.
SLIDES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
ENGINES = ("auto", "pure", "dot")
FONTS = ("system", "embed")
PICTURE_FORMATS = ("svg", "png", "pdf", "dot")
DECK_FORMATS = ("svg", "png", "pptx", "html", "md")
DIAGRAM_FORMATS = ("graphml", "drawio", "mermaid")
EXCHANGE_FORMATS = ("aif", "argdown", "kialo")
OUTLINE_FORMATS = ("txt", "md", "html")
REPORT_FORMATS = ("text", "json")
