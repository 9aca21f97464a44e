"""Importers: each module parses one format and maps it to the canonical record.

They never commit and never touch the search index; ``app.domain.directory`` writes,
the caller commits once (all or nothing), and the index follows the commit.
"""
