"use strict";
// The phone page: lists the inspection's items with a camera button each, uploads photos one
// at a time (each with its own state), and in mystery mode sets the visit facts and notes.
// Every call carries the session token from this page's own address (?t=...).
(function () {
  const T = {
    zh: {
      items: "检查项目", visit: "暗访记录", ticket: "排队号", customers_waiting: "等候人数",
      scenario: "检测场景", notes: "暗访笔记", save: "保存", now: "现在",
      arrival: "到达时间", wait_started: "开始等候", wait_called: "叫号时间", departure: "离开时间",
      only_needed: "只看仍需照片的项目", take: "拍照 / 选照片", need: "仍需照片",
      photos: "照片 {n} 张", no_answer: "未作答", uploading: "上传中…", stored: "已保存",
      refused: "未保存：", already: "已在本检查中", saved: "已保存", saving: "保存中…",
      unsaved: "未保存", conflict: "电脑上已修改笔记；请核对后再保存（你的文字仍在此处）",
      ended: "会话已结束或二维码已失效：请在电脑上重新扫描二维码。",
      finalized: "该检查已定稿，手机不能再添加内容。", offline: "无法连接电脑：请确认手机与电脑在同一网络。",
      none: "—", scenario_none: "（未选择）", lang: "EN",
      foot: "照片原图保存在电脑上；本页面不显示评分。", all_done: "全部项目已有所需照片。",
    },
    en: {
      items: "Checklist items", visit: "Visit facts", ticket: "Ticket number",
      customers_waiting: "Customers waiting", scenario: "Scenario", notes: "Visit notes",
      save: "Save", now: "Now", arrival: "Arrival", wait_started: "Wait started",
      wait_called: "Called", departure: "Departure", only_needed: "Only items still needing a photo",
      take: "Take / choose photos", need: "Photo needed", photos: "{n} photo(s)",
      no_answer: "Not answered", uploading: "Uploading…", stored: "Stored", refused: "Refused: ",
      already: "Already in this inspection", saved: "Saved", saving: "Saving…", unsaved: "Not saved",
      conflict: "The notes were changed on the laptop; check them and save again (your text is kept here)",
      ended: "This session has ended or the QR code is no longer valid: scan the code on the laptop again.",
      finalized: "This inspection is finalized; the phone cannot add to it.",
      offline: "Cannot reach the laptop: is the phone on the same network?",
      none: "—", scenario_none: "(none chosen)", lang: "中文",
      foot: "Original photos stay on the laptop; this page shows no scores.",
      all_done: "Every item has the photos it needs.",
    },
  };
  const TIMES = ["arrival", "wait_started", "wait_called", "departure"];
  const params = new URLSearchParams(location.search);
  const token = params.get("t") || "";
  let lang = params.get("lang") || localStorage.getItem("inspector-phone-lang") ||
    (document.documentElement.lang.startsWith("en") ? "en" : "zh");
  if (lang !== "zh" && lang !== "en") lang = "zh";
  let state = null;
  let dead = false;
  let notesBase = "";
  const uploads = {}; // item id -> [{name, url, status, reason}]
  const queue = [];
  let busy = false;
  const $ = (id) => document.getElementById(id);
  const tr = (k, n) => (T[lang][k] || k).replace("{n}", n);
  const pick = (t) => (t ? t[lang] || t.zh : "");
  // A refusal from the laptop in the page's language (error_text), else its English.
  const said = (body) => pick(body.error_text) || body.error || "";

  function api(path, extra) {
    const sep = path.includes("?") ? "&" : "?";
    return path + sep + "t=" + encodeURIComponent(token) + (extra || "");
  }

  function banner(text, ok) {
    const b = $("banner");
    b.textContent = text || "";
    b.hidden = !text;
    b.className = ok ? "banner ok" : "banner";
  }

  async function fail(resp) {
    let body = {};
    try { body = await resp.json(); } catch (e) { body = {}; }
    if (resp.status === 401 || resp.status === 403) { dead = true; banner(tr("ended")); }
    else if (body.finalized) { dead = true; banner(tr("finalized")); }
    else if (resp.status === 410) { dead = true; banner(said(body) || tr("ended")); }
    return body;
  }

  async function load() {
    if (dead) return;
    let resp;
    try { resp = await fetch(api("/api/state"), { cache: "no-store" }); }
    catch (e) { banner(tr("offline")); return; }
    if (!resp.ok) { await fail(resp); render(); return; }
    state = await resp.json();
    banner("");
    render();
  }

  function text() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = tr(el.dataset.t); });
    $("lang").textContent = tr("lang");
    $("foot").textContent = tr("foot");
  }

  function render() {
    text();
    if (!state) return;
    $("branch").textContent = state.inspection.branch;
    $("checklist").textContent = pick(state.inspection.checklist);
    document.title = state.inspection.branch;
    renderMystery();
    renderItems();
  }

  function hhmm(iso) {
    if (!iso) return tr("none");
    const d = new Date(iso);
    if (isNaN(d)) return iso;
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function renderMystery() {
    const m = state.mystery;
    $("mystery").hidden = !m;
    if (!m) return;
    const box = $("times");
    box.textContent = "";
    for (const key of TIMES) {
      const f = document.createElement("div");
      f.className = "field";
      const label = document.createElement("label");
      label.textContent = tr(key);
      label.htmlFor = "time-" + key;
      const row = document.createElement("div");
      row.className = "time";
      const value = document.createElement("span");
      value.className = "value";
      value.id = "value-" + key;
      value.textContent = hhmm(m.visit[key]);
      const edit = document.createElement("input");
      edit.type = "time";
      edit.id = "time-" + key;
      edit.value = m.visit[key] ? hhmm(m.visit[key]) : "";
      edit.addEventListener("change", () => setVisit(key, { value: edit.value }));
      const now = document.createElement("button");
      now.type = "button";
      now.className = "now";
      now.id = "now-" + key;
      now.textContent = tr("now");
      now.addEventListener("click", () => setVisit(key, { now: true }));
      row.append(value, edit, now);
      f.append(label, row);
      box.append(f);
    }
    if (document.activeElement !== $("ticket")) $("ticket").value = m.visit.ticket || "";
    if (document.activeElement !== $("waiting")) {
      $("waiting").value = m.visit.customers_waiting == null ? "" : m.visit.customers_waiting;
    }
    const sel = $("scenario");
    $("scenario-field").hidden = !m.scenarios.length;
    sel.textContent = "";
    const none = document.createElement("option");
    none.value = "";
    none.textContent = tr("scenario_none");
    sel.append(none);
    for (const s of m.scenarios) {
      const o = document.createElement("option");
      o.value = s.id;
      o.textContent = pick(s.title);
      sel.append(o);
    }
    sel.value = m.visit.scenario || "";
    const notes = $("notes");
    if (notes.value === notesBase || !notes.value) {
      notes.value = m.notes;
      notesBase = m.notes;
      $("notes-state").textContent = "";
    }
    notes.maxLength = state.limits.notes_chars;
  }

  function renderItems() {
    const box = $("items");
    box.textContent = "";
    const only = $("only-needed").checked;
    let shown = 0;
    for (const item of state.items) {
      const up = uploads[item.id] || [];
      if (only && !item.photo_needed && !up.length) continue;
      shown++;
      const card = document.createElement("div");
      card.className = "card";
      card.id = "item-" + item.id;
      card.dataset.item = item.id;
      const sec = document.createElement("div");
      sec.className = "sec";
      sec.textContent = item.id + " · " + pick(item.section);
      const title = document.createElement("div");
      title.className = "title";
      title.textContent = pick(item.title);
      const meta = document.createElement("div");
      meta.className = "meta";
      const ans = document.createElement("span");
      ans.className = "badge answer";
      ans.textContent = item.answer ? pick(item.answer) : tr("no_answer");
      meta.append(ans);
      if (item.photo_needed) {
        const need = document.createElement("span");
        need.className = "badge need";
        need.textContent = tr("need");
        meta.append(need);
      }
      if (item.photos.length) {
        const have = document.createElement("span");
        have.className = "badge have";
        have.textContent = tr("photos", item.photos.length);
        meta.append(have);
      }
      card.append(sec, title, meta);
      if (item.photos.length) {
        const thumbs = document.createElement("div");
        thumbs.className = "thumbs";
        for (const id of item.photos) {
          const img = document.createElement("img");
          img.loading = "lazy";
          img.alt = "";
          img.addEventListener("load", () => { img.dataset.loaded = "1"; });
          img.src = api("/api/thumb", "&photo=" + encodeURIComponent(id));
          thumbs.append(img);
        }
        card.append(thumbs);
      }
      const cam = document.createElement("label");
      cam.className = "camera";
      const input = document.createElement("input");
      input.type = "file";
      input.accept = "image/*";
      input.setAttribute("capture", "environment");
      input.multiple = true;
      input.dataset.item = item.id;
      input.addEventListener("change", () => {
        for (const f of input.files) enqueue(item.id, f);
        input.value = "";
      });
      const label = document.createElement("span");
      label.textContent = tr("take");
      cam.append(label, input);
      card.append(cam);
      if (up.length) {
        const list = document.createElement("ul");
        list.className = "uploads";
        for (const u of up) {
          const li = document.createElement("li");
          li.className = "upload";
          const img = document.createElement("img");
          img.alt = "";
          img.addEventListener("error", () => { img.hidden = true; }); // not an image
          img.src = u.url;
          const name = document.createElement("span");
          name.className = "name";
          name.textContent = u.name;
          const st = document.createElement("span");
          st.className = "status st-" + u.status;
          st.dataset.status = u.status;
          st.textContent = u.status === "refused"
            ? tr("refused") + (u.reasonText ? pick(u.reasonText) : u.reason) : tr(u.status);
          li.append(img, name, st);
          list.append(li);
        }
        card.append(list);
      }
      box.append(card);
    }
    if (!shown) {
      const p = document.createElement("p");
      p.className = "sub";
      p.textContent = tr("all_done");
      box.append(p);
    }
  }

  function enqueue(itemId, file) {
    const entry = { name: file.name || "photo", url: URL.createObjectURL(file), status: "uploading", reason: "" };
    (uploads[itemId] = uploads[itemId] || []).push(entry);
    queue.push({ itemId, file, entry });
    renderItems();
    pump();
  }

  // One photo per request: each gets its own state, and a lost connection costs one photo.
  async function pump() {
    if (busy) return;
    busy = true;
    inflight(1);
    while (queue.length) {
      const job = queue.shift();
      const { entry } = job;
      if (dead) { entry.status = "refused"; entry.reason = tr("ended"); continue; }
      if (job.file.size > state.limits.photo_bytes) {
        entry.status = "refused";
        entry.reason = Math.round(job.file.size / 1048576) + " MB > " +
          Math.round(state.limits.photo_bytes / 1048576) + " MB";
        renderItems();
        continue;
      }
      const form = new FormData();
      form.append("item", job.itemId);
      form.append("photo", job.file, entry.name);
      try {
        const resp = await fetch(api("/api/photos"), { method: "POST", body: form });
        const body = resp.ok ? await resp.json() : await fail(resp);
        if (resp.ok && body.stored.length) entry.status = "stored";
        else if (resp.ok && body.refused.length && body.refused[0].photo) {
          entry.status = "stored"; entry.reason = tr("already");
        } else {
          entry.status = "refused";
          const refused = body.refused && body.refused[0];
          // Both languages: the reason follows the page when the language is switched.
          entry.reasonText = (refused && refused.reason_text) || body.error_text || null;
          entry.reason = (refused && refused.reason) || body.error || "?";
        }
      } catch (e) {
        entry.status = "refused";
        entry.reason = tr("offline");
      }
      renderItems();
    }
    busy = false;
    await load();
    inflight(-1);
  }

  // Requests in flight, on <body data-pending>: a script (or a test) can wait for "0".
  let pending = 0;
  function inflight(delta) {
    pending += delta;
    document.body.dataset.pending = String(pending);
  }

  async function postJson(path, data) {
    inflight(1);
    try { return await postJsonNow(path, data); } finally { inflight(-1); }
  }

  async function postJsonNow(path, data) {
    let resp;
    try {
      resp = await fetch(api(path), {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data),
      });
    } catch (e) { banner(tr("offline")); return null; }
    if (!resp.ok) {
      const body = await fail(resp);
      if (!dead && resp.status !== 409) banner(said(body) || tr("unsaved"));
      return { error: body, status: resp.status };
    }
    return await resp.json();
  }

  async function setVisit(field, data) {
    const res = await postJson("/api/visit", Object.assign({ field }, data));
    if (res && res.visit) {
      state.mystery.visit = res.visit;
      banner(tr(field) + " · " + tr("saved"), true);
      renderMystery();
    }
  }

  async function saveNotes() {
    const text = $("notes").value;
    $("notes-state").textContent = tr("saving");
    const res = await postJson("/api/notes", { text, base: notesBase });
    if (res && res.notes !== undefined) {
      notesBase = res.notes;
      $("notes-state").textContent = tr("saved");
    } else if (res && res.status === 409 && res.error.notes !== undefined) {
      notesBase = res.error.notes;
      $("notes-state").textContent = tr("conflict");
    } else {
      $("notes-state").textContent = tr("unsaved");
    }
  }

  $("lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem("inspector-phone-lang", lang);
    render();
  });
  $("only-needed").addEventListener("change", renderItems);
  $("ticket").addEventListener("change", () => setVisit("ticket", { value: $("ticket").value }));
  $("waiting").addEventListener("change", () => setVisit("customers_waiting", { value: $("waiting").value }));
  $("waiting-minus").addEventListener("click", () => {
    const n = Math.max(0, (parseInt($("waiting").value, 10) || 0) - 1);
    $("waiting").value = n;
    setVisit("customers_waiting", { value: n });
  });
  $("waiting-plus").addEventListener("click", () => {
    const n = (parseInt($("waiting").value, 10) || 0) + 1;
    $("waiting").value = n;
    setVisit("customers_waiting", { value: n });
  });
  $("scenario").addEventListener("change", () => setVisit("scenario", { value: $("scenario").value }));
  $("notes").addEventListener("input", () => { $("notes-state").textContent = tr("unsaved"); });
  $("notes-save").addEventListener("click", saveNotes);
  $("notes").addEventListener("blur", () => { if ($("notes").value !== notesBase) saveNotes(); });
  document.addEventListener("visibilitychange", () => { if (!document.hidden) load(); });
  text();
  inflight(0);
  load();
})();
