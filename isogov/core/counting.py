"""Counting rows under many conditions at once, each row's facts computed once.

`Count("pk", filter=condition)` per figure writes every fact a condition names (an EXISTS, a subquery on the
agency's records) into every count that uses it: fourteen figures over nine facts evaluate each agency's
subqueries two or three times over, on SQLite and on PostgreSQL alike. `grouped_counts` computes the facts once per
row, in an inner query built by the ORM, and counts the conditions over its columns in the outer one:

    SELECT <group>, SUM(CASE WHEN <condition> THEN 1 ELSE 0 END), ... FROM (<rows with their facts>) GROUP BY <group>

The conditions stay the Q objects the rest of the code filters with (a drill-down lists exactly what is counted):
they are compiled against a stand-in queryset whose facts are the inner query's columns, the inner query taking
the model's table name in the outer one, so that a condition on a field of the model reads its column there.
"""
from contextlib import contextmanager

from django.core.exceptions import FullResultSet
from django.db import connections, transaction
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

# Keeps the inner query whole: merged into the outer one (SQLite's flattening, PostgreSQL's pull-up), each fact
# would be computed again in every condition that names it. OFFSET 0 is the fence both planners respect.
FENCE = {"sqlite": " LIMIT -1 OFFSET 0", "postgresql": " OFFSET 0"}


@contextmanager
def no_jit(connection):
    """A cursor for one aggregate query, without PostgreSQL's JIT compilation: the planner prices a row's correlated
    subqueries high enough to compile the query, which took 1.0 s at 2,000 agencies for a query that ran in 0.1 s
    (EXPLAIN ANALYZE). SET LOCAL lasts to the end of the transaction opened for it (none on SQLite, where opening
    one would take the write lock)."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield cursor


def grouped_counts(rows: QuerySet, *, facts: dict, group_by: list[str], conditions: dict[str, Q],
                   fields: tuple[str, ...] = ()) -> list[dict]:
    """[{group field: value, ..., condition name: number of rows}], one per group.

    `rows`: the rows to count (filtered, on one model); `facts`: {name: expression} each row is annotated with;
    `group_by`: fields or fact names to group on; `conditions`: {name: Q over the model's `fields` and the facts}."""
    model = rows.model
    connection = connections[rows.db]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)  # the inner query's alias in the outer one
    columns = [*dict.fromkeys([model._meta.pk.attname, *group_by, *fields, *facts])]
    inner = rows.order_by().annotate(**facts).values(*columns)
    inner_sql, inner_params = inner.query.sql_with_params()
    # Stand-ins: each fact read from the inner query's column of its name.
    standin = model._default_manager.annotate(**{
        name: RawSQL(f"{table}.{quote(name)}", (), output_field=expression.output_field)
        for name, expression in facts.items()})
    sums, params = [], []
    for name, condition in conditions.items():
        query = standin.filter(condition).query
        compiler = query.get_compiler(connection=connection)
        try:
            where, where_params = compiler.compile(query.where)
        except FullResultSet:  # Q(): every row
            where, where_params = "", []
        if len(query.alias_map) > 1:  # a join would read the real table, not the inner query's rows
            raise ValueError(f"the condition {name!r} names a related field: make it a fact")
        sums.append(f"SUM(CASE WHEN {where or '1 = 1'} THEN 1 ELSE 0 END)")
        params.extend(where_params)
    groups = ", ".join(f"{table}.{quote(g)}" for g in group_by)
    sql = f"SELECT {groups}, {', '.join(sums)} FROM ({inner_sql}{FENCE[connection.vendor]}) {table} GROUP BY {groups}"
    with no_jit(connection) as cursor:
        cursor.execute(sql, (*params, *inner_params))  # the conditions' placeholders come first, in the SELECT
        found = cursor.fetchall()
    names = [*group_by, *conditions]
    return [dict(zip(names, (*row[:len(group_by)], *(int(n or 0) for n in row[len(group_by):])))) for row in found]
