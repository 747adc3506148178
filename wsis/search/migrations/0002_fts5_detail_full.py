"""Rebuild the SQLite FTS5 index with detail='full'.

With detail='column' bm25 cannot count a term's occurrences from the index and reads every
matching document back from the content table: ranking 6,000 matches took about 220 ms. With
the positions stored it takes about 10 ms (bench/search.py, 100,000 initiatives).
"""

from django.db import migrations

from wsis.search.migrations import _fts5


def rebuild(detail):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in _fts5.drop():
            schema_editor.execute(statement)
        for statement in _fts5.create(detail):
            schema_editor.execute(statement)
        schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(rebuild("full"), rebuild("column"))]
