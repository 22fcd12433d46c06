"""Render the table schemas as Markdown for the README: `python -m schemas.docs`."""
from __future__ import annotations

from schemas.tables import TABLES

BEGIN, END = "<!-- schemas:begin -->", "<!-- schemas:end -->"


def schema_markdown() -> str:
    """One Markdown table per output table, from the pyarrow schemas and their field docs."""
    parts = []
    for table in TABLES.values():
        where = f"`{table.name}/date=YYYY-MM-DD/`" if table.partition_by else f"`{table.name}/`"
        parts.append(f"#### `{table.name}`: {table.doc} Files under {where}; key "
                     f"`{', '.join(table.key)}`.\n")
        parts.append("| column | type | null | meaning |\n|---|---|---|---|")
        for field in table.schema:
            doc = (field.metadata or {}).get(b"doc", b"").decode()
            parts.append(f"| `{field.name}` | {field.type} | {'yes' if field.nullable else 'no'} "
                         f"| {doc} |")
        parts.append("")
    return "\n".join(parts).strip() + "\n"


def readme_with_schemas(readme: str) -> str:
    """The README text with the block between the schema markers regenerated."""
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{schema_markdown()}{END}{tail}"


if __name__ == "__main__":
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "README.md"
    path.write_text(readme_with_schemas(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {path}")
