"""The library: every article kept, its versions, full-text search and passages across
articles. Use cases written once for the window and the command line; all SQL stays in
``lectern.core.store`` (``store.library``)."""
