/*
 * Meta Pixel (fbevents-compatible on the wire). The page's base code defines the fbq() stub and
 * calls fbq('init') and fbq('track', 'PageView'); this file replays that queue, then translates
 * the dataLayer ecommerce events into standard events. Hits are image GETs to /tr/, only after
 * ad_storage is granted. Like fbevents it keeps a landing page's fbclid in the _fbc cookie
 * (fb.1.<ms>.<fbclid>) and sends it as fbc on every hit, and advanced matching (fbq('init', id,
 * { em: <sha256 hex> })) adds ud[em] to the hits that follow. The shop server injects the config
 * below. Fault `meta-before-consent` (config.pageViewBeforeConsent) sends the base code's
 * PageView at once while no decision is stored, as a pixel pasted outside the CMP does.
 */
(function () {
  'use strict';
  var config = /*@config*/ {};
  var rt = window.demoShopTags;
  var initAt = Date.now();
  var counter = 0;
  var pixelId = config.pixelId;
  var userData = {};

  function browserId() {
    var existing = rt.getCookie('_fbp');
    if (existing) return existing;
    var fbp = 'fb.1.' + Date.now() + '.' + rt.randomDigits(10);
    rt.setCookie('_fbp', fbp, 90);
    return fbp;
  }

  /** The current _fbc: a new fbclid on the URL replaces the stored one, the same one keeps its first time. */
  function clickId() {
    var existing = rt.getCookie('_fbc');
    var fbclid = rt.landingParam('fbclid');
    if (!fbclid) return existing || undefined;
    if (existing && existing.split('.').slice(3).join('.') === fbclid) return existing;
    var fbc = 'fb.1.' + Date.now() + '.' + fbclid;
    rt.setCookie('_fbc', fbc, 90);
    return fbc;
  }

  function customData(data) {
    var params = [];
    for (var key in data || {}) {
      if (!Object.prototype.hasOwnProperty.call(data, key)) continue;
      var value = data[key];
      params.push(['cd[' + key + ']', typeof value === 'object' ? JSON.stringify(value) : value]);
    }
    return params;
  }

  function send(eventName, data, options) {
    var params = [
      ['id', pixelId], ['ev', eventName], ['dl', location.href], ['rl', document.referrer], ['if', 'false'], ['ts', Date.now()],
    ].concat(customData(data), [
      ['sw', screen.width], ['sh', screen.height], ['ud[em]', userData.em], ['v', config.version], ['r', 'stable'], ['ec', counter++],
      ['o', 4126], ['fbp', browserId()], ['fbc', clickId()], ['eid', options && options.eventID ? options.eventID : undefined],
      ['it', initAt], ['coo', 'false'], ['rqm', 'GET'],
    ]);
    rt.pixel('https://www.facebook.com/tr/?' + rt.query(params));
  }

  /** The visitor's stored banner decision, read from the CMP: the runtime has not replayed it yet when the queue runs. */
  function consentDecided() {
    return Boolean(window.demoShopConsent && window.demoShopConsent.decision());
  }

  function callMethod(command, eventName, data, options) {
    if (command === 'init') {
      // A second init for the same pixel only adds advanced matching data, as in fbevents.
      if (eventName && eventName !== pixelId) initAt = Date.now();
      pixelId = eventName || pixelId;
      if (data && /^[0-9a-f]{64}$/.test(data.em || '')) userData.em = data.em;
    } else if (command === 'track' || command === 'trackCustom') {
      if (config.pageViewBeforeConsent && eventName === 'PageView' && !consentDecided()) return send(eventName, data, options);
      rt.whenAllowed('ad_storage', function () { send(eventName, data, options); });
    }
  }

  var stub = window.fbq;
  var queued = stub && stub.queue ? stub.queue.slice() : [];
  if (stub) {
    stub.callMethod = function () { callMethod.apply(null, arguments); };
    stub.queue = [];
  } else {
    window.fbq = function () { callMethod.apply(null, arguments); };
  }
  for (var i = 0; i < queued.length; i++) callMethod.apply(null, queued[i]);

  // The click id is stored as soon as ad_storage is granted on the landing page, not only when a hit goes out.
  rt.whenAllowed('ad_storage', clickId);

  function contents(items) {
    var list = [];
    for (var i = 0; i < (items || []).length; i++) list.push({ id: items[i].item_id, quantity: items[i].quantity || 1 });
    return list;
  }

  function ids(items) {
    var list = [];
    for (var i = 0; i < (items || []).length; i++) list.push(items[i].item_id);
    return list;
  }

  function count(items) {
    var total = 0;
    for (var i = 0; i < (items || []).length; i++) total += items[i].quantity || 1;
    return total;
  }

  function standardData(ecommerce) {
    return {
      value: ecommerce.value,
      currency: ecommerce.currency,
      content_ids: ids(ecommerce.items),
      content_type: 'product',
      contents: contents(ecommerce.items),
      num_items: count(ecommerce.items),
    };
  }

  var EVENTS = { view_item: 'ViewContent', add_to_cart: 'AddToCart', begin_checkout: 'InitiateCheckout' };

  rt.register({
    id: 'meta',
    onEvent: function (event) {
      var ecommerce = event.ecommerce;
      if (!ecommerce) return;
      if (EVENTS[event.event]) {
        window.fbq('track', EVENTS[event.event], standardData(ecommerce));
      } else if (event.event === 'purchase') {
        var data = standardData(ecommerce);
        // Fault `meta-eid-only` leaves order_id out: the order number is then only the eventID below.
        if (config.orderIdInCustomData !== false) data.order_id = ecommerce.transaction_id;
        var user = event.user_data;
        // Advanced matching with the hash the shop computed: fbevents sends a 64-hex em as it is.
        if (user && user.sha256_email_address) window.fbq('init', pixelId, { em: user.sha256_email_address });
        // eventID = order id: what shops send so Meta can dedupe against the Conversions API.
        window.fbq('track', 'Purchase', data, { eventID: ecommerce.transaction_id });
      }
    },
  });
})();
