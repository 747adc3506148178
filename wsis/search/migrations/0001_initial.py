from django.db import migrations, models

from wsis.search.migrations import _fts5

# 0001 as first applied (detail='column'); 0002 rebuilds it with detail='full'.
SQLITE = _fts5.create("column")
SQLITE_REVERSE = _fts5.drop()
POSTGRESQL = [
    """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_terms), 'A') ||
        setweight(to_tsvector('simple', body_terms), 'B')) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True
    dependencies = [("stocktaking", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("initiative", models.OneToOneField(on_delete=models.deletion.CASCADE, primary_key=True,
                                                    related_name="search_document", serialize=False,
                                                    to="stocktaking.initiative")),
                ("title_terms", models.TextField()),
                ("body_terms", models.TextField()),
            ],
        ),
        migrations.CreateModel(
            name="FullTextIndex",
            fields=[
                ("initiative", models.OneToOneField(db_column="rowid", on_delete=models.deletion.DO_NOTHING,
                                                    primary_key=True, related_name="fulltext",
                                                    serialize=False, to="stocktaking.initiative")),
            ],
            options={"db_table": "search_fts", "managed": False},
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
