// Small map on a provision page: Leaflet (served by this site) with PDOK's
// BRT-Achtergrondkaart. The page is complete without it; the address is in the text.
(function () {
  var el = document.querySelector("[data-map]");
  if (!el || typeof L === "undefined") { return; }
  var points = JSON.parse(el.getAttribute("data-points") || "[]");
  if (!points.length) { return; }
  el.hidden = false;
  var map = L.map(el, { scrollWheelZoom: false, keyboard: true });
  L.tileLayer(el.getAttribute("data-tiles"), {
    maxZoom: 19, minZoom: 7,
    attribution: el.getAttribute("data-attribution")
  }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    L.marker([p.lat, p.lon], { title: p.name, alt: p.name }).addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length === 1) { map.setView(bounds[0], 15); } else { map.fitBounds(bounds, { padding: [30, 30] }); }
})();
