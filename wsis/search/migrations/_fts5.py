"""The SQLite FTS5 table over `search_searchdocument` and the triggers that keep it in step."""


def create(detail: str) -> list[str]:
    return [
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            title_terms, body_terms, content='search_searchdocument', content_rowid='initiative_id',
            tokenize='unicode61 remove_diacritics 0', detail='{detail}')""",
        """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
            INSERT INTO search_fts(rowid, title_terms, body_terms)
            VALUES (new.initiative_id, new.title_terms, new.body_terms); END""",
        """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
            INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
            VALUES ('delete', old.initiative_id, old.title_terms, old.body_terms); END""",
        """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
            INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
            VALUES ('delete', old.initiative_id, old.title_terms, old.body_terms);
            INSERT INTO search_fts(rowid, title_terms, body_terms)
            VALUES (new.initiative_id, new.title_terms, new.body_terms); END""",
    ]


def drop() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS search_fts_insert",
        "DROP TRIGGER IF EXISTS search_fts_delete",
        "DROP TRIGGER IF EXISTS search_fts_update",
        "DROP TABLE IF EXISTS search_fts",
    ]
