/*
 * The shop's small tag manager. Every vendor tag registers here; the runtime reads the dataLayer
 * (history first, then each new push), keeps the Consent Mode state from gtag('consent', ...)
 * commands, and hands ecommerce events to the tags. Tags that need consent wrap their sends in
 * whenAllowed(): run now when granted, held while no decision exists yet, dropped once refused.
 */
(function () {
  'use strict';
  var w = window;
  var dl = (w.dataLayer = w.dataLayer || []);
  var KEYS = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization'];
  var state = {};
  var defaults = {};
  var updates = {};
  for (var i = 0; i < KEYS.length; i++) state[KEYS[i]] = 'denied';
  var decided = false;
  var tags = [];
  var waiting = [];
  var started = false;

  function granted(purpose) {
    return state[purpose] === 'granted';
  }

  function runWaiting() {
    var still = [];
    for (var i = 0; i < waiting.length; i++) {
      var job = waiting[i];
      if (granted(job.purpose)) safely(job.fn);
      else if (!decided) still.push(job);
    }
    waiting = still;
  }

  function safely(fn, arg) {
    try {
      fn(arg);
    } catch (error) {
      // One broken tag must not stop the others.
      if (w.console) w.console.error('[demo-shop tags]', error);
    }
  }

  // Google's gcd letters: default x update state of one consent type.
  function gcdLetter(key) {
    var d = defaults[key];
    var u = updates[key];
    if (d === undefined && u === undefined) return 'l';
    if (u === undefined) return d === 'granted' ? 't' : 'p';
    if (d === undefined) return u === 'granted' ? 'n' : 'm';
    if (d === 'denied') return u === 'granted' ? 'r' : 'q';
    return u === 'granted' ? 'v' : 'u';
  }

  function handle(entry) {
    if (!entry || typeof entry !== 'object') return;
    if (entry[0] === 'consent' && (entry[1] === 'default' || entry[1] === 'update') && entry[2]) {
      var target = entry[1] === 'default' ? defaults : updates;
      for (var i = 0; i < KEYS.length; i++) {
        var value = entry[2][KEYS[i]];
        if (value === 'granted' || value === 'denied') {
          target[KEYS[i]] = value;
          state[KEYS[i]] = value;
        }
      }
      if (entry[1] === 'update') decided = true;
      runWaiting();
      for (var j = 0; j < tags.length; j++) if (tags[j].onConsent) safely(tags[j].onConsent, api.consent());
      return;
    }
    if (typeof entry.event === 'string') {
      for (var k = 0; k < tags.length; k++) if (tags[k].onEvent) safely(tags[k].onEvent, entry);
    }
  }

  function start() {
    if (started) return;
    started = true;
    for (var i = 0; i < dl.length; i++) handle(dl[i]);
    // Array.prototype.push, not the current push: a wrapper that called a saved push would recurse
    // through anything else that wraps push the same way (GTM, test harness taps).
    dl.push = function () {
      var result = Array.prototype.push.apply(dl, arguments);
      for (var i = 0; i < arguments.length; i++) handle(arguments[i]);
      return result;
    };
  }

  var api = {
    register: function (tag) {
      tags.push(tag);
    },
    consent: function () {
      var copy = {};
      for (var i = 0; i < KEYS.length; i++) copy[KEYS[i]] = state[KEYS[i]];
      return copy;
    },
    granted: granted,
    decided: function () {
      return decided;
    },
    whenAllowed: function (purpose, fn) {
      if (granted(purpose)) safely(fn);
      else if (!decided) waiting.push({ purpose: purpose, fn: fn });
    },
    gcs: function () {
      return 'G1' + (granted('ad_storage') ? '1' : '0') + (granted('analytics_storage') ? '1' : '0');
    },
    gcd: function () {
      return '13' + gcdLetter('ad_storage') + '3' + gcdLetter('analytics_storage') + '3' + gcdLetter('ad_user_data') + '3' + gcdLetter('ad_personalization') + '5';
    },
    getCookie: function (name) {
      var match = document.cookie.match(new RegExp('(?:^|;\\s*)' + name + '=([^;]*)'));
      return match ? decodeURIComponent(match[1]) : null;
    },
    /** A click id (gclid, fbclid, ttclid) on the URL of this page: ads can land on any page. */
    landingParam: function (name) {
      var value = new URLSearchParams(location.search).get(name);
      return value ? value : null;
    },
    setCookie: function (name, value, days) {
      document.cookie = name + '=' + encodeURIComponent(value) + '; Path=/; Max-Age=' + days * 86400 + '; SameSite=Lax';
    },
    randomDigits: function (length) {
      var out = String(Math.floor(Math.random() * 9) + 1);
      while (out.length < length) out += Math.floor(Math.random() * 10);
      return out;
    },
    pixel: function (url) {
      var image = new Image(1, 1);
      image.src = url;
      return image;
    },
    beacon: function (url, body, type) {
      var data = type ? new Blob([body], { type: type }) : body;
      if (navigator.sendBeacon && navigator.sendBeacon(url, data)) return true;
      fetch(url, { method: 'POST', body: data, keepalive: true, mode: 'no-cors', credentials: 'include' }).catch(function () {});
      return false;
    },
    query: function (params) {
      var parts = [];
      for (var i = 0; i < params.length; i++) {
        if (params[i][1] === undefined || params[i][1] === null) continue;
        parts.push(encodeURIComponent(params[i][0]) + '=' + encodeURIComponent(String(params[i][1])));
      }
      return parts.join('&');
    },
  };
  w.demoShopTags = api;

  // Deferred scripts run while readyState is already 'interactive' but all before DOMContentLoaded:
  // starting then lets every tag register first and see the whole history. 'load' covers a
  // runtime injected after DOMContentLoaded; start() runs once.
  if (document.readyState === 'complete') start();
  else {
    document.addEventListener('DOMContentLoaded', start);
    window.addEventListener('load', start);
  }
})();
