// The AI playground. Same-origin script (the CSP allows no inline script): it calls the JSON API
// with the session cookie and the CSRF header, or with a bearer token, and shows every model
// answer with textContent, so markup in an answer is displayed, never run.
"use strict";

(() => {
  const form = document.getElementById("ai-form");
  if (!form) return;
  const byId = (id) => document.getElementById(id);
  const sessionMode = form.dataset.session === "true";
  const models = JSON.parse(form.dataset.models);
  const urls = { predict: form.dataset.predictUrl, chat: form.dataset.chatUrl, quota: form.dataset.quotaUrl };
  let conversation = [];

  const mode = () => form.elements.mode.value;

  function headers() {
    const result = { "Content-Type": "application/json", Accept: "application/json" };
    const csrf = window.app ? window.app.csrfToken() : "";
    if (csrf) result["X-CSRFToken"] = csrf;
    if (!sessionMode) {
      const token = byId("ai-token").value.trim();
      if (token) result.Authorization = `Bearer ${token}`;
    }
    return result;
  }

  async function call(url, body) {
    const options = { method: body ? "POST" : "GET", headers: headers(), credentials: "same-origin" };
    if (body) options.body = JSON.stringify(body);
    const response = await fetch(url, options);
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    return { ok: response.ok, status: response.status, data };
  }

  function showError(message) {
    const box = byId("ai-error");
    box.textContent = message;
    box.hidden = !message;
  }

  function showQuota(quota) {
    if (!quota) return;
    const parts = [];
    if (quota.requests_limit !== null) parts.push(`${quota.requests_left} of ${quota.requests_limit} requests left today`);
    if (quota.tokens_limit !== null) parts.push(`${quota.tokens_left} of ${quota.tokens_limit} chat tokens left`);
    byId("ai-quota").textContent = parts.length ? `${parts.join(" · ")}.` : "No daily quota.";
  }

  async function refreshQuota() {
    if (!sessionMode && !byId("ai-token").value.trim()) return;
    const { ok, data } = await call(urls.quota);
    if (ok) showQuota(data);
  }

  function fillModels() {
    const select = byId("ai-model");
    select.replaceChildren(
      ...models[mode()].map((name) => {
        const option = document.createElement("option");
        option.value = name;
        option.textContent = name;
        return option;
      }),
    );
    for (const element of form.querySelectorAll(".chat-only")) element.hidden = mode() !== "chat";
  }

  function addTurn(role, text) {
    const item = document.createElement("li");
    item.className = `turn ${role}`;
    const who = document.createElement("span");
    who.className = "muted";
    who.textContent = role === "user" ? "You" : "Assistant (AI-generated)";
    const content = document.createElement("pre");
    content.className = "output";
    content.textContent = text; // never innerHTML: the answer is untrusted
    item.append(who, content);
    byId("ai-log").append(item);
  }

  function showFlags(flags) {
    byId("ai-flags").textContent = flags.length ? `Guardrails: ${flags.join(", ")}` : "";
  }

  async function send(event) {
    event.preventDefault();
    showError("");
    const text = byId("ai-text").value;
    const model = byId("ai-model").value;
    const button = byId("ai-send");
    button.disabled = true;
    try {
      if (mode() === "predict") {
        const { ok, data } = await call(urls.predict, { text, model });
        if (!ok) return showError(data ? data.message : "The request failed.");
        byId("ai-log").replaceChildren();
        conversation = [];
        byId("ai-labels").textContent = `Topic: ${data.topic} · urgency: ${data.urgency}`;
        showFlags(data.flags);
        showQuota(data.quota);
      } else {
        const maxTokens = Number.parseInt(byId("ai-max-tokens").value, 10);
        const messages = [...conversation, { role: "user", content: text }];
        const body = { messages, model };
        if (maxTokens > 0) body.max_tokens = maxTokens;
        const { ok, data } = await call(urls.chat, body);
        if (!ok) return showError(data ? data.message : "The request failed.");
        if (conversation.length === 0) byId("ai-log").replaceChildren();
        byId("ai-labels").textContent = "";
        conversation = [...messages, { role: "assistant", content: data.message.content }];
        addTurn("user", text);
        addTurn("assistant", data.message.content);
        showFlags(data.flags);
        showQuota(data.quota);
        byId("ai-text").value = "";
      }
      byId("ai-result").hidden = false;
    } catch {
      showError("The server could not be reached.");
    } finally {
      button.disabled = false;
    }
  }

  form.addEventListener("submit", send);
  for (const radio of form.elements.mode) radio.addEventListener("change", fillModels);
  byId("ai-reset").addEventListener("click", () => {
    conversation = [];
    byId("ai-log").replaceChildren();
    byId("ai-result").hidden = true;
  });
  if (!sessionMode) byId("ai-token").addEventListener("change", refreshQuota);
  fillModels();
  refreshQuota();
})();
