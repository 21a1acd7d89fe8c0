// The projector's live counter: follows the session over Server-Sent Events and reloads the
// page when the session is closed or re-opened elsewhere. Without JavaScript the page still
// shows the count at load time.
(function () {
  "use strict";
  var view = document.querySelector("[data-events]");
  if (!view || !window.EventSource) return;
  var counter = document.getElementById("counter");
  var full = document.getElementById("counter-full");
  // "Show the results now" is offered once the minimum group has answered.
  var show = document.getElementById("show-results");
  var status = null;
  var source = new EventSource(view.getAttribute("data-events"));
  source.addEventListener("count", function (e) {
    var st = JSON.parse(e.data);
    if (status !== null && st.status !== status) {
      window.location.reload();
      return;
    }
    status = st.status;
    if (counter.textContent !== st.text) counter.textContent = st.text;
    if (full) full.hidden = !st.full;
    if (show) show.hidden = st.count < Number(show.getAttribute("data-min-group"));
  });
})();
