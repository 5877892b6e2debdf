/* Care leavers' chat assistant widget: one script tag, no framework. All text is rendered as text, never HTML;
   links come only from the knowledge base's sources. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(script && script.src ? script.src : "/widget/widget.js", window.location.href).origin;
  var council = script ? script.getAttribute("data-council") || "" : "";
  var KEY = "cla-conversation";
  var SMALL = "(max-width: 30rem), (max-height: 30rem)";  // as in widget.css: the one-line emergency bar

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function conversationId() {
    var id = window.sessionStorage.getItem(KEY);
    if (!id) {
      id = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID()
        : Array.prototype.map.call(window.crypto.getRandomValues(new Uint8Array(16)),
          function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      window.sessionStorage.setItem(KEY, id);
    }
    return id;
  }

  function safeLink(source) {
    try {
      var url = new URL(source.url);
      if (url.protocol !== "https:" && url.protocol !== "http:") { return null; }
      var link = el("a", { href: url.href, target: "_blank", rel: "noopener noreferrer" }, source.title);
      link.appendChild(el("span", { class: "cla-sr" }, " (opens in a new tab)"));
      return link;
    } catch (error) {
      return null;
    }
  }

  function letterBlock(letter) {
    var box = el("div", { class: "cla-letter-box" });
    box.appendChild(el("pre", { class: "cla-letter", tabindex: "0", "aria-label": letter.title }, letter.text));
    var actions = el("div", { class: "cla-letter-actions" });
    var copy = el("button", { type: "button", class: "cla-copy" }, "Copy");
    var status = el("span", { class: "cla-copied", role: "status" });
    copy.addEventListener("click", function () {
      var done = function () { status.textContent = "Copied. Paste it into an email or a document."; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(letter.text).then(done, function () {
          status.textContent = "Copying didn't work here: use Download instead.";
        });
      } else {
        status.textContent = "Copying didn't work here: use Download instead.";
      }
    });
    var file = new Blob([letter.text], { type: "text/plain;charset=utf-8" });
    var download = el("a", { class: "cla-download", href: URL.createObjectURL(file), download: letter.filename },
      "Download");
    download.appendChild(el("span", { class: "cla-sr" }, " " + letter.title + " as a text file"));
    actions.appendChild(copy);
    actions.appendChild(download);
    actions.appendChild(status);
    box.appendChild(actions);
    return box;
  }

  function configUrl() {
    return base + "/widget/config.json?council=" + encodeURIComponent(council);
  }

  function showLine(line, items) {
    while (line.firstChild) { line.removeChild(line.firstChild); }
    items.forEach(function (item, index) {
      var part = el("span", { class: "cla-line-part" });
      part.appendChild(document.createTextNode(item.who + ": "));
      part.appendChild(el("strong", {}, item.how));
      if (index > 0) { line.appendChild(document.createTextNode(" ")); }
      line.appendChild(part);
    });
  }

  // The team to call changes with the clock: the line is fetched again on opening, after each reply and on coming
  // back to the tab.
  function refreshLine(line) {
    fetch(configUrl(), { credentials: "omit" })
      .then(function (response) { return response.json(); })
      .then(function (config) { showLine(line, config.emergency_line); })
      .catch(function () { return null; });
  }

  function build(config) {
    var root = el("aside", { class: "cla-root", "aria-label": "Care leavers' chat assistant" });
    var launcher = el("button", { type: "button", class: "cla-launcher", "aria-expanded": "false",
      "aria-controls": "cla-panel" }, "Chat with the care leavers' assistant (chatbot)");
    var panel = el("div", { id: "cla-panel", class: "cla-panel", role: "dialog", "aria-labelledby": "cla-title" });
    panel.hidden = true;

    var header = el("div", { class: "cla-header" });
    header.appendChild(el("h2", { id: "cla-title" }, config.council + " care leavers' assistant"));
    var exit = el("button", { type: "button", class: "cla-exit" }, "Quick exit");
    var close = el("button", { type: "button", class: "cla-close", "aria-label": "Close the chat" }, "Close");
    header.appendChild(exit);
    header.appendChild(close);
    panel.appendChild(header);

    panel.appendChild(el("h3", { class: "cla-emergency-title" }, "Need someone now?"));
    var emergency = el("details", { class: "cla-emergency" });
    var summary = el("summary", { class: "cla-now" });
    var line = el("span", { class: "cla-line" });
    summary.appendChild(line);
    summary.appendChild(el("span", { class: "cla-sr" }, " (all emergency contacts)"));
    emergency.appendChild(summary);
    var list = el("ul", { class: "cla-contacts" });
    config.contacts.forEach(function (item) {
      var li = el("li");
      li.appendChild(el("strong", {}, item.who + ": "));
      li.appendChild(document.createTextNode(item.how));
      list.appendChild(li);
    });
    emergency.appendChild(list);
    emergency.open = !window.matchMedia(SMALL).matches;
    panel.appendChild(emergency);
    showLine(line, config.emergency_line);

    var log = el("div", { class: "cla-log", role: "log", "aria-live": "polite", "aria-label": "Conversation",
      tabindex: "0" });
    log.appendChild(el("p", { class: "cla-msg cla-intro" },
      "An automated assistant, not a person. Nobody reads this chat live. Type " + config.safe_word +
      " at any time for emergency contacts."));
    panel.appendChild(log);
    var typing = el("p", { class: "cla-typing", "aria-hidden": "true" }, "The assistant is typing");
    typing.hidden = true;
    panel.appendChild(typing);

    var form = el("form", { class: "cla-form" });
    form.appendChild(el("label", { for: "cla-input" }, "Your message"));
    var row = el("div", { class: "cla-row" });
    var input = el("input", { id: "cla-input", type: "text", autocomplete: "off",
      maxlength: String(config.max_chars * 2), "aria-describedby": "cla-note" });
    row.appendChild(input);
    row.appendChild(el("button", { type: "submit", class: "cla-send" }, "Send"));
    form.appendChild(row);
    form.appendChild(el("p", { id: "cla-note", class: "cla-note" }, config.privacy_note));
    panel.appendChild(form);

    root.appendChild(launcher);
    root.appendChild(panel);
    document.body.appendChild(root);

    function open() {
      refreshLine(line);
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      input.focus();
    }
    function shut() {
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      launcher.focus();
    }

    function addMessage(who, text, reply) {
      var item = el("div", { class: "cla-msg cla-" + who });
      item.appendChild(el("span", { class: "cla-sr" }, who === "user" ? "You said: " : "Assistant: "));
      item.appendChild(el("p", {}, text));
      if (reply && reply.sources && reply.sources.length) {
        var sources = el("ul", { class: "cla-sources", "aria-label": "Sources" });
        reply.sources.forEach(function (source) {
          var link = safeLink(source);
          if (link) { var li = el("li"); li.appendChild(link); sources.appendChild(li); }
        });
        if (sources.childNodes.length) { item.appendChild(sources); }
      }
      if (reply && reply.letter) { item.appendChild(letterBlock(reply.letter)); }
      if (reply && reply.buttons && reply.buttons.length) {
        var group = el("div", { class: "cla-buttons", role: "group", "aria-label": "Suggested answers" });
        reply.buttons.forEach(function (button) {
          var choice = el("button", { type: "button", class: "cla-choice" }, button.title);
          choice.addEventListener("click", function () {
            Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) { b.disabled = true; });
            addMessage("user", button.title);
            send({ button: button.id });
          });
          group.appendChild(choice);
        });
        item.appendChild(group);
      }
      log.appendChild(item);
      log.scrollTop = log.scrollHeight;
      return item;
    }

    function send(body) {
      body.conversation = conversationId();
      body.council = council;
      typing.hidden = false;
      return fetch(base + "/chat", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
        credentials: "omit"
      }).then(function (response) {
        return response.json();
      }).then(function (data) {
        (data.notices || []).forEach(function (notice) { addMessage("notice", notice); });
        (data.replies || []).forEach(function (reply) { addMessage("bot", reply.text, reply); });
      }).catch(function () {
        addMessage("bot", "Sorry, I can't connect right now. The emergency contacts at the top of this chat " +
          "are always there for you.");
      }).then(function () {
        typing.hidden = true;
        refreshLine(line);
      });
    }

    launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { shut(); } });
    close.addEventListener("click", shut);
    panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { shut(); } });
    exit.addEventListener("click", function () {
      while (log.firstChild) { log.removeChild(log.firstChild); }
      window.sessionStorage.removeItem(KEY);
      window.location.replace(config.quick_exit_url);
    });
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && !panel.hidden) { refreshLine(line); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) { return; }
      input.value = "";
      addMessage("user", text);
      send({ message: text });
    });
  }

  function start() {
    var css = el("link", { rel: "stylesheet", href: base + "/widget/widget.css" });
    document.head.appendChild(css);
    fetch(configUrl(), { credentials: "omit" })
      .then(function (response) { return response.json(); })
      .then(build);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
