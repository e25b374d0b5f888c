// NDRC Révisions' service worker (served at /sw.js by config/pwa.py, which defines WORKER above).
// It keeps the static files for the next visit and shows a French page when a page cannot load.
// Answers (POST) and htmx requests are never answered from the cache: they need the server.
/* global WORKER */
var CACHE = "ndrc-" + WORKER.version;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(WORKER.precache);
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("ndrc-") === 0 && name !== CACHE;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function fromCacheThenNetwork(request) {
  return caches.match(request).then(function (cached) {
    if (cached) {
      return cached;
    }
    return fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) {
          cache.put(request, copy);
        });
      }
      return response;
    });
  });
}

function networkOrOfflinePage(request) {
  return fetch(request).catch(function () {
    return caches.match(WORKER.offlineUrl);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.headers.has("HX-Request")) {
    return; // answers and htmx swaps go to the network; offline, the page says so
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.indexOf(WORKER.staticPrefix) === 0) {
    event.respondWith(fromCacheThenNetwork(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkOrOfflinePage(request));
  }
});
