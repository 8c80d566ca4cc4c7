// Same-origin script: the CSP forbids inline script and inline event handlers, so pages opt
// into behaviour with data-* attributes handled here. Model output is only ever set as text.
"use strict";

window.app = {
  /** The CSRF token from <meta name="csrf-token">, for fetch() calls that send the session cookie. */
  csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  },
};
