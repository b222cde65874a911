"""Stage 4, render: pure functions from the catalog to page Markdown and HTML fragments (no file
writes, no subprocesses: diagrams and QR codes arrive in the RenderContext)."""
