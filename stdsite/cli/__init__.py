"""The command line: `build.py` (main), the site build and preview, publish, and `new` files."""
