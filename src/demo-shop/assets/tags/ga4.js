/*
 * GA4 tag, gtag-compatible on the wire: events of a page are batched for ~50 ms and sent in one
 * sendBeacon POST to /g/collect, shared parameters in the query string and one event per body
 * line. Consent Mode: in 'advanced' mode events without analytics consent still go out as
 * cookieless pings (gcs=G100, a per-page client id, nothing stored); in 'basic' mode nothing is
 * sent until consent is granted. The shop server injects the config below.
 */
(function () {
  'use strict';
  var config = /*@config*/ {};
  var rt = window.demoShopTags;
  // A server-side GTM client takes the same requests on the site's own origin (its port is known only here).
  var ENDPOINT = config.endpointPath ? location.origin + config.endpointPath : 'https://region1.google-analytics.com/g/collect';
  var GTM = '45je5ca1v9181917316za200';
  var SESSION_TIMEOUT_S = 30 * 60;
  var sessionCookie = '_ga_' + config.measurementId.replace(/^G-/, '');
  var pageLoadId = Math.floor(Math.random() * 2147483647) + 1;
  var pageStart = Date.now();
  var lastSend = pageStart;
  var hits = 0;
  var pending = [];
  var heldForPagehide = [];
  var timer = null;
  var pageCid = rt.randomDigits(10) + '.' + Math.floor(pageStart / 1000);
  var pageSession = null;
  var firstVisit = false;
  var sessionStart = false;

  function clientId() {
    if (!rt.granted('analytics_storage')) return pageCid;
    var cookie = rt.getCookie('_ga');
    var match = cookie && /^GA1\.\d\.(\d+\.\d+)$/.exec(cookie);
    if (match) return match[1];
    firstVisit = true;
    var cid = rt.randomDigits(10) + '.' + Math.floor(Date.now() / 1000);
    rt.setCookie('_ga', 'GA1.1.' + cid, 400);
    return cid;
  }

  // GS1.1.<sid>.<sct>.<seg>.<last activity>.0.0.0, as gtag keeps it.
  function session() {
    var now = Math.floor(Date.now() / 1000);
    if (!rt.granted('analytics_storage')) {
      if (!pageSession) {
        pageSession = { sid: Math.floor(pageStart / 1000), sct: 1, seg: 0 };
        sessionStart = true;
      }
      return pageSession;
    }
    var parts = (rt.getCookie(sessionCookie) || '').split('.');
    var current = { sid: Number(parts[2]), sct: Number(parts[3]), seg: Number(parts[4]) };
    var last = Number(parts[5]);
    if (parts[0] !== 'GS1' || !current.sid || !(now - last < SESSION_TIMEOUT_S)) {
      current = { sid: now, sct: (current.sct || 0) + 1, seg: 0 };
      sessionStart = true;
    } else if (now - current.sid >= 10) {
      current.seg = 1;
    }
    rt.setCookie(sessionCookie, ['GS1', 1, current.sid, current.sct, current.seg, now, 0, 0, 0].join('.'), 400);
    return current;
  }

  function encodeItemValue(value) {
    return encodeURIComponent(String(value)).replace(/~/g, '%7E');
  }

  function itemParams(items) {
    var params = [];
    for (var i = 0; i < (items || []).length; i++) {
      var item = items[i];
      var fields = ['id' + encodeItemValue(item.item_id), 'nm' + encodeItemValue(item.item_name)];
      if (item.item_category) fields.push('ca' + encodeItemValue(item.item_category));
      if (item.price !== undefined) fields.push('pr' + item.price);
      if (item.quantity !== undefined) fields.push('qt' + item.quantity);
      params.push('pr' + (i + 1) + '=' + fields.join('~'));
    }
    return params;
  }

  function itemsValue(items) {
    var cents = 0;
    for (var i = 0; i < (items || []).length; i++) cents += Math.round(items[i].price * 100) * (items[i].quantity || 1);
    return cents / 100;
  }

  function eventLine(name, ecommerce, extra) {
    var now = Date.now();
    var params = [['en', name], ['_et', Math.max(1, now - lastSend)]];
    lastSend = now;
    if (extra) params = params.concat(extra);
    var line = rt.query(params);
    if (ecommerce) {
      var value = ecommerce.value;
      if (name === 'purchase' && config.purchaseValue === 'items') value = itemsValue(ecommerce.items);
      var ep = [];
      if (ecommerce.transaction_id) ep.push(['ep.transaction_id', ecommerce.transaction_id]);
      if (ecommerce.item_list_name) ep.push(['ep.item_list_name', ecommerce.item_list_name]);
      if (value !== undefined) ep.push(['epn.value', value]);
      if (ecommerce.shipping !== undefined && name === 'purchase') ep.push(['epn.shipping', ecommerce.shipping]);
      if (ecommerce.coupon && name === 'purchase') ep.push(['ep.coupon', ecommerce.coupon]);
      // Fault `ga4-pii-in-batch`: a GTM variable scrapes the buyer's e-mail off the confirmation page
      // into a custom parameter of the purchase (only that event: the page_view line stays clean).
      if (name === 'purchase' && config.customerEmailOnPurchase) {
        var shown = document.getElementById('customer-email');
        if (shown && shown.textContent) ep.push(['ep.customer_email', shown.textContent.trim()]);
      }
      if (ecommerce.currency) ep.push(['cu', ecommerce.currency]);
      if (ep.length) line += '&' + rt.query(ep);
      var items = itemParams(ecommerce.items);
      if (items.length) line += '&' + items.join('&');
    }
    return line;
  }

  function send(lines) {
    if (!lines.length) return;
    var cid = clientId();
    var s = session();
    var flags = [];
    if (sessionStart) {
      sessionStart = false;
      flags.push('_ss=1');
      if (firstVisit || !rt.granted('analytics_storage')) flags.push('_fv=1');
      firstVisit = false;
    }
    if (flags.length) lines[0] += '&' + flags.join('&');
    hits += 1;
    var shared = [
      ['v', 2], ['tid', config.measurementId], ['gtm', GTM], ['_p', pageLoadId],
      ['gcs', rt.gcs()], ['gcd', rt.gcd()], ['npa', rt.granted('ad_personalization') ? 0 : 1],
      ['cid', cid], ['ul', (navigator.language || 'en').toLowerCase()], ['sr', screen.width + 'x' + screen.height],
      ['frm', 0], ['pscdl', 'noapi'], ['_s', hits], ['sid', s.sid], ['sct', s.sct], ['seg', s.seg],
      ['dl', location.href], ['dr', document.referrer || undefined], ['dt', document.title], ['tfd', Date.now() - pageStart],
    ];
    rt.beacon(ENDPOINT + '?' + rt.query(shared), lines.join('\n'));
  }

  function flush() {
    timer = null;
    var lines = pending;
    pending = [];
    send(lines);
  }

  function enqueue(line) {
    pending.push(line);
    if (!timer) timer = setTimeout(flush, 50);
  }

  function track(name, ecommerce, extra) {
    var line = eventLine(name, ecommerce, extra);
    if (config.consentMode === 'basic') rt.whenAllowed('analytics_storage', function () { enqueue(line); });
    else enqueue(line);
  }

  // gtag sends what is still batched when the page goes away; the fault holds the purchase here.
  window.addEventListener('pagehide', function () {
    if (timer) clearTimeout(timer);
    var lines = pending.concat(heldForPagehide);
    pending = [];
    heldForPagehide = [];
    timer = null;
    send(lines);
  });

  rt.register({
    id: 'ga4',
    onEvent: function (event) {
      var ecommerce = event.ecommerce;
      switch (event.event) {
        case 'page_view':
          return track('page_view');
        case 'view_item_list':
        case 'view_item':
        case 'add_to_cart':
        case 'view_cart':
        case 'begin_checkout':
          return track(event.event, ecommerce);
        case 'purchase':
          if (!config.sendPurchase) return;
          // Deterministic stand-in for a race: which orders lose the purchase depends on the order number.
          if (config.dropEvenOrders && Number(String(ecommerce.transaction_id).replace(/\D/g, '')) % 2 === 0) return;
          // Fault `ga4-drops-large-orders`: orders with many line items lose the purchase, the others keep it.
          if (config.dropPurchaseFromLines && (ecommerce.items || []).length >= config.dropPurchaseFromLines) return;
          if (config.purchaseOnPagehide) {
            var line = eventLine('purchase', ecommerce);
            if (config.consentMode === 'basic') rt.whenAllowed('analytics_storage', function () { heldForPagehide.push(line); });
            else heldForPagehide.push(line);
            return;
          }
          return track('purchase', ecommerce);
      }
    },
  });
})();
