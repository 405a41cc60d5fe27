"""One Chinese name per column of the batch summary, for every output (text, JSON keys' labels,
HTML, xlsx): the same column is never 分项合计 in one place and 各项合计 in another."""

from __future__ import annotations

__all__ = ["COLUMNS", "SEVERITY_LABELS", "SUMMARY_KEYS"]

#: key (as in the JSON of a report) → column name
COLUMNS: dict[str, str] = {
    "index": "序号",
    "path": "文件",
    "unit": "单位",
    "year": "年度",
    "kind": "类型",
    "stated_total": "自评总分",
    "computed_total": "分项合计",
    "error": "错误",
    "warning": "警告",
    "info": "提示",
    "suppressed": "已忽略",
    "verdict": "结论",
    "reasons": "原因",
    "notes": "备注",
}

#: the summary table's columns, in order, for the text table and the HTML page
SUMMARY_KEYS = (
    "path",
    "unit",
    "year",
    "kind",
    "error",
    "warning",
    "info",
    "suppressed",
    "stated_total",
    "computed_total",
    "verdict",
)

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
