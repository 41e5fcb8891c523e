/** Keycloak-like login page for the example users (no scripts, one form). */
import { escapeHtml as escape } from '../http.ts';

export function loginPage(options: {
  realmTitle: string;
  action: string;
  username?: string;
  error?: string;
}): string {
  const { realmTitle, action, username = '', error } = options;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Sign in to ${escape(realmTitle)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f0f0f0;margin:0}
main{max-width:380px;margin:80px auto;background:#fff;padding:32px;border-top:4px solid #0066cc;box-shadow:0 2px 8px #0002}
h1{font-size:22px;margin:0 0 4px}p.hint{color:#666;font-size:13px;margin:0 0 20px}
label{display:block;margin:12px 0 4px;font-size:14px}
input{width:100%;box-sizing:border-box;padding:8px;font-size:15px}
button{margin-top:20px;width:100%;padding:10px;background:#0066cc;color:#fff;border:0;font-size:15px}
.error{background:#fdecea;color:#8a1c1c;padding:10px;margin-bottom:12px;font-size:14px}
</style></head>
<body><main>
<h1>Sign in to ${escape(realmTitle)}</h1>
<p class="hint">Local Keycloak stand-in (packages/sandbox). Example users and passwords are in infra/keycloak/README.md.</p>
${
  error
    ? `<div class="error" role="alert" id="input-error">${escape(error)}</div>`
    : ''
}
<form method="post" action="${escape(action)}">
<label for="username">Username or email</label>
<input id="username" name="username" autocomplete="username" value="${escape(
    username,
  )}" autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit" id="kc-login" name="login">Sign In</button>
</form>
</main></body></html>`;
}
