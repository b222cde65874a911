"""stdsite: compile Chongqing government-affairs standards (standards_src/) into a MkDocs site.

Data flows one way: sources -> load (yamlio, sources) -> validate into the model -> catalog
(derived facts) -> render (pages, diagrams) -> MkDocs plugin -> site/, exports, bundle.
"""
