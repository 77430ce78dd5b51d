"""The chronology in and out of spreadsheets: CSV or TSV import with a preview, CSV export.

For a front end, importing is four calls, and nothing changes until the last::

    table = read_table(path, catalogue)                   # UserError if unreadable
    mapping = map_columns(table.headers, catalogue, overrides)
    found = preview(table, mapping, session.review, catalogue)
    # show mapping.describe(catalogue), found.entries, found.problems,
    # found.duplicates and found.notes; on confirmation:
    added = apply(found, session)                          # then save as usual

``field_choices`` lists where a column can go (for asking the author), and
``chronology_csv``/``write_chronology_csv`` export.
"""

from __future__ import annotations

from imr_tui.chronology.csvout import (
    chronology_csv,
    date_cell,
    protect,
    table_csv,
    unprotect,
    write_chronology_csv,
)
from imr_tui.chronology.importing import (
    ImportPreview,
    apply,
    entry_key,
    preview,
)
from imr_tui.chronology.mapping import (
    COLUMNS_FILE,
    SKIP,
    ColumnMapping,
    Synonyms,
    column_name,
    columns_path_for,
    field_choices,
    field_title,
    load_synonyms,
    map_columns,
    normalise,
    resolve_field,
)
from imr_tui.chronology.rows import Duplicate, Problem
from imr_tui.chronology.table import Row, Table, parse_table, read_table

__all__ = [
    "COLUMNS_FILE",
    "SKIP",
    "ColumnMapping",
    "Duplicate",
    "ImportPreview",
    "Problem",
    "Row",
    "Synonyms",
    "Table",
    "apply",
    "chronology_csv",
    "column_name",
    "columns_path_for",
    "date_cell",
    "entry_key",
    "field_choices",
    "field_title",
    "load_synonyms",
    "map_columns",
    "normalise",
    "parse_table",
    "preview",
    "protect",
    "read_table",
    "resolve_field",
    "table_csv",
    "unprotect",
    "write_chronology_csv",
]
