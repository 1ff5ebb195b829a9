// tei-pipeline reading edition: progressive enhancement only. The note previews
// are shown by style.css on hover and focus without any script; this lets the
// reader close an open preview with Escape (WCAG 2.2, 1.4.13 Content on Hover or
// Focus). Moving the pointer or the focus elsewhere lets previews show again.
(function () {
  var root = document.documentElement;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      root.classList.add("previews-closed");
    }
  });
  function reopen(event) {
    var ref = event.target.closest && event.target.closest("sup.noteref");
    if (!ref || event.type === "focusin") {
      root.classList.remove("previews-closed");
    }
  }
  document.addEventListener("focusin", reopen);
  document.addEventListener("mouseover", reopen);
})();
