// The /dev page: mint a token for a dev user, call /userinfo with it, show the answer as received.
"use strict";
(function () {
  const status = document.getElementById("status");
  const output = document.getElementById("output");
  const tokenView = document.getElementById("token");

  async function tryUser(username, kind) {
    status.textContent = "…";
    output.textContent = "";
    tokenView.textContent = "";
    try {
      const minted = await fetch("/dev/token", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: username }),
      });
      const tokens = await minted.json();
      if (!minted.ok) {
        status.textContent = "POST /dev/token → " + minted.status;
        output.textContent = JSON.stringify(tokens);
        return;
      }
      const token = tokens[kind];
      const answer = await fetch("/userinfo", { headers: { Authorization: "Bearer " + token } });
      status.textContent = "GET /userinfo with " + username + "'s " + kind.replace("_", " ") + " → " + answer.status;
      output.textContent = await answer.text();
      tokenView.textContent = token;
    } catch (e) {
      status.textContent = "request failed: " + e;
    }
  }

  document.querySelectorAll("button[data-username]").forEach(function (button) {
    button.addEventListener("click", function () {
      tryUser(button.dataset.username, button.dataset.token);
    });
  });
})();
