"""Index types the plain `models.Index` cannot express the same way on every database."""

from django.db import models
from django.db.models.expressions import ExpressionList, Func
from django.db.models.functions import Cast, Collate, Upper
from django.db.models.sql import Query


class PrefixSearchIndex(models.Index):
    """A case-insensitive prefix index on one text column, serving `field__istartswith`.

    Django writes `istartswith` as `UPPER("col"::text) LIKE UPPER(%s)` on PostgreSQL and as
    `"col" LIKE %s ESCAPE '\\'` (case-insensitive) on SQLite, and a plain index helps neither:
    PostgreSQL needs an index on that same expression with `text_pattern_ops` (LIKE compares
    bytes, not the database collation); SQLite uses an index for LIKE only when the column is
    indexed with the NOCASE collation. This index creates whichever the database in use needs,
    so the search becomes an index range scan on both, with the query left as it is.

    On PostgreSQL the index can also hold whole columns (`cover`, field names; the indexed
    column is added to them) so that a query reading only those is answered from the index
    alone: an index-only scan, no visit to each matching row (PostgreSQL needs the indexed
    expression's own column among them to see that it can). SQLite builds the index without.
    """

    def __init__(self, *, field: str, name: str, cover: tuple = ()):
        super().__init__(fields=[field], name=name)
        self.cover = tuple(cover)

    def deconstruct(self):
        path, _args, _kwargs = super().deconstruct()
        kwargs = {"field": self.fields[0], "name": self.name}
        if self.cover:
            kwargs["cover"] = self.cover
        return path, (), kwargs

    def create_sql(self, model, schema_editor, using="", **kwargs):
        column = models.F(self.fields[0])
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql" and self.cover:
            names = dict.fromkeys([self.fields[0], *self.cover])
            kwargs["include"] = [model._meta.get_field(name).column for name in names]
        if vendor == "postgresql":
            # (UPPER("col"::text)) text_pattern_ops: the operator class goes outside the
            # parenthesised expression, which models.Index(OpClass(...)) only writes when
            # django.contrib.postgres is installed.
            upper = Upper(Cast(column, models.TextField()))
            expression = Func(upper, template="(%(expressions)s) text_pattern_ops")
        elif vendor == "sqlite":
            expression = Collate(column, "NOCASE")
        else:
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        expressions = ExpressionList(expression).resolve_expression(Query(model, alias_cols=False))
        return schema_editor._create_index_sql(
            model, name=self.name, using=using, expressions=expressions, **kwargs
        )


class TrigramSearchIndex(models.Index):
    """A trigram index on one text column for the patient search, on PostgreSQL only.

    Django writes `icontains`/`istartswith` as `UPPER("col"::text) LIKE UPPER(%s)` on
    PostgreSQL. A LIKE with a leading wildcard (an email searched by any part of it) cannot use
    the prefix index above; a GIN index with the pg_trgm operator class on the same expression
    serves it, and any other substring search. The index's SQL creates the extension first
    (`IF NOT EXISTS`, so databases built from the models, as the test runner does, get it too).
    SQLite has no trigram indexes: there the index is an empty statement and its prefix index
    keeps serving the search, unchanged.
    """

    def __init__(self, *, field: str, name: str):
        super().__init__(fields=[field], name=name)

    def deconstruct(self):
        path, _args, _kwargs = super().deconstruct()
        return path, (), {"field": self.fields[0], "name": self.name}

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        upper = Upper(Cast(models.F(self.fields[0]), models.TextField()))
        expression = Func(upper, template="(%(expressions)s) gin_trgm_ops")
        expressions = ExpressionList(expression).resolve_expression(Query(model, alias_cols=False))
        statement = schema_editor._create_index_sql(
            model, name=self.name, using=" USING gin", expressions=expressions, **kwargs
        )
        statement.template = "CREATE EXTENSION IF NOT EXISTS pg_trgm; " + statement.template
        return statement

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().remove_sql(model, schema_editor, **kwargs)
