/*
 * Demo Shop consent manager. Loaded synchronously in <head>, before any tag, like a real CMP:
 * it declares the Consent Mode v2 defaults (all denied), replays a stored decision from the
 * first-party cookie, and handles the banner buttons as soon as they exist.
 */
(function () {
  'use strict';
  var config = /*@config*/ {};
  var KEYS = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization'];
  window.dataLayer = window.dataLayer || [];
  // gtag pushes its `arguments` object, exactly as Google's snippet does.
  window.gtag = window.gtag || function gtag() { window.dataLayer.push(arguments); };

  function all(value) {
    var state = {};
    for (var i = 0; i < KEYS.length; i++) state[KEYS[i]] = value;
    return state;
  }

  function storedDecision() {
    var match = document.cookie.match(new RegExp('(?:^|;\\s*)' + config.cookieName + '=(granted|denied)(?:;|$)'));
    return match ? match[1] : null;
  }

  window.gtag('consent', 'default', all('denied'));
  var stored = storedDecision();
  if (stored) window.gtag('consent', 'update', all(stored));

  function decide(value) {
    var maxAge = config.maxAgeDays * 24 * 60 * 60;
    document.cookie = config.cookieName + '=' + value + '; Path=/; Max-Age=' + maxAge + '; SameSite=Lax';
    var banner = document.getElementById('consent-banner');
    if (banner) banner.remove();
    window.gtag('consent', 'update', all(value));
  }

  // Fault `consent-buttons-late`: the banner is on screen from the first paint, but its buttons
  // work only once the CMP's script has wired them, some time after the page is parsed (as
  // tarteaucitron's do); a click before that does nothing at all.
  var buttonsWired = !config.wireButtonsAfterMs;
  if (!buttonsWired) {
    document.addEventListener('DOMContentLoaded', function () {
      setTimeout(function () { buttonsWired = true; }, config.wireButtonsAfterMs);
    });
  }

  // Delegated from the document so a click works even before the rest of the page has parsed.
  document.addEventListener('click', function (event) {
    if (!buttonsWired) return;
    var target = event.target;
    var button = target && target.closest ? target.closest('[data-consent-choice]') : null;
    if (!button) return;
    var choice = button.getAttribute('data-consent-choice');
    if (choice === 'granted' || choice === 'denied') decide(choice);
  });

  window.demoShopConsent = { decide: decide, decision: storedDecision };
})();
