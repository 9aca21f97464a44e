"""Tests of the search engine package (no Flask)."""
