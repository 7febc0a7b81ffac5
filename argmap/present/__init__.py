"""Presenting: pictures in, what people look at out — steps, slide fit, galleries, live re-renders.

Builds on drawing (and assessing); never imports the CLI.
"""
