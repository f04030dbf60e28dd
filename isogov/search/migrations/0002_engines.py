"""Each database's own full-text index over search_searchentry, created on that database only.

SQLite: an FTS5 table over the entry's folded title and body (external content, kept by triggers, so that every
write of the ORM, bulk_create included, reaches it). PostgreSQL: the `unaccent` extension, a trigger that fills
`vector` (title weighted A, body B) and `title_vector`, and a GIN index on each.
"""
from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_folded, body_folded, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, title_folded, body_folded) VALUES (new.id, new.title_folded, new.body_folded); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_folded, body_folded) "
    "VALUES ('delete', old.id, old.title_folded, old.body_folded); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_folded, body_folded) "
    "VALUES ('delete', old.id, old.title_folded, old.body_folded); "
    "INSERT INTO search_fts(rowid, title_folded, body_folded) VALUES (new.id, new.title_folded, new.body_folded); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_update", "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert", "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """CREATE FUNCTION search_entry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.vector := setweight(to_tsvector('simple', unaccent(coalesce(NEW.title_folded, ''))), 'A')
             || setweight(to_tsvector('simple', unaccent(coalesce(NEW.body_folded, ''))), 'B');
  NEW.title_vector := to_tsvector('simple', unaccent(coalesce(NEW.title_folded, '')));
  RETURN NEW;
END $$""",
    "CREATE TRIGGER search_entry_vector BEFORE INSERT OR UPDATE OF title_folded, body_folded "
    "ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_entry_vector()",
    "UPDATE search_searchentry SET title_folded = title_folded",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (vector)",
    "CREATE INDEX search_entry_title_vector_gin ON search_searchentry USING gin (title_vector)",
]
POSTGRESQL_DOWN = [
    "DROP INDEX IF EXISTS search_entry_vector_gin", "DROP INDEX IF EXISTS search_entry_title_vector_gin",
    "DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_vector()",
]  # the extension stays: others may use it


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_UP, "postgresql": POSTGRESQL_UP}),
                             _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRESQL_DOWN})),
    ]
