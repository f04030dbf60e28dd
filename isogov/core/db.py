"""The race between a service's "is this code free?" check and its insert.

Two requests can both pass the check; on PostgreSQL the second insert then waits for the first to commit
and fails with an IntegrityError, which would be a 500. Services run the write inside `unique_errors`,
which turns the violation of a unique rule the user can hit into the same ValidationError({field: message})
that the check gives, and lets every other database error through unchanged.
"""
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, models, router, transaction

# A message, or a function giving it: the second form can look up the row that won the race.
Message = str | Callable[[], str]

# SQLite names the columns ("UNIQUE constraint failed: t.a, t.b"), or the index when it has an expression.
_SQLITE = re.compile(r"UNIQUE constraint failed: (?:index '(?P<index>[^']+)'|(?P<columns>.+))$")


def unique_rules(model: type[models.Model]) -> dict[str, frozenset[str] | None]:
    """Every unique rule of a model, by name, with its columns (None for a rule on expressions).

    A rule is a UniqueConstraint, named as in Meta.constraints, or a unique field (OneToOneField included),
    named as the field. The primary key is not a rule a user can hit.
    """
    meta = model._meta
    rules: dict[str, frozenset[str] | None] = {}
    for field in meta.local_fields:
        if field.unique and not field.primary_key:
            rules[field.name] = frozenset({field.column})
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            rules[constraint.name] = (frozenset(meta.get_field(name).column for name in constraint.fields)
                                      if constraint.fields else None)
    for fields in meta.unique_together:
        rules["unique_together:" + ",".join(fields)] = frozenset(meta.get_field(name).column for name in fields)
    return rules


def _columns_of_constraint(using: str, table: str, name: str) -> frozenset[str] | None:
    """The columns of a database constraint or unique index, read from the catalogue."""
    connection = connections[using]
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table).get(name)
    return frozenset(found["columns"]) if found and found.get("unique") and found.get("columns") else None


def violated_rules(exc: IntegrityError, model: type[models.Model], using: str = "default") -> list[str]:
    """The names of the model's unique rules that exc reports as violated: none for any other error.

    Several names when SQLite cannot tell two partial unique indexes on the same columns apart.
    Call it outside the failed transaction or savepoint: on PostgreSQL it may read the catalogue.
    """
    rules = unique_rules(model)
    table = model._meta.db_table
    diag = getattr(exc.__cause__, "diag", None)
    if diag is not None:  # psycopg: PostgreSQL names the table and the constraint or unique index.
        if diag.sqlstate != "23505" or diag.table_name != table:
            return []
        name = diag.constraint_name or ""
        if name in rules:
            return [name]
        # A unique field's constraint carries a name PostgreSQL or Django made up: compare the columns.
        columns = _columns_of_constraint(using, table, name)
    else:
        match = _SQLITE.match(str(exc))
        if match is None:
            return []
        if match["index"]:
            return [match["index"]] if match["index"] in rules else []
        pairs = [part.strip().rpartition(".") for part in match["columns"].split(",")]
        if any(owner != table for owner, _dot, _column in pairs):
            return []
        columns = frozenset(column for _owner, _dot, column in pairs)
    if columns is None:
        return []
    return [name for name, rule_columns in rules.items() if rule_columns == columns]


@contextmanager
def unique_errors(model: type[models.Model], errors: Mapping[str, tuple[str, Message]]) -> Iterator[None]:
    """Run the write of a `model` row in a savepoint; a violated unique rule becomes ValidationError.

    `errors` maps a rule's name (see unique_rules) to the form field and the message the service's own
    check gives for it. The savepoint keeps the surrounding transaction usable on PostgreSQL, so a
    message given as a function may query (e.g. for the row that was written first).
    """
    known = unique_rules(model)
    unknown = set(errors) - set(known)
    if unknown:
        raise ValueError(f"{model.__name__} has no unique rule {sorted(unknown)}; it has {sorted(known)}")
    using = router.db_for_write(model)
    try:
        with transaction.atomic(using=using):
            yield
    except IntegrityError as exc:
        for name in violated_rules(exc, model, using):
            if name in errors:
                field, message = errors[name]
                raise ValidationError({field: [message() if callable(message) else message]}) from exc
        raise


def lock(obj: models.Model) -> None:
    """Hold obj's row until the transaction ends, so that checks no constraint backs run one at a time.

    A rule checked in Python only (one planned review per agency, an objective's title per year, a document
    code whatever its case) holds under concurrent requests only if the check and the write are serialized.
    Lock the row the rule belongs to before checking. SQLite's IMMEDIATE transactions run one at a time
    anyway. Lock in the order parent, then child, as the services do, so that two requests never wait for
    each other.
    """
    type(obj)._default_manager.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True).first()


def lock_value(kind: str, value: str, using: str = "default") -> None:
    """Like lock, for a value that has no row yet (a new username, whatever its case), until the transaction ends.

    PostgreSQL: a transaction-scoped advisory lock on a hash of kind and value (two different values
    may share a hash and then wait for each other, which is harmless). SQLite: nothing to do.
    Take it before any row lock of the transaction: a request holding a row and waiting here while the
    holder of this lock waits for that row would be a deadlock.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"{kind}\x1f{value}"])

