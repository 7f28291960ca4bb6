import type { PlatformClient, PlatformId } from '../model.ts';

/** Every platform the comparison reads; each client loads (with its SDK) only when its platform is configured. */
export const PLATFORM_IDS: readonly PlatformId[] = ['ga4', 'google-ads', 'meta', 'tiktok'];

const LOADERS: Record<PlatformId, () => Promise<PlatformClient>> = {
  ga4: () => import('./ga4.ts').then((m) => m.default),
  'google-ads': () => import('./google-ads.ts').then((m) => m.default),
  meta: () => import('./meta.ts').then((m) => m.default),
  tiktok: () => import('./tiktok.ts').then((m) => m.default),
};

export function loadPlatformClient(id: PlatformId): Promise<PlatformClient> {
  return LOADERS[id]();
}
