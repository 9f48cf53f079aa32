// Helpers for the client-facing forms. Each page works without this script.
(function () {
  "use strict";

  // Show the crisis resources as soon as someone answers "yes" to the safety question;
  // without the script they appear on the page that follows.
  var box = document.querySelector("[data-crisis-resources]");
  if (box) {
    document.querySelectorAll('input[name="crisis"]').forEach(function (input) {
      input.addEventListener("change", function () {
        box.hidden = !(input.checked && input.value === "yes");
      });
    });
  }

  // One submission per tap: a second tap on a slow phone would post the form again.
  function buttons(form) {
    return form.querySelectorAll('button[type="submit"], input[type="submit"]');
  }
  document.querySelectorAll('form[method="post"]').forEach(function (form) {
    form.addEventListener("submit", function () {
      // After this event, so the pressed button's own name and value are still sent.
      window.setTimeout(function () {
        buttons(form).forEach(function (button) { button.disabled = true; });
      }, 0);
    });
  });
  // Coming back with the Back button restores the page as it was: buttons usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll('form[method="post"]').forEach(function (form) {
      buttons(form).forEach(function (button) { button.disabled = false; });
    });
  });
})();
