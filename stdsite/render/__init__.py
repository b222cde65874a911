"""Renderers: pure functions from the catalog to page Markdown/HTML fragments and exports."""
