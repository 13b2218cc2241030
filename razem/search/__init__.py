"""Site search: a Polish-aware index of every public live page.

`text` normalises and stems Polish words, `indexing` keeps the `SearchEntry` table in
step with the page tree, `query` finds and ranks entries and highlights excerpts.
The same plain SQL (LIKE on normalised stems) runs on SQLite and PostgreSQL, so the
results do not depend on which database has which stemmer installed.
"""
