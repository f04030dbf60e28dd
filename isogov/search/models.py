"""The search index: one row per object found by the search box, kept current by the areas' signals (sources.py)."""
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """What the search box finds of one object: its folded words, where it lives and whose agency it is.

    The text is stored folded (core.text.fold: no case, no diacritics, đ as d) so that "ket hon" and "kết hôn"
    meet on both engines. The engines' own indexes are built by the database from these columns (migration
    0002): an FTS5 table kept by triggers on SQLite, the `vector` column kept by a trigger on PostgreSQL.
    """

    kind = models.CharField(max_length=32)
    object_id = models.PositiveBigIntegerField()
    # The agency whose readers may see the row; empty for the province's own objects (procedures, plans), whose
    # source says who reads them.
    agency = models.ForeignKey("registry.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=500)
    title_folded = models.CharField(max_length=600)
    body_folded = models.TextField(blank=True)
    # What the body was read from (a document's file version), so that an unchanged file is not read again.
    body_key = models.CharField(max_length=64, blank=True)
    url = models.CharField(max_length=300)
    # Filled by the database on PostgreSQL only (trigger of migration 0002); empty on SQLite. The title's own
    # small vector finds and ranks title hits without reading the long body's.
    vector = SearchVectorField(null=True, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")]
        indexes = [models.Index(fields=["agency", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
