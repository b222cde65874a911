"""stdsite: compile Chongqing government-affairs standards (standards_src/) into a MkDocs site.

The folders show the flow, and imports run one way only (tests/unit/test_layers.py checks it):
load → validate → derive → render → output, driven by pipeline.py from cli/ (build.py) and
mkdocs/ (the plugin); errors, text, urls and model sit underneath everything.
"""
