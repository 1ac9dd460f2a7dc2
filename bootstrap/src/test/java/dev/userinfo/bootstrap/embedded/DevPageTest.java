package dev.userinfo.bootstrap.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevPageTest {

    @Test
    void devPage_escapesMarkupInUserData() {
        DevUser hostile = new DevUser("<script>alert(1)</script>", null,
                Map.of("nickname", "\"><img src=x onerror=alert(1)>"), List.of("a&b"), true);

        SignInServer.Endpoints signIn = new SignInServer.Endpoints(java.net.URI.create("http://localhost:2"),
                EmbeddedTokenIssuer.issuerFor(2), EmbeddedTokenIssuer.POOL_ID, "client\"<x>", java.util.Optional.empty(),
                RegisteredUris.of(List.of("http://localhost:*")), RegisteredUris.of(List.of("http://localhost:*")));
        String html = DevPage.render(List.of(hostile), List.of("<b>gone</b>"), signIn, "http://127.0.0.1:1",
                (url, username) -> List.of("curl " + url + " -d '" + username + "'"));

        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("a&amp;b"), html);
        assertFalse(html.contains("<b>gone"), html);
        assertTrue(html.contains("&lt;b&gt;gone&lt;/b&gt;"), html);
        assertTrue(html.contains("data-client-id=\"client&quot;&lt;x&gt;\""), html);
        // The terminal lines are escaped too: a username is attacker-chosen text in a file of users.
        assertTrue(html.contains("curl http://127.0.0.1:1 -d &#39;&lt;script&gt;"), html);
    }
}
