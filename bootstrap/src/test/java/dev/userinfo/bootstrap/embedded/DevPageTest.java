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

        String html = DevPage.render(List.of(hostile), "http://127.0.0.1:1",
                (url, username) -> List.of("curl " + url + " -d '" + username + "'"));

        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("a&amp;b"), html);
        // The terminal lines are escaped too: a username is attacker-chosen text in a file of users.
        assertTrue(html.contains("curl http://127.0.0.1:1 -d &#39;&lt;script&gt;"), html);
    }
}
