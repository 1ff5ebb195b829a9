/* tei-pipeline search page (search.html): asks Pagefind, shows the results.
   The index is split into shards (pagefind/<shard>/, each a Pagefind bundle),
   listed by pagefind/shards.js; the first is loaded and the others merged into
   it with Pagefind's multisite API (mergeIndex), which merges results and filters.
   On a web server Pagefind is loaded as it ships. Opened from disk (file://) the
   browser refuses modules and fetch(); then each shard comes from its
   pagefind/<shard>/offline.js (a classic script), fetches of pagefind/ files
   are answered from them, and pagefind.js is imported from a blob: URL. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) { return; }
  var box = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var selects = form.querySelectorAll("select");
  var base = new URL("pagefind/", location.href).href;
  var disk = location.protocol === "file:";
  var MAX = 30;

  function bytesOf(b64) {
    var text = atob(b64), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return bytes;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  // pagefind/<shard>/<file> answered from PAGEFIND_FILES[shard][file]
  function fromDisk(shards) {
    return Promise.all(shards.map(function (shard) {
      return loadScript("pagefind/" + shard + "/offline.js");
    })).then(function () {
      var files = window.PAGEFIND_FILES, realFetch = window.fetch;
      window.fetch = function (input, init) {
        var url = new URL(typeof input === "string" ? input : input.url, location.href).href;
        var name = url.indexOf(base) === 0 ? url.slice(base.length).split("?")[0] : "";
        var cut = name.indexOf("/"), shard = name.slice(0, cut), file = name.slice(cut + 1);
        var table = cut > 0 && Object.prototype.hasOwnProperty.call(files, shard) ? files[shard] : {};
        if (Object.prototype.hasOwnProperty.call(table, file)) {
          return Promise.resolve(new Response(bytesOf(table[file])));
        }
        return realFetch(input, init);
      };
      var code = new Blob([bytesOf(files[shards[0]]["pagefind.js"])], { type: "text/javascript" });
      return import(URL.createObjectURL(code));
    });
  }

  function open(shards) {
    if (!shards.length) { throw new Error("no shards"); }
    var loaded = disk ? fromDisk(shards) : import(base + shards[0] + "/pagefind.js");
    return loaded.then(function (pf) {
      return pf.options({ basePath: base + shards[0] + "/", noWorker: disk }).then(function () {
        // mergeIndex adds its index at once and then loads it: all load together
        return Promise.all(shards.slice(1).map(function (shard) {
          return pf.mergeIndex(base + shard + "/");
        }));
      }).then(function () { return pf; });
    });
  }

  var pagefind = loadScript("pagefind/shards.js").then(function () {
    return open(window.PAGEFIND_SHARDS || []);
  });

  function say(text) { status.textContent = text; }

  // The paragraph of the first hit: Pagefind gives the word positions of the hits
  // and of every element with an id; the last block that starts before the first hit
  // holds it. Pagefind's URL starts at the site's root (on disk, the folder's whole
  // path); the link is made relative to this page, so the site works in any folder.
  var BLOCKS = ["p", "li", "section", "article", "div", "dd", "dt", "blockquote"];
  function target(d) {
    var root = new URL(".", location.href).pathname;
    var path = new URL(d.url, location.href).pathname;
    var page = path.indexOf(root) === 0 ? path.slice(root.length) : path.replace(/^\//, "");
    var first = Math.min.apply(null, d.locations || []);
    var best = null;
    (d.anchors || []).forEach(function (a) {
      if (BLOCKS.indexOf(a.element) >= 0 && a.location <= first &&
          (best === null || a.location >= best.location)) { best = a; }
    });
    return best ? page + "#" + best.id : page;
  }

  // Pagefind's excerpt is text with <mark> around the words found: keep only those marks
  function excerpt(parent, html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function fillFilters(pf, params) {
    return pf.filters().then(function (all) {
      selects.forEach(function (select) {
        var values = Object.keys(all[select.name] || {}).sort();
        values.forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value;
          select.appendChild(option);
        });
        select.value = params.get(select.name) || "";
      });
    });
  }

  function run(pf) {
    var words = box.value.trim(), filters = {}, any = false;
    selects.forEach(function (select) {
      if (select.value) { filters[select.name] = select.value; any = true; }
    });
    var params = new URLSearchParams(new FormData(form));
    history.replaceState(null, "", "?" + params.toString());
    list.textContent = "";
    if (!words && !any) { say("Type a word, or choose a text, person or decade."); return; }
    say("Searching …");
    pf.search(words || null, { filters: filters }).then(function (found) {
      var shown = found.results.slice(0, MAX);
      return Promise.all(shown.map(function (r) { return r.data(); })).then(function (data) {
        data.forEach(function (d) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = target(d);
          link.textContent = d.meta.title;
          var heading = document.createElement("p");
          heading.className = "search-title";
          heading.appendChild(link);
          var words = document.createElement("p");
          words.className = "search-excerpt";
          excerpt(words, d.excerpt);
          item.appendChild(heading);
          item.appendChild(words);
          list.appendChild(item);
        });
        var count = found.results.length;
        say(count === 0 ? "Nothing found." : count + (count === 1 ? " result" : " results") +
            (count > MAX ? ", the first " + MAX + " shown." : "."));
      });
    }).catch(function (error) { say("Search failed: " + error.message); });
  }

  say("Loading the search index …");
  var params = new URLSearchParams(location.search);
  box.value = params.get("q") || "";
  pagefind.then(function (pf) {
    return fillFilters(pf, params).then(function () {
      form.addEventListener("submit", function (event) { event.preventDefault(); run(pf); });
      selects.forEach(function (s) { s.addEventListener("change", function () { run(pf); }); });
      run(pf);
    });
  }).catch(function (error) { say("The search index could not be loaded: " + error.message); });
})();
