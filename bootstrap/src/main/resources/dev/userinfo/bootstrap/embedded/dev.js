// The /dev page: sign in through the embedded sign-in server (authorization code + PKCE, as an app
// would), show the tokens' claims, flip the dev switches, and mint tokens for /userinfo directly.
"use strict";
(function () {
  const body = document.body.dataset;
  const redirectUri = location.origin + "/dev";
  const $ = (id) => document.getElementById(id);

  function show(element, text, outcome) {
    element.textContent = text;
    element.className = "status " + (outcome || "");
  }
  function outcomeOf(status) {
    return status >= 200 && status < 300 ? "ok" : status >= 500 ? "bad" : "warn";
  }
  function pretty(text) {
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
  }
  function failed(where, e) {
    return where + " failed: " + (e && e.name === "TypeError"
      ? "no answer (is the local server running, and is this page's origin allowed?)" : String(e));
  }

  // --- tokens minted directly -------------------------------------------------------------
  async function tryUser(username, kind) {
    const status = $("status"), output = $("output"), tokenView = $("token");
    show(status, "…");
    output.textContent = "";
    tokenView.textContent = "";
    try {
      const minted = await fetch("/dev/token", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: username }),
      });
      const text = await minted.text();
      if (!minted.ok) {
        show(status, "POST /dev/token → " + minted.status, outcomeOf(minted.status));
        output.textContent = pretty(text);
        return;
      }
      const token = JSON.parse(text)[kind];
      const answer = await fetch("/userinfo", { headers: { Authorization: "Bearer " + token } });
      show(status, "GET /userinfo with " + username + "'s " + kind.replace("_", " ") + " → " + answer.status,
        outcomeOf(answer.status));
      output.textContent = pretty(await answer.text());
      tokenView.textContent = token;
    } catch (e) {
      show(status, failed("request", e), "bad");
    }
  }
  document.querySelectorAll("button[data-token]").forEach(function (button) {
    button.addEventListener("click", function () { tryUser(button.dataset.username, button.dataset.token); });
  });

  // --- user switches ----------------------------------------------------------------------
  document.querySelectorAll("button[data-user-action]").forEach(function (button) {
    button.addEventListener("click", async function () {
      const status = $("status");
      const path = "/dev/users/" + encodeURIComponent(button.dataset.user) + "/" + button.dataset.userAction;
      try {
        const answer = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
        const text = await answer.text();
        show(status, "POST " + path + " → " + answer.status, outcomeOf(answer.status));
        $("output").textContent = pretty(text);
        if (answer.ok) {
          sessionStorage.setItem("dev.lastAction", status.textContent + "\n" + pretty(text));
          location.reload();
        }
      } catch (e) {
        show(status, failed("POST " + path, e), "bad");
      }
    });
  });
  const lastAction = sessionStorage.getItem("dev.lastAction");
  if (lastAction) {
    sessionStorage.removeItem("dev.lastAction");
    const lines = lastAction.split("\n");
    show($("status"), lines[0], "ok");
    $("output").textContent = lines.slice(1).join("\n");
  }

  // --- token switches ---------------------------------------------------------------------
  function showSettings(settings) {
    $("lifetime").value = settings.tokenLifetimeSeconds;
    $("failure").value = String(settings.tokenEndpointFailure || 0);
    const failing = settings.tokenEndpointFailure;
    show($("switch-status"), "new tokens live " + settings.tokenLifetimeSeconds + " s; token endpoint "
      + (failing ? "fails with " + failing : "answers normally"), failing ? "warn" : "ok");
  }
  async function settings(change) {
    try {
      const answer = await fetch("/dev/settings", change
        ? { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(change) } : {});
      const text = await answer.text();
      if (!answer.ok) {
        show($("switch-status"), "/dev/settings → " + answer.status + ": " + (JSON.parse(text).error_description || text), "bad");
        return;
      }
      showSettings(JSON.parse(text));
    } catch (e) {
      show($("switch-status"), failed("/dev/settings", e), "bad");
    }
  }
  $("apply-lifetime").addEventListener("click", function () { settings({ tokenLifetimeSeconds: Number($("lifetime").value) }); });
  $("lifetime-60").addEventListener("click", function () { settings({ tokenLifetimeSeconds: 60 }); });
  $("failure").addEventListener("change", function () { settings({ tokenEndpointFailure: Number($("failure").value) }); });
  settings(null);

  // --- sign in through the flow -----------------------------------------------------------
  const flowStatus = $("flow-status");
  function base64url(bytes) {
    let text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function random() {
    return base64url(crypto.getRandomValues(new Uint8Array(32)));
  }
  function claims(jwt) {
    if (!jwt) { return "– (no openid scope, no ID token)"; }
    const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.stringify(JSON.parse(new TextDecoder().decode(bytes)), null, 2);
  }
  function tokens() {
    const stored = sessionStorage.getItem("dev.tokens");
    return stored ? JSON.parse(stored) : null;
  }
  function showTokens(set) {
    const signedIn = set !== null;
    ["call-userinfo", "refresh", "revoke", "sign-out"].forEach(function (id) { $(id).disabled = !signedIn; });
    $("id-claims").textContent = signedIn ? claims(set.id_token) : "–";
    $("access-claims").textContent = signedIn ? claims(set.access_token) : "–";
  }
  async function tokenEndpoint(url, form, what) {
    try {
      const answer = await fetch(url, {
        method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form),
      });
      const text = await answer.text();
      return { status: answer.status, text: text };
    } catch (e) {
      show(flowStatus, failed(what, e), "bad");
      return null;
    }
  }
  function describe(what, answer) {
    let detail = "";
    try { const json = JSON.parse(answer.text); detail = json.error ? ": " + json.error + (json.error_description ? " (" + json.error_description + ")" : "") : ""; } catch (e) { detail = ""; }
    return what + " → " + answer.status + detail;
  }

  $("sign-in").addEventListener("click", async function () {
    const verifier = random(), state = random(), nonce = random();
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
    sessionStorage.setItem("dev.pending", JSON.stringify({ verifier: verifier, state: state, nonce: nonce }));
    const query = new URLSearchParams({
      response_type: "code", client_id: body.clientId, redirect_uri: redirectUri, scope: "openid email profile",
      state: state, nonce: nonce, code_challenge: base64url(new Uint8Array(digest)), code_challenge_method: "S256",
      prompt: "login",
    });
    location.assign(body.authorize + "?" + query);
  });

  $("call-userinfo").addEventListener("click", async function () {
    const set = tokens();
    try {
      const answer = await fetch("/userinfo", { headers: { Authorization: "Bearer " + set.access_token } });
      show($("status"), "GET /userinfo with the signed-in access token → " + answer.status, outcomeOf(answer.status));
      $("output").textContent = pretty(await answer.text());
      $("token").textContent = set.access_token;
    } catch (e) {
      show($("status"), failed("GET /userinfo", e), "bad");
    }
  });

  $("refresh").addEventListener("click", async function () {
    const set = tokens();
    const answer = await tokenEndpoint(body.tokenEndpoint,
      { grant_type: "refresh_token", client_id: body.clientId, refresh_token: set.refresh_token }, "refresh");
    if (answer === null) { return; }
    show(flowStatus, describe("refresh_token grant", answer), outcomeOf(answer.status));
    if (answer.status === 200) {
      const fresh = JSON.parse(answer.text);
      fresh.refresh_token = fresh.refresh_token || set.refresh_token;
      sessionStorage.setItem("dev.tokens", JSON.stringify(fresh));
      showTokens(fresh);
    }
  });

  $("revoke").addEventListener("click", async function () {
    const answer = await tokenEndpoint(body.revoke, { token: tokens().refresh_token, client_id: body.clientId }, "revoke");
    if (answer !== null) {
      show(flowStatus, describe("revoke the refresh token", answer) + (answer.status === 200 ? " (Refresh now fails)" : ""),
        outcomeOf(answer.status));
    }
  });

  $("sign-out").addEventListener("click", async function () {
    const set = tokens();
    await tokenEndpoint(body.revoke, { token: set.refresh_token, client_id: body.clientId }, "revoke");
    sessionStorage.removeItem("dev.tokens");
    location.assign(body.logout + "?" + new URLSearchParams({ client_id: body.clientId, logout_uri: redirectUri }));
  });

  async function completeSignIn(params) {
    history.replaceState(null, "", "/dev");
    const pending = JSON.parse(sessionStorage.getItem("dev.pending") || "null");
    sessionStorage.removeItem("dev.pending");
    if (params.has("error")) {
      show(flowStatus, "sign-in answered error=" + params.get("error") + (params.has("error_description")
        ? " (" + params.get("error_description") + ")" : ""), "bad");
      return;
    }
    if (pending === null || params.get("state") !== pending.state) {
      show(flowStatus, "sign-in refused here: the state does not match the one this tab sent", "bad");
      return;
    }
    const answer = await tokenEndpoint(body.tokenEndpoint, {
      grant_type: "authorization_code", code: params.get("code"), redirect_uri: redirectUri, client_id: body.clientId,
      code_verifier: pending.verifier,
    }, "the code exchange");
    if (answer === null) { return; }
    if (answer.status !== 200) {
      show(flowStatus, describe("authorization_code grant", answer), outcomeOf(answer.status));
      return;
    }
    const set = JSON.parse(answer.text);
    const idClaims = JSON.parse(claims(set.id_token));
    if (idClaims.nonce !== pending.nonce) {
      show(flowStatus, "the ID token's nonce is not the one this tab sent", "bad");
      return;
    }
    sessionStorage.setItem("dev.tokens", JSON.stringify(set));
    showTokens(set);
    show(flowStatus, "signed in as " + idClaims["cognito:username"] + " (authorization_code grant → 200)", "ok");
  }

  if (body.confidential === "true") {
    $("sign-in").disabled = true;
    show(flowStatus, "The app client has a secret (SIGN_IN_CLIENT_SECRET): a browser page cannot keep one, so this"
      + " page does not sign in through the flow. Use a server-side client, or the token buttons below.", "warn");
  }
  const params = new URLSearchParams(location.search);
  if (params.has("code") || params.has("error")) {
    completeSignIn(params);
  } else {
    const set = tokens();
    showTokens(set);
    if (set !== null) {
      show(flowStatus, "signed in as " + JSON.parse(claims(set.id_token))["cognito:username"], "ok");
    }
  }
})();
