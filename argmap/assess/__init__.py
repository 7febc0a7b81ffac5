"""Assessing: a checked map in, findings about it out — teaching rules (lint).

Builds on the format only; drawing and presenting may show what it finds.
"""
