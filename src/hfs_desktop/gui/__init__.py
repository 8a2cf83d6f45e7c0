"""The desktop window (PySide6): the only package that imports Qt.

A thin face over the core: it asks `hfs_desktop.pack`, `graph`, `render` and `search` for
every medical fact and only arranges what they answer.
"""
