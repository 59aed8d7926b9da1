// The page of kiln serve: find a device in the served tree, download its images, or have one built with other packages.
// Plain ES2020 against the service's JSON API (the routes of OpenWrt's Attended SysUpgrade server plus /api/v1/packages).
"use strict";

const SEARCH_LIMIT = 50;      // results listed at once: a few words narrow the rest down
const CHECK_DELAY_MS = 400;   // typing pause before the package list is resolved
const POLL_INTERVAL_MS = 1000;

const $ = (id) => document.getElementById(id);

const state = {
  server: {},         // overview.json's server object: limits and switches
  version: "",
  imageUrl: "",       // .overview.json's image_url template ("/targets/{target}")
  devices: [],        // one entry per title: {label, words, id, target}
  device: null,       // the chosen profile ({profile}.json)
  selection: 0,       // bumped on every device change: late answers about an older one are dropped
  packagesOk: false,
  checkSeq: 0,
  checkTimer: 0,
  building: false,
};

async function getJson(url, options) {
  const response = await fetch(url, options);
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A body that is not JSON (a proxy's error page): the status alone tells what happened.
  }
  return { response, body };
}

// An answer's explanation: ASU's is a string, or (its request validation) a list of {loc, msg}.
function detailText(body) {
  const detail = body && (body.detail || body.title);
  if (Array.isArray(detail)) return detail.map((d) => (typeof d === "object" && d ? d.msg || JSON.stringify(d) : String(d))).join("; ");
  return detail ? String(detail) : "";
}

function failure(what, response, body) {
  return `${what}: ${detailText(body) || `HTTP ${response.status} ${response.statusText}`}`;
}

function showLoadError(message) {
  const box = $("load-error");
  box.textContent = message;
  box.hidden = !message;
}

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("data-") || key.startsWith("aria-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

function titleText(title) {
  if (title.title) return title.title;
  return [title.vendor, title.model, title.variant].filter(Boolean).join(" ");
}

function words(text) {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

// ---- versions and devices -------------------------------------------------------------------------------------

async function loadVersions() {
  const { response, body } = await getJson("/json/v1/overview.json");
  if (!response.ok || !body) throw new Error(failure("Loading the versions failed", response, body));
  state.server = body.server || {};
  const versions = [];
  for (const branch of Object.values(body.branches || {}))
    for (const version of branch.versions || []) if (!versions.includes(version)) versions.push(version);
  for (const version of body.latest || []) if (!versions.includes(version)) versions.unshift(version);
  const select = $("version");
  select.replaceChildren(...versions.map((v) => element("option", { value: v, text: v })));
  const wanted = new URLSearchParams(location.search).get("version");
  select.value = versions.includes(wanted) ? wanted : (body.latest || versions)[0] || "";
  applyServerLimits();
}

function applyServerLimits() {
  const server = state.server;
  $("defaults-field").hidden = server.allow_defaults === false;
  if (server.max_defaults_length) $("defaults").maxLength = server.max_defaults_length;
  if (server.max_custom_rootfs_size_mb) $("rootfs-size").max = server.max_custom_rootfs_size_mb;
  else $("rootfs-field").hidden = true;
  if (server.contact) {
    const contact = $("server-contact");
    contact.textContent = server.contact;
    contact.href = server.contact.includes("@") && !server.contact.includes(":") ? `mailto:${server.contact}` : server.contact;
    contact.hidden = false;
    $("contact-separator").hidden = false;
  }
}

async function loadDevices() {
  state.version = $("version").value;
  const { response, body } = await getJson(`/json/v1/${encodeURIComponent(state.version)}/.overview.json`);
  if (!response.ok || !body) throw new Error(failure(`Loading the devices of ${state.version} failed`, response, body));
  state.imageUrl = body.image_url || "/targets/{target}";
  state.devices = [];
  for (const profile of body.profiles || []) {
    for (const title of profile.titles || []) {
      const label = titleText(title);
      state.devices.push({ label, words: label.toLowerCase(), id: profile.id, target: profile.target });
    }
  }
  state.devices.sort((a, b) => a.label.localeCompare(b.label) || a.target.localeCompare(b.target));
  renderResults();
}

function renderResults() {
  const query = words($("search").value);
  const list = $("results");
  const count = $("result-count");
  if (query.length === 0) {
    list.replaceChildren();
    const n = new Set(state.devices.map((d) => `${d.target}/${d.id}`)).size;
    count.textContent = `${n} device${n === 1 ? "" : "s"} on this server for ${state.version}.`;
    return;
  }
  const matches = state.devices.filter((d) => query.every((w) => d.words.includes(w)));
  const shown = matches.slice(0, SEARCH_LIMIT);
  list.replaceChildren(...shown.map((d) => element("li", {},
    element("button", { type: "button", class: "result", "data-id": d.id, "data-target": d.target,
      ...(isChosen(d) ? { "aria-current": "true" } : {}) },
      element("span", { class: "result-title" }, ...highlighted(d.label, query)),
      element("span", { class: "result-target", text: d.target })))));
  count.textContent = matches.length === 0 ? "No device matches."
    : matches.length > shown.length ? `${matches.length} devices match; the first ${shown.length} are listed, type more to narrow them down.`
    : `${matches.length} device${matches.length === 1 ? "" : "s"} match.`;
}

// The label with the parts the search words matched in <mark>, as the Firmware Selector shows them.
function highlighted(label, query) {
  const lower = label.toLowerCase();
  const marked = new Array(label.length).fill(false);
  for (const word of query) {
    const at = lower.indexOf(word);
    for (let i = at; at >= 0 && i < at + word.length; i++) marked[i] = true;
  }
  const parts = [];
  for (let start = 0; start < label.length;) {
    let end = start;
    while (end < label.length && marked[end] === marked[start]) end++;
    const text = label.slice(start, end);
    parts.push(marked[start] ? element("mark", { text }) : text);
    start = end;
  }
  return parts;
}

function isChosen(entry) {
  return state.device !== null && state.device.id === entry.id && state.device.target === entry.target;
}

function resultButtons() {
  return [...$("results").querySelectorAll("button.result")];
}

function onSearchKey(event) {
  const buttons = resultButtons();
  if (buttons.length === 0) return;
  if (event.key === "ArrowDown") {
    event.preventDefault();
    buttons[0].focus();
  } else if (event.key === "Enter") {
    event.preventDefault();
    buttons[0].click();
  }
}

function onResultsKey(event) {
  const buttons = resultButtons();
  const at = buttons.indexOf(document.activeElement);
  if (at < 0) return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) $("search").focus();
    else buttons[Math.min(next, buttons.length - 1)].focus();
  } else if (event.key === "Escape") {
    $("search").focus();
  }
}

// ---- one device ------------------------------------------------------------------------------------------------

async function selectDevice(target, id) {
  const selection = ++state.selection;
  stopBuildView();
  for (const button of resultButtons()) {
    const chosen = button.dataset.target === target && button.dataset.id === id;
    if (chosen) button.setAttribute("aria-current", "true");
    else button.removeAttribute("aria-current");
  }
  const url = `/json/v1/${encodeURIComponent(state.version)}/targets/${target}/${encodeURIComponent(id)}.json`;
  const { response, body } = await getJson(url);
  if (selection !== state.selection) return;
  if (!response.ok || !body) {
    showLoadError(failure(`Loading ${id} failed`, response, body));
    return;
  }
  showLoadError("");
  state.device = { ...body, id: body.id || id, target: body.target || target };
  const params = new URLSearchParams({ version: state.version, target, id });
  history.replaceState(null, "", `${location.pathname}?${params}`);
  renderDevice();
  $("device").hidden = false;
  $("device-title").focus();
  checkPackagesNow();
}

function renderDevice() {
  const device = state.device;
  $("device-title").textContent = (device.titles || []).map(titleText).join(" / ") || device.id;
  $("device-target").textContent = device.target;
  $("device-profile").textContent = device.id;
  $("device-version").textContent = [device.version_number || state.version, device.version_code].filter(Boolean).join(" ");
  $("device-built").textContent = device.build_at || "—";

  const base = state.imageUrl.replace("{target}", device.target);
  const images = device.images || [];
  $("images").replaceChildren(...images.map((image) => imageItem(image, `${base}/${encodeURIComponent(image.name)}`)));
  $("no-images").hidden = images.length > 0;

  $("packages").value = defaultPackages(device).join(" ");
}

// The device's packages as OpenWrt's selector shows them: the target's defaults, less those the device removes
// ("-name" in device_packages), plus the device's own.
function defaultPackages(device) {
  const removed = new Set((device.device_packages || []).filter((p) => p.startsWith("-")).map((p) => p.slice(1)));
  const packages = [];
  for (const name of [...(device.default_packages || []), ...(device.device_packages || [])])
    if (!name.startsWith("-") && !removed.has(name) && !packages.includes(name)) packages.push(name);
  return packages;
}

function imageItem(image, href) {
  const kind = [...new Set([image.type, image.filesystem].filter(Boolean))].join(" · ");
  return element("li", { class: "image" },
    element("a", { class: "download", href, download: image.name, text: image.name }),
    element("span", { class: "image-kind", text: kind }),
    element("code", { class: "sha256", title: "sha256", text: image.sha256 || "" }));
}

// Names separated by white space or commas, as OpenWrt's selector accepts them.
function requestedPackages() {
  return $("packages").value.split(/[\s,]+/).filter(Boolean);
}

function buildRequest() {
  const device = state.device;
  const request = {
    version: state.version,
    target: device.target,
    profile: device.id,
    packages: requestedPackages(),
    diff_packages: true,
  };
  const defaults = $("defaults").value;
  if (defaults.trim() && !$("defaults-field").hidden) request.defaults = defaults;
  const size = $("rootfs-size").value;
  if (size && !$("rootfs-field").hidden) request.rootfs_size_mb = Number(size);
  return request;
}

// ---- the package list, resolved as the user edits it ------------------------------------------------------------

function setPackagesStatus(kind, text, resolved = []) {
  const line = $("packages-status");
  line.className = `status-line ${kind}`;
  line.textContent = text;
  $("packages").setAttribute("aria-invalid", kind === "invalid" ? "true" : "false");
  $("resolved-list").replaceChildren(...resolved.map((p) => element("li", {},
    element("span", { class: p.requested ? "requested" : "", text: p.name }), " ",
    element("span", { class: "hint", text: [p.version, p.reason].filter(Boolean).join(" · ") }))));
  $("resolved").hidden = resolved.length === 0;
  updateBuildButton();
}

function onPackagesInput() {
  state.packagesOk = false;
  setPackagesStatus("pending", "Checking the package list…");
  clearTimeout(state.checkTimer);
  state.checkTimer = setTimeout(checkPackagesNow, CHECK_DELAY_MS);
}

async function checkPackagesNow() {
  clearTimeout(state.checkTimer);
  const seq = ++state.checkSeq;
  state.packagesOk = false;
  setPackagesStatus("pending", "Checking the package list…");
  let result;
  try {
    result = await getJson("/api/v1/packages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(buildRequest()),
    });
  } catch (error) {
    if (seq === state.checkSeq) setPackagesStatus("invalid", `The server could not be reached: ${error.message}`);
    return;
  }
  if (seq !== state.checkSeq) return; // the list changed meanwhile: a newer check answers
  const { response, body } = result;
  if (response.ok && body && Array.isArray(body.packages)) {
    state.packagesOk = true;
    const requested = body.packages.filter((p) => p.requested).length;
    const resolved = [...body.packages].sort((a, b) => a.name.localeCompare(b.name));
    setPackagesStatus("valid", `✓ ${body.packages.length} packages will be installed (${requested} requested, the rest their dependencies).`,
      resolved);
  } else {
    setPackagesStatus("invalid", detailText(body) || `The package list could not be checked (HTTP ${response.status}).`);
  }
}

function updateBuildButton() {
  const button = $("request-build");
  button.disabled = !state.packagesOk || state.building;
  button.title = state.building ? "A build is running" : state.packagesOk ? "" : "Fix the package list first";
}

// ---- a build ---------------------------------------------------------------------------------------------------

function stopBuildView() {
  state.building = false;
  $("build").hidden = true;
  updateBuildButton();
}

function showBuildStatus(text, busy) {
  $("build-text").textContent = text;
  $("build-spinner").hidden = !busy;
  $("build-status").hidden = !text;
}

function showBuildError(message, stderr) {
  const box = $("build-error");
  box.textContent = message;
  box.hidden = !message;
  $("build-stderr").textContent = stderr || "";
  $("build-stderr-box").hidden = !stderr;
}

async function requestBuild() {
  if (!state.packagesOk || state.building) return;
  const selection = state.selection;
  state.building = true;
  updateBuildButton();
  $("build").hidden = false;
  $("build").scrollIntoView({ block: "nearest" });
  $("build-result").hidden = true;
  showBuildError("");
  showBuildStatus("Sending the build request…", true);
  const started = Date.now();
  let result;
  try {
    result = await getJson("/api/v1/build", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(buildRequest()),
    });
  } catch (error) {
    finishBuild(selection, null, `The server could not be reached: ${error.message}`);
    return;
  }
  for (;;) {
    if (selection !== state.selection) return;
    const { response, body } = result;
    if (response.status === 200 && body) {
      finishBuild(selection, body, "");
      return;
    }
    if (response.status !== 202 || !body) {
      finishBuild(selection, null, failure("The build failed", response, body), body && body.stderr);
      return;
    }
    showBuildStatus(progressText(response, body, Date.now() - started), true);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    if (selection !== state.selection) return;
    try {
      result = await getJson(`/api/v1/build/${encodeURIComponent(body.request_hash)}`, { cache: "no-cache" });
    } catch (error) {
      finishBuild(selection, null, `The server could not be reached: ${error.message}`);
      return;
    }
  }
}

function progressText(response, body, elapsedMs) {
  const seconds = Math.round(elapsedMs / 1000);
  const stage = body.imagebuilder_status || response.headers.get("X-Imagebuilder-Status") || "";
  // As ASU's queue counts it: the builds waiting ahead of this one (0: next).
  const ahead = body.queue_position ?? Number(response.headers.get("X-Queue-Position") || 0);
  if (body.detail === "queued" || stage === "queued")
    return `Queued, ${ahead ? `${ahead} build${ahead === 1 ? "" : "s"} ahead` : "next in line"}… ${seconds} s`;
  return `Building${stage && stage !== "init" ? `: ${stage.replace(/_/g, " ")}` : ""}… ${seconds} s`;
}

function finishBuild(selection, body, error, stderr) {
  if (selection !== state.selection) return;
  state.building = false;
  updateBuildButton();
  if (!body) {
    showBuildStatus("", false);
    showBuildError(error, stderr);
    return;
  }
  showBuildError("", body.stderr);
  const hash = String(body.request_hash || body.bin_dir);
  showBuildStatus(`Done: build ${hash.slice(0, 12)}${body.build_at ? `, ${body.build_at}` : ""}.`, false);
  const store = `/store/${encodeURIComponent(body.bin_dir)}`;
  $("build-images").replaceChildren(...(body.images || []).map((image) =>
    imageItem(image, `${store}/${encodeURIComponent(image.name)}`)));
  $("build-sums").href = `${store}/sha256sums`;
  $("build-manifest-link").href = `${store}/profiles.json`;
  const manifest = Object.entries(body.manifest || {}).sort(([a], [b]) => a.localeCompare(b));
  $("manifest-count").textContent = String(manifest.length);
  $("manifest").replaceChildren(...manifest.map(([name, version]) =>
    element("li", {}, element("span", { text: name }), " ", element("span", { class: "hint", text: version }))));
  $("build-result").hidden = false;
}

// ---- start -----------------------------------------------------------------------------------------------------

async function start() {
  $("search").addEventListener("input", renderResults);
  $("search").addEventListener("keydown", onSearchKey);
  $("results").addEventListener("keydown", onResultsKey);
  $("results").addEventListener("click", (event) => {
    const button = event.target.closest("button.result");
    if (button) selectDevice(button.dataset.target, button.dataset.id);
  });
  $("version").addEventListener("change", async () => {
    try {
      await loadDevices();
      showLoadError("");
      if (state.device) {
        const again = state.devices.find((d) => d.id === state.device.id && d.target === state.device.target);
        if (again) await selectDevice(again.target, again.id);
        else { state.selection++; state.device = null; $("device").hidden = true; stopBuildView(); }
      }
    } catch (error) {
      showLoadError(error.message);
    }
  });
  $("packages").addEventListener("input", onPackagesInput);
  $("defaults").addEventListener("input", () => { if (state.device) onPackagesInput(); });
  $("rootfs-size").addEventListener("input", () => { if (state.device) onPackagesInput(); });
  $("request-build").addEventListener("click", requestBuild);
  $("device-title").tabIndex = -1;
  updateBuildButton();

  try {
    await loadVersions();
    await loadDevices();
  } catch (error) {
    showLoadError(error.message);
    return;
  }
  // A link to a device (?version=&target=&id=, as this page writes it) opens that device.
  const params = new URLSearchParams(location.search);
  if (params.get("target") && params.get("id")) selectDevice(params.get("target"), params.get("id"));
}

document.addEventListener("DOMContentLoaded", start);
