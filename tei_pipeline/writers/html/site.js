// tei-pipeline reading edition: progressive enhancement only; every page works
// without it.
// 1. The note previews are shown by style.css on hover and focus; this lets the
//    reader close an open preview with Escape (WCAG 2.2, 1.4.13 Content on Hover
//    or Focus). Moving the pointer or the focus elsewhere lets previews show again.
// 2. A link into a folded menu of the source page (from the names page) opens
//    the menu, in browsers that do not open a <details> for its target themselves.
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

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var fold = target && target.closest && target.closest("details");
    if (fold && !fold.open) {
      fold.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
