// disputed approval page: keyboard work on the queue, filter auto-submit, messages.
// Loaded as a file (the Content-Security-Policy forbids inline script).
(function () {
  "use strict";

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("tr.qrow")); }
  function selected() { return document.querySelector("tr.qrow.selected"); }

  function toast(text) {
    var box = document.getElementById("toast");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { box.hidden = true; }, 4000);
  }

  function select(row, load) {
    if (!row) return;
    rows().forEach(function (r) { r.classList.remove("selected"); r.removeAttribute("aria-selected"); });
    row.classList.add("selected");
    row.setAttribute("aria-selected", "true");
    row.scrollIntoView({ block: "nearest" });
    var preview = document.getElementById("preview");
    if (load !== false && preview && window.htmx && row.dataset.preview) {
      window.htmx.ajax("GET", row.dataset.preview, { target: "#preview", swap: "innerHTML" });
    }
  }

  function move(step) {
    var all = rows();
    if (!all.length) return;
    var index = all.indexOf(selected());
    var next = index < 0 ? 0 : Math.min(all.length - 1, Math.max(0, index + step));
    select(all[next]);
  }

  function approveSelected() {
    var row = selected();
    if (!row) return;
    if (row.dataset.unready) {  // unfinished: the reason, never an approval
      toast(row.dataset.unready);
      return;
    }
    var button = row.querySelector("button.approve");
    if (!button) {
      toast(document.body.dataset.lang === "zh" ? "此草稿不能批准" : "This draft cannot be approved here");
      return;
    }
    button.click();
    move(1);
  }

  function typing(target) {
    return target && target.closest && target.closest("input, textarea, select, button, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (!document.getElementById("queue")) return;
    var row = selected();
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": approveSelected(); break;
      case "e": if (row && row.dataset.edit) window.location.assign(row.dataset.edit); break;
      case "o": case "Enter": if (row && row.dataset.open) window.location.assign(row.dataset.open); break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("tr.qrow");
    if (row && !event.target.closest("a, button, form")) select(row);
  });

  // "Copy text" beside a letter done on the platform: the text goes to the clipboard to paste there.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.copy");
    if (!button) return;
    var source = document.querySelector(button.dataset.copy);
    if (!source) return;
    source.select();
    var zh = document.body.dataset.lang === "zh";
    var done = function () { toast(zh ? "已复制" : "Copied"); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(source.value).then(done, function () { document.execCommand("copy"); done(); });
    else { document.execCommand("copy"); done(); }
  });

  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("select-all")) {  // the cases page's bulk selection
      var all = event.target.form.querySelectorAll("input[type=checkbox][name=case]");
      Array.prototype.forEach.call(all, function (box) { box.checked = event.target.checked; });
      return;
    }
    if (event.target.classList && event.target.classList.contains("autosubmit")) event.target.form.submit();
  });

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var zh = document.body.dataset.lang === "zh";
    if (status === 403) toast(zh ? "没有权限或表单已过期" : "Not allowed, or the form expired: reload the page");
    else if (status === 401) toast(zh ? "请重新登录" : "Please log in again");
    else toast((zh ? "出错了：" : "Something went wrong: ") + status);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var first = rows()[0];
    if (first) select(first);
  });
})();
