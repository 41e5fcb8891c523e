/**
 * Keycloak's logout pages (theme `keycloak.v2`: logout-confirm.ftl and the
 * "You are logged out" info page), enough for a person and a browser test to
 * recognise them.
 */
import { escapeHtml as escape } from '../http.ts';

const style = `<style>
body{font-family:system-ui,sans-serif;background:#f0f0f0;margin:0}
main{max-width:380px;margin:80px auto;background:#fff;padding:32px;border-top:4px solid #0066cc;box-shadow:0 2px 8px #0002}
h1{font-size:22px;margin:0 0 16px}
button{margin-top:20px;width:100%;padding:10px;background:#0066cc;color:#fff;border:0;font-size:15px}
</style>`;

/**
 * `form` is oidc-provider's `<form id="op.logoutForm">` with its XSRF token;
 * the button submits it with `logout=yes`, which ends the whole SSO session.
 * With `confirmAutomatically` (a valid id_token_hint) the page submits itself,
 * as Keycloak logs out without asking then.
 */
export function logoutConfirmPage(options: {
  realmTitle: string;
  form: string;
  confirmAutomatically: boolean;
}): string {
  const { realmTitle, form, confirmAutomatically } = options;
  const autoSubmit = confirmAutomatically
    ? `<script>document.addEventListener('DOMContentLoaded',function(){document.getElementById('kc-logout').click()})</script>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Logging out of ${escape(realmTitle)}</title>
${style}${autoSubmit}</head>
<body><main>
<h1>Logging out</h1>
<p>Do you want to log out?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="kc-logout">Logout</button>
</main></body></html>`;
}

export function loggedOutPage(realmTitle: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Logged out of ${escape(realmTitle)}</title>
${style}</head>
<body><main>
<h1>You are logged out</h1>
</main></body></html>`;
}
