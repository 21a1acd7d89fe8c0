// The presenter: turns the page's slides (all shown one after another without JavaScript)
// into a slide show for the projector. → / space / PageDown step forward — on a topic slide
// the first step reveals the real answer, the next goes on — ← / PageUp step back, Home and
// End jump, F toggles full screen (Esc leaves it, as always). The on-screen buttons do the
// same. Hiding is done with classes that only apply on screen, so printing shows everything.
(function () {
  "use strict";
  var deck = document.getElementById("deck");
  if (!deck) return;
  var slides = Array.prototype.slice.call(deck.querySelectorAll(".slide"));
  if (!slides.length) return;
  var status = document.getElementById("deck-status");
  var controls = deck.querySelector(".deck-controls");
  var backButton = document.getElementById("deck-back");
  var nextButton = document.getElementById("deck-next");
  var nextLabel = nextButton.querySelector(".label");
  var fullButton = document.getElementById("deck-full");
  var counter = document.getElementById("deck-counter");
  var last = slides.length - 1;
  var current = -1;
  var revealed = false;

  function text(name) { return deck.getAttribute("data-" + name) || ""; }
  function hasReveal(i) { return slides[i].classList.contains("has-reveal"); }
  function heading(i) {
    var h = slides[i].querySelector("h1, h2");
    return h ? h.textContent.replace(/\s+/g, " ").trim() : "";
  }
  function slideOf(i) {
    return text("slide-of").replace("{n}", String(i + 1)).replace("{total}", String(slides.length));
  }
  function setDisabled(button, disabled) {
    // aria-disabled rather than disabled: a disabled button drops the keyboard focus.
    button.setAttribute("aria-disabled", disabled ? "true" : "false");
  }

  // show makes slide i current, with its answer revealed or not, and says so to screen
  // readers. Focus moves to the slide unless it is on the buttons, so Tab continues there.
  function show(i, reveal, quiet) {
    i = Math.max(0, Math.min(last, i));
    var moved = i !== current;
    reveal = hasReveal(i) ? !!reveal : false;
    var changed = moved || reveal !== revealed;
    slides.forEach(function (s, k) { s.classList.toggle("is-current", k === i); });
    slides[i].classList.toggle("is-revealed", reveal);
    current = i;
    revealed = reveal;

    var atEnd = i === last && (!hasReveal(i) || revealed);
    setDisabled(backButton, i === 0 && !revealed);
    setDisabled(nextButton, atEnd);
    nextLabel.textContent = hasReveal(i) && !revealed ? text("label-reveal") : text("label-next");
    counter.textContent = (i + 1) + " / " + slides.length;
    if (window.history && history.replaceState) history.replaceState(null, "", "#" + slides[i].id);
    if (quiet || !changed) return;

    var summary = revealed ? slides[i].getAttribute("data-reveal-summary") || "" : "";
    status.textContent = moved ? slideOf(i) + ": " + heading(i) + (summary ? ". " + summary : "") : summary || heading(i);
    if (moved && !controls.contains(document.activeElement)) {
      slides[i].focus({ preventScroll: true });
    }
    if (moved) slides[i].scrollTop = 0;
  }

  function next() {
    if (hasReveal(current) && !revealed) show(current, true);
    else if (current < last) show(current + 1, false);
  }
  function back() {
    if (hasReveal(current) && revealed) show(current, false);
    else if (current > 0) show(current - 1, true);
  }

  var canFullScreen = !!(document.fullscreenEnabled || document.webkitFullscreenEnabled);
  function fullScreenElement() { return document.fullscreenElement || document.webkitFullscreenElement; }
  function toggleFullScreen() {
    if (!canFullScreen) return;
    if (fullScreenElement()) {
      (document.exitFullscreen || document.webkitExitFullscreen).call(document);
    } else if (deck.requestFullscreen) {
      deck.requestFullscreen().catch(function () {});
    } else if (deck.webkitRequestFullscreen) {
      deck.webkitRequestFullscreen();
    }
  }
  function updateFullButton() {
    fullButton.textContent = fullScreenElement() ? text("label-full-exit") : text("label-full");
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    var t = e.target;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName) || t.isContentEditable) return;
    // Space and Enter on a button or link do what the button or link does.
    var control = /^(A|BUTTON|SUMMARY)$/.test(t.tagName);
    switch (e.key) {
      case "ArrowRight": case "PageDown": next(); break;
      case "ArrowLeft": case "PageUp": back(); break;
      case " ": case "Spacebar":
        if (control) return;
        if (e.shiftKey) back(); else next();
        break;
      case "Home": show(0, false); break;
      case "End": show(last, true); break;
      case "f": case "F": toggleFullScreen(); break;
      default: return;
    }
    e.preventDefault();
  });
  nextButton.addEventListener("click", function () {
    if (nextButton.getAttribute("aria-disabled") !== "true") next();
  });
  backButton.addEventListener("click", function () {
    if (backButton.getAttribute("aria-disabled") !== "true") back();
  });
  if (canFullScreen) {
    fullButton.hidden = false;
    fullButton.addEventListener("click", toggleFullScreen);
    document.addEventListener("fullscreenchange", updateFullButton);
    document.addEventListener("webkitfullscreenchange", updateFullButton);
  }
  window.addEventListener("hashchange", function () {
    var target = document.getElementById(location.hash.slice(1));
    var i = slides.indexOf(target);
    if (i >= 0 && i !== current) show(i, false);
  });

  // The last slide's buttons release the results to the pupils' phones, or withdraw them,
  // through the API, so the slide show stays where it is; without this script the form posts.
  var release = deck.querySelector("form.pupil-release");
  if (release && window.fetch) {
    release.addEventListener("submit", function (e) {
      var button = e.submitter;
      if (!button) return;
      e.preventDefault();
      var note = release.querySelector(".pupils-status");
      fetch(release.getAttribute("data-api"), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ released: button.value === "true" })
      }).then(function (res) {
        if (!res.ok) throw new Error("status " + res.status);
        return res.json();
      }).then(function (out) {
        release.querySelector(".pupils-off").hidden = out.released;
        release.querySelector(".pupils-on").hidden = !out.released;
        note.textContent = "";
        release.querySelector(out.released ? ".pupils-on button" : ".pupils-off button").focus();
      }).catch(function () {
        note.textContent = release.getAttribute("data-msg-failed");
      });
    });
  }

  deck.classList.add("is-live");
  document.body.classList.add("presenter-live");
  controls.hidden = false;
  if (slides.length === 1) {
    // One slide (results not ready, too few answers): nothing to step through.
    backButton.hidden = nextButton.hidden = counter.hidden = true;
  }
  var start = slides.indexOf(document.getElementById(location.hash.slice(1)));
  show(start >= 0 ? start : 0, false, true);
})();
