// The survey page, enhanced: one topic per screen, answers kept on this device (localStorage,
// one key per join code) until the server has acknowledged them, and sent as JSON with
// automatic retries, so a Wi-Fi drop loses nothing. Without this script the same form is
// posted as plain HTML. The thank-you and closed pages clear the device's copy. Sent, the
// guesses alone are handed to the thank-you page to keep if the pupil asks (guesses.js).
(function () {
  'use strict';
  const key = code => 'heltnormal:' + code;
  const forget = code => { try { localStorage.removeItem(key(code)); } catch (e) { /* no storage */ } };
  document.querySelectorAll('[data-forget]').forEach(el => forget(el.getAttribute('data-forget')));

  const form = document.getElementById('survey');
  if (!form || !window.fetch) return;
  const $ = id => document.getElementById(id);
  const data = name => form.getAttribute('data-' + name);
  const code = data('code');

  // Unsent answers are dropped after 6 hours, so a shared tablet does not show them to the next pupil.
  let state = {};
  try { state = JSON.parse(localStorage.getItem(key(code))) || {}; } catch (e) { state = {}; }
  if (!(Date.now() - state.t < 6 * 3600e3)) state = {};
  const persist = () => {
    state.t = Date.now();
    try { localStorage.setItem(key(code), JSON.stringify(state)); } catch (e) { /* full or blocked */ }
  };

  // The device's own submission id, made once: a retry with it is counted once.
  const newID = () => {
    const b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    return btoa(String.fromCharCode.apply(null, b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(state.id || '')) state.id = window.crypto ? newID() : form.elements.submission_id.value;
  form.elements.submission_id.value = state.id;

  // Restore the answers chosen before a reload or a language switch, then keep them current.
  const all = sel => Array.prototype.slice.call(form.querySelectorAll(sel));
  const radios = all('input[type=radio]');
  const saved = state.answers || {};
  radios.forEach(r => { if (saved[r.name] === r.value) r.checked = true; });
  const collect = () => {
    const out = {};
    radios.forEach(r => { if (r.checked) out[r.name] = r.value; });
    return out;
  };
  form.addEventListener('change', () => { state.answers = collect(); persist(); });

  // One topic per screen.
  const topics = all('fieldset.topic');
  const intro = $('intro'), stepper = $('stepper'), progress = $('progress');
  const back = $('step-back'), next = $('step-next'), send = $('send'), status = $('status');
  const summary = $('errors');
  let step = 0;
  const show = (i, focus) => {
    step = Math.max(0, Math.min(i, topics.length - 1));
    topics.forEach((t, j) => { t.hidden = j !== step; });
    intro.hidden = step !== 0;
    back.hidden = step === 0;
    next.hidden = step === topics.length - 1;
    send.hidden = step !== topics.length - 1;
    progress.value = step + 1;
    state.step = step;
    persist();
    if (focus) {
      window.scrollTo(0, 0);
      topics[step].querySelector('.topic-title').focus();
    }
  };
  // The page's own language links keep the answers now; the form's buttons would post them.
  if ($('switch-lang')) $('switch-lang').hidden = true;
  if (topics.length > 1) {
    form.classList.add('stepped');
    stepper.hidden = false;
    back.addEventListener('click', () => show(step - 1, true));
    next.addEventListener('click', () => show(step + 1, true));
    show(state.step || 0, false);
  }
  const topicOf = el => topics.indexOf(el.closest('fieldset.topic'));

  // The error summary's links lead to a question that may be on another screen.
  summary.addEventListener('click', e => {
    const link = e.target.closest('a[href^="#"]');
    const target = link && $(link.getAttribute('href').slice(1));
    if (!target) return;
    e.preventDefault();
    if (topics.length > 1) show(topicOf(target), false);
    target.scrollIntoView();
    target.querySelector('input').focus();
  });
  const firstProblem = summary.hidden ? null : form.querySelector('.has-error');
  if (firstProblem && topics.length > 1) show(topicOf(firstProblem), false);

  const showErrors = fields => {
    all('.has-error').forEach(q => {
      q.classList.remove('has-error');
      q.removeAttribute('aria-describedby');
      $(q.id + '-error').hidden = true;
    });
    const list = summary.querySelector('ul');
    list.textContent = '';
    const add = (text, href) => {
      const li = document.createElement('li');
      const el = href ? document.createElement('a') : li;
      el.textContent = text;
      if (href) { el.href = href; li.appendChild(el); }
      list.appendChild(li);
    };
    let general = false;
    Object.keys(fields).forEach(field => {
      const m = /^answers\.([a-z0-9-]+)\.(self|perceived)$/.exec(field);
      const q = m && $('q-' + m[1] + '-' + m[2]);
      if (!q) { general = true; return; }
      q.classList.add('has-error');
      q.setAttribute('aria-describedby', q.id + '-error');
      $(q.id + '-error').hidden = false;
      add(data('msg-option-in').replace('{topic}', q.closest('fieldset.topic').getAttribute('data-topic')), '#' + q.id);
    });
    if (fields.submission_id) { state.id = newID(); form.elements.submission_id.value = state.id; persist(); }
    if (general || !list.firstChild) add(data('msg-general'));
    summary.hidden = false;
    const first = form.querySelector('.has-error');
    if (first && topics.length > 1) show(topicOf(first), false);
    window.scrollTo(0, 0);
    summary.focus();
  };

  // Sending: JSON to the API; retried with the same submission id until the server answers.
  let sending = false, timer = 0, delay = 1000;
  const say = text => { status.textContent = text; };
  const payload = () => {
    const answers = {};
    const chosen = collect();
    Object.keys(chosen).forEach(name => {
      const parts = name.split('.'); // a.ITEM.self|perceived
      if (!chosen[name]) return;
      answers[parts[1]] = answers[parts[1]] || {};
      answers[parts[1]][parts[2]] = chosen[name];
    });
    return { submission_id: form.elements.submission_id.value, lang: form.elements.lang.value, answers: answers };
  };
  const retry = () => {
    sending = false;
    say(data('msg-offline'));
    timer = setTimeout(submit, delay);
    delay = Math.min(delay * 2, 15000);
  };
  const leave = url => { forget(code); window.location.replace(url); };
  // Once the server has the answers, the guesses about the class — never the pupil's own
  // answers — wait for the thank-you page, which keeps them only if the pupil asks and
  // deletes them at once otherwise (guesses.js).
  const handOverGuesses = () => {
    const chosen = collect(), g = {};
    Object.keys(chosen).forEach(name => {
      const parts = name.split('.'); // a.ITEM.self|perceived
      if (parts[2] === 'perceived' && chosen[name]) g[parts[1]] = chosen[name];
    });
    try { localStorage.setItem('heltnormal-pending:' + code, JSON.stringify({ t: Date.now(), g: g })); } catch (e) { /* no storage */ }
  };
  const submit = async () => {
    if (sending) return;
    sending = true;
    clearTimeout(timer);
    timer = 0;
    say(data('msg-sending'));
    const abort = window.AbortController ? new AbortController() : null;
    const limit = abort && setTimeout(() => abort.abort(), 20000);
    let res;
    try {
      res = await fetch(data('api'), {
        method: 'POST', credentials: 'same-origin', signal: abort ? abort.signal : undefined,
        headers: { 'Content-Type': 'application/json', 'X-Csrf-Token': form.elements._csrf.value },
        body: JSON.stringify(payload())
      });
    } catch (e) {
      return retry();
    } finally {
      clearTimeout(limit);
    }
    if (res.status === 200 || res.status === 201) {
      handOverGuesses();
      return leave(data('thanks'));
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408) return retry();
    if (res.status === 404 || res.status === 409 || res.status === 410) return leave(form.action);
    sending = false;
    delay = 1000;
    if (res.status === 400) {
      let body = {};
      try { body = await res.json(); } catch (e) { /* not JSON */ }
      say('');
      return showErrors((body.error && body.error.fields) || {});
    }
    form.submit(); // anything else: let the plain form post and the server's page explain
  };
  form.addEventListener('submit', e => {
    e.preventDefault();
    submit();
  });
  window.addEventListener('online', () => { if (timer) submit(); });

  // A page restored from the back/forward cache after sending must not show the answers.
  window.addEventListener('pageshow', e => {
    let kept = null;
    try { kept = localStorage.getItem(key(code)); } catch (err) { /* no storage */ }
    if (e.persisted && !kept) window.location.reload();
  });
})();
