// "Lees voor": reads the main content aloud with the browser's own speech synthesis, in the
// page's language.  No third-party service, nothing leaves the device.  Progressive
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
  var lang = document.documentElement.lang || "nl";
  var locale = { nl: "nl-NL", en: "en-GB", ar: "ar", pl: "pl-PL", uk: "uk-UA", tr: "tr-TR", ti: "ti" }[lang] || lang;
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

  function voice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(lang) === 0) return voices[i];
    }
    return null;
  }

  // One utterance per line of visible text: long utterances stop half-way in some browsers.
  function chunks() {
    var text = target.innerText || target.textContent || "";
    return text.split(/\n+/).map(function (line) { return line.trim(); })
      .filter(function (line) {
        return line && line !== labels.labelRead && line !== labels.labelPause &&
          line !== labels.labelResume && line !== labels.labelStop;
      });
  }

  function start() {
    synth.cancel();
    var lines = chunks();
    var chosen = voice();
    lines.forEach(function (line, index) {
      var utterance = new SpeechSynthesisUtterance(line);
      utterance.lang = locale;
      if (chosen) utterance.voice = chosen;
      if (index === lines.length - 1) {
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
