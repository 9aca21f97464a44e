// Optional: fill in the browser's location, only after the resident presses the button
// (and the browser asks for consent). Without JavaScript the button stays hidden.
(function () {
  var button = document.querySelector("[data-geo-button]");
  if (!button || !("geolocation" in navigator)) { return; }
  var lat = document.querySelector("[data-geo-lat]");
  var lon = document.querySelector("[data-geo-lon]");
  var status = document.querySelector("[data-geo-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (pos) {
      lat.value = pos.coords.latitude.toFixed(5);
      lon.value = pos.coords.longitude.toFixed(5);
      document.getElementById("zoek-bij").value = "";
      button.form.submit();
    }, function () {
      status.textContent = button.getAttribute("data-geo-error");
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
  });
})();
