/*
 * Google Ads tag (AW-<id>): a remarketing hit on every page view and the purchase conversion on
 * the confirmation page, both as image GETs like gtag's. Only after ad_storage is granted. The
 * shop server injects the config below.
 */
(function () {
  'use strict';
  var config = /*@config*/ {};
  var rt = window.demoShopTags;
  var GTM = '45be5ca1v9181917316za200';

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

  function conversion(ecommerce) {
    var params = common().concat([
      ['label', config.label], ['value', ecommerce.value], ['currency_code', ecommerce.currency],
      ['oid', ecommerce.transaction_id], ['hn', 'www.googleadservices.com'], ['rfmt', 3], ['fmt', 4],
    ]);
    rt.pixel('https://www.googleadservices.com/pagead/conversion/' + config.conversionId + '/?' + rt.query(params));
  }

  rt.register({
    id: 'google-ads',
    onEvent: function (event) {
      if (event.event === 'page_view') rt.whenAllowed('ad_storage', remarketing);
      if (event.event === 'purchase' && event.ecommerce) {
        var ecommerce = event.ecommerce;
        rt.whenAllowed('ad_storage', function () { conversion(ecommerce); });
      }
    },
  });
})();
