"""tei-pipeline: plain texts to validated TEI P5, and TEI to HTML and EPUB editions."""

__version__ = "0.1.0"
