"""Drawing: a checked map in, a picture out (DOT, SVG, PNG, PDF).

graph (map → DOT, the seam) → engine (Graphviz as a child process) → svg (post-processing
for slides and the web); render runs the three, diagram wraps the result for notebooks.
Imports the format, never presenting or the CLI.
"""
