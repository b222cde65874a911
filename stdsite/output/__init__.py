"""Stage 5, output: every file written — cache, Graphviz, exports, posters, search index, bundle,
and the link check of the finished site."""
