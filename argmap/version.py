"""The version of argmap: a leaf, so any stage can name it without importing the API."""

__version__ = "0.1.0"
