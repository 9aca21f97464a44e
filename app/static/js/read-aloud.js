// "Lees voor": reads the main content aloud with the browser's own speech synthesis, in the
// page's language (and an entry's own Dutch text in Dutch).  No third-party service, nothing leaves the device.  Progressive
// enhancement: without JavaScript or speech synthesis there is no button and the page is
// complete.  Keyboard operable (a real <button>); pausable; a second button stops.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window) || !script) return;
  var target = document.querySelector("article.provision, section.results");
  if (!target) return;
  var synth = window.speechSynthesis;
  var labels = script.dataset;
  var pageLang = document.documentElement.lang || "nl";
  var LOCALES = { nl: "nl-NL", en: "en-GB", ar: "ar", pl: "pl-PL", uk: "uk-UA", tr: "tr-TR", ti: "ti" };
  var state = "idle"; // idle | speaking | paused

  var bar = document.createElement("div");
  bar.className = "read-aloud";
  var play = document.createElement("button");
  play.type = "button";
  play.className = "utrecht-button utrecht-button--secondary-action read-aloud__play";
  var stop = document.createElement("button");
  stop.type = "button";
  stop.className = "utrecht-button utrecht-button--subtle read-aloud__stop";
  stop.textContent = labels.labelStop;
  stop.hidden = true;
  bar.appendChild(play);
  bar.appendChild(stop);
  var heading = target.querySelector("h1, h2");
  if (heading && heading.parentNode === target) heading.insertAdjacentElement("afterend", bar);
  else target.insertBefore(bar, target.firstChild);

  function render() {
    play.textContent = state === "speaking" ? labels.labelPause
      : state === "paused" ? labels.labelResume : labels.labelRead;
    play.setAttribute("aria-pressed", state === "speaking" ? "true" : "false");
    stop.hidden = state === "idle";
  }

  function voice(lang) {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(lang) === 0) return voices[i];
    }
    return null;
  }

  var BLOCKS = "p, li, h1, h2, h3, h4, dt, dd, td, th, caption, summary, figcaption";
  var CONTROLS = [labels.labelRead, labels.labelPause, labels.labelResume, labels.labelStop];

  // One utterance per block of visible text (long utterances stop half-way in some
  // browsers), each in its own language: an entry's Dutch name on an Arabic or English page
  // is marked lang="nl" and is read with a Dutch voice.
  function chunks() {
    var out = [];
    var last = null;
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var el = node.parentElement;
        if (!el || !node.textContent.trim() || el.closest(".read-aloud, script, style, [hidden]")) {
          return NodeFilter.FILTER_REJECT;
        }
        return el.getClientRects().length ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    while (walker.nextNode()) {
      var el = walker.currentNode.parentElement;
      var owner = el.closest("[lang]");
      var lang = (owner && target.contains(owner) ? owner.getAttribute("lang") : pageLang) || pageLang;
      var block = el.closest(BLOCKS) || el;
      var text = walker.currentNode.textContent.replace(/\s+/g, " ").trim();
      if (last && last.lang === lang && last.block === block) last.text += " " + text;
      else { last = { lang: lang, block: block, text: text }; out.push(last); }
    }
    return out.filter(function (chunk) { return CONTROLS.indexOf(chunk.text) === -1; });
  }

  function start() {
    synth.cancel();
    var parts = chunks();
    parts.forEach(function (part, index) {
      var utterance = new SpeechSynthesisUtterance(part.text);
      utterance.lang = LOCALES[part.lang] || part.lang;
      var chosen = voice(part.lang);
      if (chosen) utterance.voice = chosen;
      if (index === parts.length - 1) {
        utterance.onend = function () { state = "idle"; render(); };
      }
      synth.speak(utterance);
    });
    state = "speaking";
    render();
  }

  play.addEventListener("click", function () {
    if (state === "idle") start();
    else if (state === "speaking") { synth.pause(); state = "paused"; render(); }
    else { synth.resume(); state = "speaking"; render(); }
  });
  stop.addEventListener("click", function () {
    synth.cancel();
    state = "idle";
    render();
    play.focus();
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  render();
})();
