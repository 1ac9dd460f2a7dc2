package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

    private static final RequestOutcome OK = RequestOutcome.of("ok");

    @Test
    void cookiesKeepTheirOrder_andCannotBeChangedAfterwards() {
        List<String> cookies = new ArrayList<>(List.of("a=1; Path=/", "b=2; Path=/"));

        HttpResponse response = new HttpResponse(200, Map.of(), cookies, "{}", OK);
        cookies.add("c=3");

        assertEquals(List.of("a=1; Path=/", "b=2; Path=/"), response.cookies());
        assertThrows(UnsupportedOperationException.class, () -> response.cookies().add("d=4"));
    }

    @Test
    void setCookieAsAPlainHeader_isRefused_inAnyCase() {
        // A map holds one value per name: a second cookie would silently replace the first.
        assertThrows(IllegalArgumentException.class,
                () -> new HttpResponse(200, Map.of("set-cookie", "a=1"), "{}", OK));
        assertThrows(IllegalArgumentException.class,
                () -> new HttpResponse(200, Map.of("Set-Cookie", "a=1"), List.of(), "{}", OK));
    }

    @Test
    void withoutCookies_theListIsEmpty() {
        assertEquals(List.of(), new HttpResponse(204, Map.of(), null, OK).cookies());
        assertEquals("", new HttpResponse(204, Map.of(), null, OK).body());
    }
}
