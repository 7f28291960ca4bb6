/*
 * TikTok Pixel: one JSON POST per event to /api/v2/pixel, sent as a text/plain beacon the way
 * pixel.js does, only after ad_storage is granted. The shop server injects the config below.
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
        user: { anonymous_id: anonymousId() },
        session_id: config.pixelCode + '::' + anonymousId(),
      },
      properties: properties(ecommerce),
    };
    rt.beacon(ENDPOINT, JSON.stringify(payload), 'text/plain;charset=UTF-8');
  }

  rt.register({
    id: 'tiktok',
    onEvent: function (event) {
      var name = EVENTS[event.event];
      if (!name) return;
      var ecommerce = event.ecommerce;
      rt.whenAllowed('ad_storage', function () { send(name, ecommerce); });
    },
  });
})();
