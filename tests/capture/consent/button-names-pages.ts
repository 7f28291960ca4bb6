import type { RequestListener } from 'node:http';
import { serveCmpPages } from '../../../src/bench/cmp-pages-server.ts';
import { LANGUAGES, MANAGERS, osanoContent, vanillaCookieconsentTranslation, type Language, type Manager } from './button-names-texts.ts';

/**
 * A shop page per consent manager and language, `/lang/<manager>/<lang>.html`, each loading the
 * real manager from npm (`/vendor/...`, served as the CMP test pages are) configured in that
 * language by its own setting: tarteaucitron's tarteaucitronForceLanguage, Klaro's `lang`,
 * Orejime's per-language bundle, and, for the two that ship no translations,
 * vanilla-cookieconsent's `language` and Osano's `content` with the texts of button-names-texts.ts.
 * Each gates a Meta pixel as its documentation says, like tests/fixtures/cmp-pages/.
 */
export const serveButtonNamePages: RequestListener = (req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const page = path.match(/^\/lang\/([\w-]+)\/(\w+)\.html$/);
  if (page) {
    const [, manager, lang] = page as unknown as [string, Manager, Language];
    if (!MANAGERS.includes(manager) || !LANGUAGES.includes(lang)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(buttonNamePage(manager, lang));
    return;
  }
  serveCmpPages(req, res);
};

/** JSON for an inline script: nothing in it can close the script element. */
const inline = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const PIXEL = (cmp: string): string => `https://www.facebook.com/tr/?id=1&ev=PageView&cmp=${cmp}`;

export function buttonNamePage(manager: Manager, lang: Language): string {
  const head = (title: string, extra = ''): string =>
    `<!doctype html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<title>${title} (${manager}, ${lang})</title>\n<link rel="icon" href="data:,">\n${extra}`;
  const body = `<h1>Shop</h1>\n<p>${manager} in ${lang}.</p>\n`;
  switch (manager) {
    case 'vanilla-cookieconsent': {
      const translation = vanillaCookieconsentTranslation(lang);
      const config = {
        categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, marketing: {} },
        language: {
          default: lang,
          translations: {
            [lang]: {
              consentModal: { title: 'Cookies', description: 'Cookies for audience measurement and advertising.', ...translation.consentModal },
              preferencesModal: {
                title: 'Cookies',
                ...translation.preferencesModal,
                sections: [
                  { title: 'Necessary', description: '-', linkedCategory: 'necessary' },
                  { title: 'Analytics', description: '-', linkedCategory: 'analytics' },
                  { title: 'Marketing', description: '-', linkedCategory: 'marketing' },
                ],
              },
            },
          },
        },
      };
      return `${head('Shop', '<link rel="stylesheet" href="/vendor/vanilla-cookieconsent/dist/cookieconsent.css">\n')}</head>\n<body>\n${body}
<script type="text/plain" data-category="marketing">new Image().src = ${inline(PIXEL('cookieconsent'))};</script>
<script src="/vendor/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
<script>CookieConsent.run(${inline(config)});</script>
</body>\n</html>\n`;
    }
    case 'tarteaucitron':
      return `${head('Shop')}<script>var tarteaucitronForceLanguage = ${inline(lang)};</script>
<script src="/vendor/tarteaucitronjs/tarteaucitron.js"></script>
<script>
  tarteaucitron.init({ cookieName: 'tarteaucitron', orientation: 'middle', highPrivacy: true, DenyAllCta: true, AcceptAllCta: true,
    showAlertSmall: false, showIcon: true, removeCredit: true, moreInfoLink: false, mandatory: true, googleConsentMode: false });
  tarteaucitron.services.shoppixel = { key: 'shoppixel', type: 'ads', name: 'Meta Pixel (test)', uri: 'https://www.facebook.com/privacy/policy/',
    needConsent: true, cookies: ['_fbp'], js: function () { new Image().src = ${inline(PIXEL('tarteaucitron'))}; }, fallback: function () {} };
  (tarteaucitron.job = tarteaucitron.job || []).push('shoppixel');
</script>
</head>\n<body>\n${body}</body>\n</html>\n`;
    case 'klaro': {
      const config = {
        version: 1, elementID: 'klaro', storageMethod: 'cookie', cookieName: 'klaro', cookieExpiresAfterDays: 30, lang,
        mustConsent: false, acceptAll: true, hideDeclineAll: false,
        services: [{ name: 'meta-pixel', title: 'Meta Pixel', purposes: ['marketing'], required: false, default: false }],
      };
      return `${head('Shop')}<script>var klaroConfig = ${inline(config)};</script>
<script defer data-config="klaroConfig" src="/vendor/klaro/dist/klaro.js"></script>
</head>\n<body>\n${body}<img data-name="meta-pixel" data-src="${PIXEL('klaro').replace(/&/g, '&amp;')}" alt="" width="1" height="1">
</body>\n</html>\n`;
    }
    case 'osano': {
      const { allow, deny, link, message } = osanoContent(lang);
      const content = { message, allow, deny, link, href: '/pages/no-banner.html' };
      return `${head('Shop', '<link rel="stylesheet" href="/vendor/cookieconsent/build/cookieconsent.min.css">\n')}</head>\n<body>\n${body}
<script src="/vendor/cookieconsent/build/cookieconsent.min.js"></script>
<script>
  function shopPixel() { new Image().src = ${inline(PIXEL('osano'))}; }
  window.cookieconsent.initialise({ type: 'opt-in', revokable: false, law: { regionalLaw: false }, location: false, content: ${inline(content)},
    onInitialise: function () { if (this.hasConsented()) shopPixel(); }, onStatusChange: function () { if (this.hasConsented()) shopPixel(); } });
</script>
</body>\n</html>\n`;
    }
    case 'orejime': {
      const config = {
        privacyPolicyUrl: '/pages/no-banner.html',
        cookie: { name: 'orejime', duration: 30 },
        purposes: [{ id: 'meta-pixel', title: 'Meta Pixel', description: '-', cookies: ['_fbp'] }],
      };
      return `${head('Shop', '<link rel="stylesheet" href="/vendor/orejime/dist/orejime-standard.css">\n')}<script>window.orejimeConfig = ${inline(config)};</script>
<script src="/vendor/orejime/dist/orejime-standard-${lang}.js"></script>
</head>\n<body>\n${body}<template data-purpose="meta-pixel"><img src="${PIXEL('orejime').replace(/&/g, '&amp;')}" alt="" width="1" height="1"></template>
</body>\n</html>\n`;
    }
  }
}
