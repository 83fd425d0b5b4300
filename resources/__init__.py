"""Lectern's package data: sample articles, the tag scheme, gazetteers and word lists."""
