/*
 * TikTok Pixel: one JSON POST per event to /api/v2/pixel, sent as a text/plain beacon the way
 * pixel.js does, only after ad_storage is granted. A landing page's ttclid is kept in the
 * first-party ttclid cookie and sent as context.ad.callback; advanced matching puts the buyer's
 * SHA-256 hex e-mail in context.user.email from the purchase on. The shop server injects the config below.
 * Served as tt-pixel.js, a path without the vendor's name: capture rules that match "tiktok"
 * anywhere in a URL must catch the pixel's hits, not the shop's own copy of the script.
 */
(function () {
  'use strict';
  var config = /*@config*/ {};
  var rt = window.demoShopTags;
  var ENDPOINT = 'https://analytics.tiktok.com/api/v2/pixel';
  var EVENTS = {
    page_view: 'Pageview',
    view_item: 'ViewContent',
    add_to_cart: 'AddToCart',
    begin_checkout: 'InitiateCheckout',
    purchase: 'CompletePayment',
  };
  var sequence = 0;
  var identity = {};

  function randomId(length) {
    var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    var out = '';
    for (var i = 0; i < length; i++) out += alphabet.charAt(Math.floor(Math.random() * alphabet.length));
    return out;
  }

  function anonymousId() {
    var existing = rt.getCookie('_ttp');
    if (existing) return existing;
    var ttp = randomId(27);
    rt.setCookie('_ttp', ttp, 390);
    return ttp;
  }

  /** The current ttclid: a new one on the URL replaces the stored one (the latest ad click counts). */
  function clickId() {
    var fromUrl = rt.landingParam('ttclid');
    if (fromUrl && rt.getCookie('ttclid') !== fromUrl) rt.setCookie('ttclid', fromUrl, 390);
    return fromUrl || rt.getCookie('ttclid') || undefined;
  }

  function user() {
    var result = { anonymous_id: anonymousId() };
    if (identity.email) result.email = identity.email;
    return result;
  }

  function properties(ecommerce) {
    if (!ecommerce) return {};
    var contents = [];
    for (var i = 0; i < (ecommerce.items || []).length; i++) {
      var item = ecommerce.items[i];
      contents.push({ content_id: item.item_id, content_name: item.item_name, quantity: item.quantity || 1, price: item.price });
    }
    var props = { value: ecommerce.value, currency: ecommerce.currency, content_type: 'product', contents: contents };
    if (ecommerce.transaction_id) props.order_id = ecommerce.transaction_id;
    return props;
  }

  function send(eventName, ecommerce) {
    sequence += 1;
    var now = Date.now();
    var payload = {
      event: eventName,
      event_id: ecommerce && ecommerce.transaction_id ? ecommerce.transaction_id : config.pixelCode + '_' + now + '_' + sequence,
      message_id: 'messageId-' + now + '-' + randomId(12),
      timestamp: new Date(now).toISOString(),
      context: {
        pixel: { code: config.pixelCode },
        page: { url: location.href, referrer: document.referrer },
        library: { name: 'pixel.js', version: config.version },
        device: { platform: 'pc' },
        user: user(),
        session_id: config.pixelCode + '::' + anonymousId(),
      },
      properties: properties(ecommerce),
    };
    var callback = clickId();
    if (callback) payload.context.ad = { callback: callback };
    rt.beacon(ENDPOINT, JSON.stringify(payload), 'text/plain;charset=UTF-8');
  }

  function afterLoad(delayMs, fn) {
    var later = function () { setTimeout(fn, delayMs); };
    if (document.readyState === 'complete') later();
    else window.addEventListener('load', later);
  }

  rt.register({
    id: 'tiktok',
    onEvent: function (event) {
      var name = EVENTS[event.event];
      if (!name) return;
      var ecommerce = event.ecommerce;
      // ttq.identify() with the shop's hash: pixel.js passes a 64-hex value on without hashing it again.
      var hashed = event.user_data && event.user_data.sha256_email_address;
      var fire = function () {
        rt.whenAllowed('ad_storage', function () {
          if (/^[0-9a-f]{64}$/.test(hashed || '')) identity.email = hashed;
          send(name, ecommerce);
        });
      };
      // Fault `tiktok-purchase-late`: the purchase waits for the page's load event, then a while
      // more, as a pixel chained behind slow scripts does; a visitor who leaves sooner loses it.
      if (name === 'CompletePayment' && config.purchaseDelayAfterLoadMs) return afterLoad(config.purchaseDelayAfterLoadMs, fire);
      fire();
    },
  });

  // The click id is stored as soon as ad_storage is granted on the landing page, not only when a hit goes out.
  rt.whenAllowed('ad_storage', clickId);
})();
