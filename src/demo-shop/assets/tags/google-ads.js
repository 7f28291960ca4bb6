/*
 * Google Ads tag (AW-<id>): a remarketing hit on every page view and the purchase conversion on
 * the confirmation page, both as image GETs like gtag's. Only after ad_storage is granted. Like
 * gtag's conversion linker it keeps the landing page's gclid in the _gcl_aw cookie
 * (GCL.<unix seconds>.<gclid>) and sends it as gclaw on the conversion; enhanced conversions put
 * the buyer's hashed e-mail in em (tv.1~em.<url-safe base64 SHA-256>). The shop server injects
 * the config below.
 */
(function () {
  'use strict';
  var config = /*@config*/ {};
  var rt = window.demoShopTags;
  var GTM = '45be5ca1v9181917316za200';
  var GCL_COOKIE = '_gcl_aw';
  var GCL_DAYS = 90;

  /** The current gclid: a new one on the URL replaces the stored one (the latest ad click counts). */
  function gclid() {
    var stored = /^GCL\.\d+\.(.+)$/.exec(rt.getCookie(GCL_COOKIE) || '');
    var fromUrl = rt.landingParam('gclid');
    if (fromUrl && (!stored || stored[1] !== fromUrl)) {
      rt.setCookie(GCL_COOKIE, 'GCL.' + Math.floor(Date.now() / 1000) + '.' + fromUrl, GCL_DAYS);
      return fromUrl;
    }
    return stored ? stored[1] : undefined;
  }

  // gtag sends user-provided data as url-safe base64 of the SHA-256 digest, padding removed.
  function hexToWebBase64(hex) {
    var binary = '';
    for (var i = 0; i + 1 < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** Enhanced conversions: only with ad_user_data granted, as Consent Mode v2 requires. */
  function userData(data) {
    var hex = data && data.sha256_email_address;
    if (!rt.granted('ad_user_data') || !/^[0-9a-f]{64}$/.test(hex || '')) return undefined;
    return 'tv.1~em.' + hexToWebBase64(hex);
  }

  function common() {
    return [
      ['random', rt.randomDigits(10)], ['cv', 11], ['fst', Date.now()], ['bg', 'ffffff'], ['guid', 'ON'],
      ['async', 1], ['gtm', GTM], ['gcs', rt.gcs()], ['gcd', rt.gcd()], ['dma', 0],
      ['npa', rt.granted('ad_personalization') ? 0 : 1], ['u_w', screen.width], ['u_h', screen.height],
      ['url', location.href], ['ref', document.referrer || undefined], ['frm', 0], ['tiba', document.title],
    ];
  }

  function remarketing() {
    var params = common().concat([['hn', 'www.googleadservices.com'], ['data', 'event=page_view'], ['rfmt', 3], ['fmt', 4]]);
    rt.pixel('https://googleads.g.doubleclick.net/pagead/viewthroughconversion/' + config.conversionId + '/?' + rt.query(params));
  }

  function conversion(ecommerce, user) {
    var params = common().concat([
      ['label', config.label], ['value', ecommerce.value], ['currency_code', ecommerce.currency],
      ['oid', ecommerce.transaction_id], ['gclaw', gclid()], ['em', userData(user)],
      ['hn', 'www.googleadservices.com'], ['rfmt', 3], ['fmt', 4],
    ]);
    rt.pixel('https://www.googleadservices.com/pagead/conversion/' + config.conversionId + '/?' + rt.query(params));
  }

  // The click id is stored as soon as ad_storage is granted on the landing page, not only when a hit goes out.
  rt.whenAllowed('ad_storage', gclid);

  rt.register({
    id: 'google-ads',
    onEvent: function (event) {
      if (event.event === 'page_view') rt.whenAllowed('ad_storage', remarketing);
      if (event.event === 'purchase' && event.ecommerce) {
        var ecommerce = event.ecommerce;
        var user = event.user_data;
        rt.whenAllowed('ad_storage', function () { conversion(ecommerce, user); });
      }
    },
  });
})();
