"""Simulating two requests that pass a service's "is it free?" check together.

On PostgreSQL the loser's insert waits for the winner's commit and then violates the unique constraint.
`row_appears_after_check` reproduces that in one test, on any database: right after the service has
read the table filtering on every column of the constraint (its check), the competing row is written on
the same connection, outside the service's savepoint, as the winner's committed row would be.
"""
from contextlib import contextmanager

from django.db import connection


def _is_check(sql: str, table: str, columns: frozenset[str]) -> bool:
    qn = connection.ops.quote_name
    head, _where, condition = sql.partition(" WHERE ")
    return (sql.lstrip().upper().startswith("SELECT") and f"FROM {qn(table)}" in head
            and all(qn(column) in condition for column in columns))


@contextmanager
def row_appears_after_check(model, rule: str, competitor):
    """While in the block, the first check on `model` filtering on the columns of unique `rule` is followed
    by `competitor()`, which writes the competing row. The block fails if the service never checked."""
    from isogov.core.db import unique_rules

    columns = unique_rules(model)[rule]
    state = {"busy": False, "done": False}

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not state["done"] and not state["busy"] and _is_check(sql, model._meta.db_table, columns):
            state["busy"] = True
            try:
                competitor()
            finally:
                state["busy"], state["done"] = False, True
        return result

    with connection.execute_wrapper(wrapper):
        yield state
    assert state["done"], f"the service never checked {model.__name__} on {sorted(columns)}"
