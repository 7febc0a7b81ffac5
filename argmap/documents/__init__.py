"""Maps where people write: Markdown and MkDocs, Sphinx and MyST, pandoc and Quarto, Jupyter.

Each integration is an extra (`argmap[mkdocs]`, `argmap[sphinx]`, …) and builds on
`argmap.present.figure`; none is imported on the command line's start path.
"""
