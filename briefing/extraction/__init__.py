"""Extraction: figures, dates, entities, relations and unknowns from a document's sentences, into tables."""
