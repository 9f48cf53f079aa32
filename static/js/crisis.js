// Shows the crisis resources as soon as someone answers "yes" to the safety question.
// Without this script the resources appear on the page that follows the sign-up.
(function () {
  "use strict";
  var box = document.querySelector("[data-crisis-resources]");
  if (!box) {
    return;
  }
  document.querySelectorAll('input[name="crisis"]').forEach(function (input) {
    input.addEventListener("change", function () {
      box.hidden = !(input.checked && input.value === "yes");
    });
  });
})();
