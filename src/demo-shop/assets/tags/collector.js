/*
 * The shop's own first-party event collector (fault `first-party-collector`), the kind of tracker a
 * shop team writes itself: one JSON POST per event to /collect/evt on the shop's own origin,
 * {"event":"page_view","page":"/cart"} on every page and, on the confirmation page,
 * {"event":"purchase","order":"DS-100001","value":54.7,"currency":"EUR"}. No vendor knows it, so
 * only a monitor that declares it can reconcile it. It waits for analytics consent like GA4 in
 * basic mode. The shop server injects the config below.
 */
(function () {
  'use strict';
  var config = /*@config*/ {};
  var rt = window.demoShopTags;

  function post(event) {
    var body = JSON.stringify(event);
    // keepalive: the purchase must survive the visitor leaving the page right away.
    fetch(config.endpointPath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body,
      keepalive: true,
      credentials: 'same-origin',
    }).catch(function () {});
  }

  rt.register({
    id: 'shop-collector',
    onEvent: function (event) {
      var message;
      if (event.event === 'page_view') message = { event: 'page_view', page: location.pathname };
      else if (event.event === 'purchase' && event.ecommerce) {
        message = { event: 'purchase', order: event.ecommerce.transaction_id, value: event.ecommerce.value, currency: event.ecommerce.currency };
      }
      if (message) rt.whenAllowed('analytics_storage', function () { post(message); });
    },
  });
})();
