"""Drawing: a checked map in, a picture out (DOT, SVG, PNG, PDF).

views (which part of the tree one picture shows) → plan (which boxes, clusters and lines,
as plain data) → labels (the words and markup inside them, measured) → graph and
crosslines (each kind of box and line, written through dot, the one DOT writer: the seam)
→ engine (Graphviz as a child process) → svg and crosslabels (post-processing for slides
and the web). render runs them all, fit chooses the wrap width for a slide, diagram wraps
the result for notebooks. Imports the format, never presenting or the CLI.
"""
