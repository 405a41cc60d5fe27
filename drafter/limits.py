"""The limits drafter puts on what it reads, in one place (the README lists them for users).

Self-evaluation reports and their data are small: a report is tens of pages, a data file tens of
kilobytes, an amount at most a few hundred million 万元. Files far beyond that are mistakes or
hostile, and reading them whole would cost minutes and gigabytes; each limit here is far above
any real report and low enough that a file at the limit is still read in about a second.
Every limit has a Chinese message naming it (see the modules that enforce them).
"""

from __future__ import annotations

from decimal import Decimal

__all__ = [
    "MAX_AMOUNT",
    "MAX_CELLS",
    "MAX_DECIMALS",
    "MAX_GRID",
    "MAX_NUMBER_CHARS",
    "MAX_PAGES",
    "MAX_PARAGRAPHS",
    "MAX_ROWS",
    "MAX_SHEET_BYTES",
    "MAX_YAML_BYTES",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "MAX_YAML_SCALAR",
    "MAX_ZIP_MEMBERS",
    "MAX_ZIP_RATIO",
    "MAX_ZIP_UNPACKED",
]

# --- data files (YAML) ---------------------------------------------------------------------------
MAX_YAML_BYTES = 5 * 1024 * 1024  # a data file is tens of kilobytes
MAX_YAML_DEPTH = 64  # the indicator tree is three or four levels deep
MAX_YAML_NODES = 200_000  # values after expanding anchors/aliases (an alias bomb is billions)
MAX_YAML_SCALAR = 200_000  # characters in one text value

# --- numbers ------------------------------------------------------------------------------------
MAX_AMOUNT = Decimal(10) ** 12  # 万元, and also the bound on any score or count in the data
MAX_DECIMALS = 6  # decimal places of a number in the data
MAX_NUMBER_CHARS = 40  # characters of one number as written, before it is converted at all

# --- office files ---------------------------------------------------------------------------------
MAX_ZIP_MEMBERS = 5_000  # parts of one .docx/.xlsx
MAX_ZIP_UNPACKED = 200 * 1024 * 1024  # bytes of all its parts unpacked
MAX_ZIP_RATIO = 200  # unpacked ÷ packed size of one large part (zip bombs reach thousands)
MAX_PARAGRAPHS = 20_000  # paragraphs (and, separately, table rows) of one document
MAX_PAGES = 300  # pages of one PDF
MAX_SHEET_BYTES = 64 * 1024 * 1024  # one worksheet's XML unpacked
MAX_ROWS = 50_000  # rows of one worksheet
MAX_CELLS = 200_000  # cells of one workbook that hold something
MAX_GRID = 2_000_000  # cells of the rectangle a sheet spans (openpyxl walks all of them)
