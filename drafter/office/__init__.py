"""Office formats: Excel 自评表 import and template, 公文-styled Word, reviewed Word, HTML review.

Submodules import python-docx/openpyxl; import them where needed (the CLI does so inside its
command functions) so that ``drafter`` starts fast.
"""
