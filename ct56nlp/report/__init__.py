"""Renderers: a readable terminal view, and the archive scan's JSON, CSV, Excel and HTML reports."""
