"""The MkDocs side: the plugin that adds our pages to a Material site."""
