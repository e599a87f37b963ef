"""SMR Atlas: the site's data layer, importable and testable without MkDocs.

Data flows one way: load (YAML → documents with line numbers) → validate (schema and
cross-references → records) → render (records → Markdown through templates/). Only
``hooks/atlas_hooks.py`` knows MkDocs.
"""
