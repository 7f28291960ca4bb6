/** The embedded demo shop: what the CLI, the demo monitor and the demo order source need. */
export { startDemoShop } from './server.ts';
export type { DemoShop, DemoShopOptions } from './server.ts';
export { DEMO_FAULTS, DEMO_FAULT_DESCRIPTIONS, isDemoFault, parseFaults } from './faults.ts';
export type { DemoFault } from './faults.ts';
export * from './accounts.ts';
export { PRODUCTS, SHIPPING_CENTS, formatPrice, productBySku, productBySlug } from './products.ts';
export type { Product } from './products.ts';
export { CONSENT_COOKIE, CONSENT_MAX_AGE_DAYS, META_PIXEL_VERSION, TIKTOK_LIBRARY_VERSION } from './tag-assets.ts';
export type { ConsentMode } from './tag-assets.ts';
export { CART_COOKIE } from './cart.ts';
export { CartRestoreLinks, RESTORE_PATH_PREFIX, RESTORE_TTL_MS } from './cart-restore.ts';
export { hashEmail } from './datalayer.ts';
export { RECEIPT_COOKIE } from './receipts.ts';
export { TEST_CARD_NUMBER } from './shop-app.ts';
export { CHECKOUT_FIELDS } from './pages-checkout.ts';
export { ORDERS_FILE, OrdersStore, formatOrderId } from './orders-store.ts';
export type { OrderItem, OrderQuery, OrderStatus, StoredOrder } from './orders-store.ts';
export type { ApiOrder } from './orders-api.ts';
