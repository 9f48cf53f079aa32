// Shows the visitor's own clock time beside each Pacific time, when their zone differs.
// The page is complete without this script: every time already says PST or PDT.
(function () {
  "use strict";
  var PACIFIC = "America/Los_Angeles";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone || zone === PACIFIC) {
    return;
  }
  // The page's language (<html lang>): Spanish pages get Spanish words and clock times.
  var spanish = (document.documentElement.lang || "").slice(0, 2) === "es";
  var locale = spanish ? "es-US" : "en-US";
  var words = spanish
    ? { yourTime: ", su hora", note: " Debajo de cada horario aparece también su propia hora ({zone})." }
    : { yourTime: " your time", note: " Your own time ({zone}) is shown under each one." };
  var timeFormat = { hour: "numeric", minute: "2-digit", timeZoneName: "short" };
  var dayFormat = { weekday: "short", month: "short", day: "numeric" };

  function pacificDay(date) {
    return date.toLocaleDateString(locale, Object.assign({ timeZone: PACIFIC }, dayFormat));
  }

  var shown = 0;
  // The times in sentences are marked data-slot; every time in the picker is one (no mark:
  // a busy day has dozens).
  document.querySelectorAll("time[data-slot], .slot-time time").forEach(function (el) {
    var date = new Date(el.getAttribute("datetime"));
    if (isNaN(date)) {
      return;
    }
    var pacific = date.toLocaleTimeString(locale, Object.assign({ timeZone: PACIFIC }, timeFormat));
    var local = date.toLocaleTimeString(locale, Object.assign({ timeZone: zone }, timeFormat));
    // Same wall clock (e.g. another US West Coast zone): nothing to add.
    if (pacific.replace(/\s\S+$/, "") === local.replace(/\s\S+$/, "")) {
      return;
    }
    var localDay = date.toLocaleDateString(locale, Object.assign({ timeZone: zone }, dayFormat));
    var dayPrefix = localDay !== pacificDay(date) ? localDay + ", " : "";
    var extra = document.createElement("span");
    // Inside a slot button: a second line; in a sentence: a bracket after the time.
    if (el.closest(".slot-time")) {
      extra.className = "d-block small local-time";
      extra.textContent = dayPrefix + local;
    } else {
      extra.className = "local-time";
      extra.textContent = " (" + dayPrefix + local + words.yourTime + ")";
    }
    el.insertAdjacentElement("afterend", extra);
    shown += 1;
  });

  if (shown) {
    document.querySelectorAll(".js-local-zone-note").forEach(function (note) {
      note.textContent = words.note.replace("{zone}", zone.replace(/_/g, " "));
      note.hidden = false;
    });
  }
})();
