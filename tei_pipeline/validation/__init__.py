"""Validation against any schema: the kinds of schema a TEI project may name
(RELAX NG, XSD, ISO Schematron), the xml-model processing instructions that
name them, and the checkers that run them.

Input: TEI files and schema files (given with `validate --schema`, or named by
the files' own xml-model PIs). Output: `tei.validate.Problem`s with lines and
columns, which `checks.schema` turns into diagnostics.
"""
