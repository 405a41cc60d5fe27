// drafter serve: a little script for the pages (no build step, no inline script: the page's
// Content-Security-Policy allows scripts from this server only). The pages work without it;
// it adds live progress for a running batch, sortable tables and copy buttons.
"use strict";

function sortTable(table, th) {
  const key = th.dataset.key;
  const numeric = th.dataset.type === "num";
  const asc = !th.classList.contains("asc");
  table.querySelectorAll("th").forEach((h) => h.classList.remove("asc", "desc"));
  th.classList.add(asc ? "asc" : "desc");
  applySort(table, key, numeric, asc);
}

function applySort(table, key, numeric, asc) {
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const value = (row) => row.dataset[key] || "";
  rows.sort((a, b) => {
    let x = value(a), y = value(b), c;
    if (numeric) {
      const nx = x === "" ? Infinity : parseFloat(x), ny = y === "" ? Infinity : parseFloat(y);
      c = nx - ny;
    } else {
      c = x.localeCompare(y, "zh-CN");
    }
    return asc ? c : -c;
  });
  rows.forEach((r) => body.appendChild(r));
}

function resort(table) {
  const th = table.querySelector("th.asc, th.desc");
  if (th) applySort(table, th.dataset.key, th.dataset.type === "num", th.classList.contains("asc"));
}

function setupSorting() {
  document.querySelectorAll("table.sortable").forEach((table) => {
    table.querySelectorAll("th[data-key]").forEach((th) => {
      th.addEventListener("click", () => sortTable(table, th));
    });
  });
}

function pollBatch() {
  const box = document.getElementById("batch");
  if (!box || box.dataset.running !== "1") return;
  const job = box.dataset.job;
  const bar = document.getElementById("progress");
  const text = document.getElementById("progress-text");
  let shown = -1;
  const tick = async () => {
    let status;
    try {
      const r = await fetch(`/review/${job}/status`, { credentials: "same-origin" });
      if (!r.ok) throw new Error(String(r.status));
      status = await r.json();
    } catch (e) {
      text.textContent = "与服务器的连接中断，正在重试……";
      setTimeout(tick, 3000);
      return;
    }
    bar.max = status.total;
    bar.value = status.done;
    text.textContent = `正在检查：${status.done} / ${status.total}`;
    if (status.done !== shown) {
      shown = status.done;
      const r = await fetch(`/review/${job}/rows`, { credentials: "same-origin" });
      if (r.ok) {
        const table = document.getElementById("summary");
        // The fragment is rendered (and escaped) by the server from the same templates.
        table.tBodies[0].innerHTML = await r.text();
        resort(table);
      }
      const c = status.counts;
      document.getElementById("counts").textContent =
        `共 ${status.total} 份：通过 ${c["通过"]}，退回修改 ${c["退回修改"]}，未能审核 ${c["未能审核"]}` +
        (status.running ? `，还有 ${status.total - status.done} 份在检查。` : "。");
    }
    if (status.running) {
      setTimeout(tick, 700);
    } else {
      // Done: the server's page has the whole summary (the batch's year, copies, downloads).
      window.location.reload();
    }
  };
  tick();
}

function tableText(table) {
  return Array.from(table.rows)
    .map((row) => Array.from(row.cells).map((c) => c.innerText.replace(/\s+/g, " ").trim()).join("\t"))
    .join("\n");
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  document.body.appendChild(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

function setupCopy() {
  document.querySelectorAll("button.copy").forEach((button) => {
    button.addEventListener("click", async () => {
      const target = document.getElementById(button.dataset.copy);
      if (!target) return;
      const text = button.dataset.format === "tsv" ? tableText(target) : target.innerText;
      try {
        await copyText(text);
        button.textContent = "已复制";
      } catch (e) {
        button.textContent = "复制失败，请手动选择";
      }
      setTimeout(() => { button.textContent = button.dataset.format === "tsv" ? "复制表格" : "复制"; }, 2000);
    });
  });
}

function setupForms() {
  document.querySelectorAll("form.upload").forEach((form) => {
    const button = form.querySelector("button[type=submit]");
    if (!button) return;
    const label = button.textContent;
    form.addEventListener("submit", () => {
      button.disabled = true;
      button.textContent = "正在上传……";
    });
    // Back from the result page (the browser's page cache): the form is usable again.
    window.addEventListener("pageshow", () => {
      button.disabled = false;
      button.textContent = label;
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupSorting();
  setupCopy();
  setupForms();
  pollBatch();
  if (!document.getElementById("batch") || document.getElementById("batch").dataset.running !== "1") {
    document.body.dataset.done = "1";
  }
});
