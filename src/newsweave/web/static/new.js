// The new-brief form: one more empty report box per click.
(function () {
  "use strict";
  const add = document.getElementById("add-report");
  if (!add) return;
  add.addEventListener("click", () => {
    const boxes = document.querySelectorAll("#pasted label.report");
    const label = boxes[boxes.length - 1].cloneNode(true);
    label.firstChild.textContent = "Report " + (boxes.length + 1);
    label.querySelector("textarea").value = "";
    add.before(label);
    label.querySelector("textarea").focus();
  });
})();
