"""Table schemas of dateline's output: declared once here, used by every writer and reader."""
from schemas.tables import (
    ACTORS,
    ARTICLES,
    ERRORS,
    MENTIONS,
    STATEMENTS,
    TABLES,
    Table,
    partition_of,
)

__all__ = ["ACTORS", "ARTICLES", "ERRORS", "MENTIONS", "STATEMENTS", "TABLES", "Table",
           "partition_of"]
