"""Presentation: formatted values, claims and registers, charts, the notebook's cards, HTML and PDF."""
