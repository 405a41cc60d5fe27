"""Office formats out: the Excel 自评表 template, the reviewed Word copy, the HTML review page, YAML.

Reading a workbook is :mod:`drafter.read.xlsx`, importing one :mod:`drafter.data.xlsx_import`; a
drafted report's 公文-styled Word is :mod:`drafter.draft.gongwen`.

Submodules import python-docx/openpyxl; import them where needed (the CLI does so inside its
command functions) so that ``drafter`` starts fast.
"""
