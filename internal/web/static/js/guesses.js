// A pupil's guesses on their own phone. When the pupil asks on the thank-you page, the phone
// keeps their guesses about the class — never what they answered about themselves — under
// one key per join code with the day they were kept, and the class's results page
// (/j/{code}/resultater) sets each beside the truth. This script sends nothing: the server
// never learns the guesses. Every pupil page runs it, and it deletes kept guesses 14 days
// after the day they were kept, and guesses the survey handed over that were not kept.
(function () {
  'use strict';
  const PENDING = 'heltnormal-pending:', KEPT = 'heltnormal-guesses:', DAYS = 14;
  let ls;
  try { ls = window.localStorage; if (!ls) return; } catch (e) { return; }
  const $ = id => document.getElementById(id);
  const read = k => { try { return JSON.parse(ls.getItem(k)); } catch (e) { return null; } };
  const drop = k => { try { ls.removeItem(k); } catch (e) { /* blocked */ } };
  const now = new Date();
  const pad = n => (n < 10 ? '0' : '') + n;
  const today = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
  // age is how many days ago a day (YYYY-MM-DD) was on this phone's calendar.
  const age = day => {
    const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(day || '');
    if (!m) return NaN;
    return Math.round((new Date(now.getFullYear(), now.getMonth(), now.getDate()) - new Date(+m[1], m[2] - 1, +m[3])) / 864e5);
  };

  const consent = $('keep-guesses'), shelf = $('kept-guesses');
  const code = (consent || shelf || { getAttribute: () => '' }).getAttribute('data-guesses');
  // Guesses handed over by the survey live only until the next pupil page: the thank-you page
  // takes its own into memory, and every page deletes them. Kept guesses go after 14 days (or
  // at once when their day is unreadable or ahead of the phone's calendar).
  let handed = null;
  for (let i = ls.length - 1; i >= 0; i--) {
    const k = ls.key(i) || '';
    if (k.indexOf(PENDING) === 0) {
      const p = read(k);
      if (consent && k === PENDING + code && p && Date.now() - p.t < 600e3) handed = p.g;
      drop(k);
    } else if (k.indexOf(KEPT) === 0) {
      const v = read(k), days = v ? age(v.day) : NaN;
      if (!(days >= 0 && days < DAYS)) drop(k);
    }
  }

  // The thank-you page: keep the guesses only when the pupil ticks the box.
  if (consent) {
    const kept = read(KEPT + code);
    const guesses = handed || (kept && kept.g);
    if (!guesses || !Object.keys(guesses).length) return;
    const box = $('keep-guesses-box'), status = $('keep-guesses-status');
    box.checked = !!kept;
    consent.hidden = false;
    box.addEventListener('change', () => {
      if (box.checked) {
        try {
          ls.setItem(KEPT + code, JSON.stringify({ day: today, g: guesses }));
          status.textContent = status.getAttribute('data-msg-kept');
        } catch (e) { box.checked = false; }
      } else {
        drop(KEPT + code);
        status.textContent = status.getAttribute('data-msg-forgotten');
      }
    });
  }

  // The results page: "Du gættede 6 af 10 — det er 2 af 10" under each topic with figures.
  if (shelf) {
    const kept = read(KEPT + code);
    if (!kept || !kept.g) return;
    const msg = $('pupil-results').getAttribute('data-msg-own');
    const own = [];
    document.querySelectorAll('.pupil-topic[data-truth]').forEach(topic => {
      let steps = {};
      try { steps = JSON.parse(topic.getAttribute('data-steps')) || {}; } catch (e) { /* none */ }
      const id = kept.g[topic.getAttribute('data-topic')];
      if (!Object.prototype.hasOwnProperty.call(steps, id)) return;
      const line = topic.querySelector('.pupil-own');
      line.textContent = msg.replace('{guess}', steps[id]).replace('{truth}', topic.getAttribute('data-truth'));
      line.hidden = false;
      own.push(line);
    });
    shelf.hidden = false;
    $('forget-guesses').addEventListener('click', () => {
      drop(KEPT + code);
      own.forEach(line => { line.hidden = true; line.textContent = ''; });
      $('forget-guesses').hidden = $('kept-guesses-text').hidden = true;
      const status = $('kept-guesses-status');
      status.textContent = status.getAttribute('data-msg-forgotten');
      $('kept-guesses-title').focus();
    });
  }
})();
