// Appended to a copy of report.html by the browser check (ReportBrowserTest, tools/report/check-report.sh).
// After the page has loaded, writes what it found as JSON into <pre id="losses4j-check">: each image and whether it
// decoded, and every element that reaches beyond the right edge of the window (the inside of a container that
// scrolls on its own apart).
window.addEventListener('load', function () {
  var root = document.documentElement;
  var r = {width: root.clientWidth, pageWidth: root.scrollWidth, images: [], overflow: []};
  for (var i = 0; i < document.images.length; i++) {
    var im = document.images[i];
    var b = im.getBoundingClientRect();
    r.images.push({alt: im.alt, loaded: im.complete && im.naturalWidth > 0, naturalWidth: im.naturalWidth,
      shownWidth: Math.round(b.width), right: Math.round(b.right)});
  }
  function scrolls(el) {
    for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      var o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  }
  var all = document.body.querySelectorAll('*');
  for (var k = 0; k < all.length; k++) {
    var el = all[k];
    if (el.id === 'losses4j-check' || scrolls(el)) continue;
    var e = el.getBoundingClientRect();
    if (e.right > root.clientWidth + 1) {
      r.overflow.push(el.tagName.toLowerCase() + ' (' + Math.round(e.right) + ' px): '
        + (el.textContent || '').trim().slice(0, 60));
    }
  }
  var pre = document.createElement('pre');
  pre.id = 'losses4j-check';
  pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
});
