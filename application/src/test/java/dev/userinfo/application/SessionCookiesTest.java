package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Exact Set-Cookie strings, deletions, the split into halves, and Cookie header parsing. */
class SessionCookiesTest {

    private static final Pattern EXPIRES = Pattern.compile("; Expires=([^;]+);");

    private final SessionCookies secure = new SessionCookies(CookieScheme.HOST_PREFIXED);
    private final SessionCookies local = new SessionCookies(CookieScheme.PLAIN_HTTP_LOCALHOST);

    /** The value with its Expires replaced by a placeholder, after checking it is an IMF-fixdate about now + maxAge. */
    static String withoutExpires(String setCookie) {
        Matcher m = EXPIRES.matcher(setCookie);
        assertTrue(m.find(), setCookie);
        Instant expires = ZonedDateTime.parse(m.group(1), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Matcher age = Pattern.compile("Max-Age=(\\d+)").matcher(setCookie);
        assertTrue(age.find(), setCookie);
        Instant expected = Instant.now().plusSeconds(Long.parseLong(age.group(1)));
        assertTrue(Math.abs(Duration.between(expected, expires).getSeconds()) <= 60, setCookie);
        return m.replaceFirst("; Expires=<expires>;");
    }

    @Test
    void sessionCookie_isHostPrefixedSecureHttpOnlyStrict_withMaxAgeToTheAbsoluteLimit() {
        List<String> set = secure.setSession("abc.def", Duration.ofDays(7), Map.of()).orElseThrow();

        assertEquals(List.of("__Host-userinfo=abc.def; Max-Age=604800; Expires=<expires>; Path=/; Secure; HTTPOnly; SameSite=Strict"),
                set.stream().map(SessionCookiesTest::withoutExpires).toList());
    }

    @Test
    void loginCookie_isLax_tenMinutes() {
        assertEquals("__Host-userinfo-login=xyz; Max-Age=600; Expires=<expires>; Path=/; Secure; HTTPOnly; SameSite=Lax",
                withoutExpires(secure.setLogin("xyz", Duration.ofMinutes(10))));
    }

    @Test
    void deletions_haveAnEmptyValueAndMaxAgeZero_withTheSameAttributes() {
        assertEquals(List.of("__Host-userinfo=; Max-Age=0; Expires=<expires>; Path=/; Secure; HTTPOnly; SameSite=Strict"),
                secure.clearSession(Map.of()).stream().map(SessionCookiesTest::withoutExpires).toList());
        assertEquals("__Host-userinfo-login=; Max-Age=0; Expires=<expires>; Path=/; Secure; HTTPOnly; SameSite=Lax",
                withoutExpires(secure.clearLogin()));
        assertEquals(List.of("__Host-userinfo=; Max-Age=0; Expires=<expires>; Path=/; Secure; HTTPOnly; SameSite=Strict",
                        "__Host-userinfo.0=; Max-Age=0; Expires=<expires>; Path=/; Secure; HTTPOnly; SameSite=Strict",
                        "__Host-userinfo.1=; Max-Age=0; Expires=<expires>; Path=/; Secure; HTTPOnly; SameSite=Strict"),
                secure.clearSession(Map.of("__Host-userinfo.0", "a", "__Host-userinfo.1", "b")).stream()
                        .map(SessionCookiesTest::withoutExpires).toList());
    }

    @Test
    void plainHttpLocalhost_dropsThePrefixAndSecure_andNothingElse() {
        assertEquals(List.of("userinfo=abc; Max-Age=60; Expires=<expires>; Path=/; HTTPOnly; SameSite=Strict"),
                local.setSession("abc", Duration.ofMinutes(1), Map.of()).orElseThrow().stream()
                        .map(SessionCookiesTest::withoutExpires).toList());
        assertEquals("userinfo-login=; Max-Age=0; Expires=<expires>; Path=/; HTTPOnly; SameSite=Lax",
                withoutExpires(local.clearLogin()));
    }

    @Test
    void noCookieHasADomain() {
        for (String cookie : List.of(secure.setLogin("x", Duration.ofMinutes(10)), secure.clearLogin(),
                secure.setSession("y", Duration.ofHours(1), Map.of()).orElseThrow().get(0))) {
            assertTrue(!cookie.toLowerCase().contains("domain"), cookie);
        }
    }

    @Test
    void aSessionThatFitsOneCookie_isOne_upTo4096Bytes_andDeletesHalvesTheBrowserHad() {
        int room = 4096 - secure.setSession("", Duration.ofDays(7), Map.of()).orElseThrow().get(0).length();
        String fits = "a".repeat(room);

        List<String> set = secure.setSession(fits, Duration.ofDays(7), Map.of("__Host-userinfo.0", "x", "__Host-userinfo.1", "y"))
                .orElseThrow();

        assertEquals(3, set.size());
        assertEquals(4096, set.get(0).length());
        assertTrue(set.get(1).startsWith("__Host-userinfo.0=; Max-Age=0;"));
        assertTrue(set.get(2).startsWith("__Host-userinfo.1=; Max-Age=0;"));
    }

    @Test
    void oneByteMore_isSplitIntoTwoHalves_andTheWholeCookieTheBrowserHadIsDeleted() {
        int room = 4096 - secure.setSession("", Duration.ofDays(7), Map.of()).orElseThrow().get(0).length();
        String tooLong = "a".repeat(room) + "b";

        List<String> set = secure.setSession(tooLong, Duration.ofDays(7), Map.of("__Host-userinfo", "old")).orElseThrow();

        assertEquals(3, set.size());
        int half = (tooLong.length() + 1) / 2;
        assertTrue(set.get(0).startsWith("__Host-userinfo.0=" + tooLong.substring(0, half) + ";"));
        assertTrue(set.get(1).startsWith("__Host-userinfo.1=" + tooLong.substring(half) + ";"));
        assertTrue(tooLong.substring(half).endsWith("b"));
        assertTrue(set.get(2).startsWith("__Host-userinfo=; Max-Age=0;"));
        Map<String, String> back = Map.of("__Host-userinfo.0", value(set.get(0)), "__Host-userinfo.1", value(set.get(1)));
        assertEquals(Optional.of(tooLong), secure.session(back));
    }

    @Test
    void onlyTheTwoHalvesAreOurs_aThirdIndexIsNeverTouched() {
        Map<String, String> present = Map.of("__Host-userinfo.2", "x");

        assertEquals(1, secure.setSession("abc", Duration.ofHours(1), present).orElseThrow().size());
        assertEquals(1, secure.clearSession(present).size());
    }

    /** A split with no whole cookie in the request deletes nothing: exactly the two halves. */
    @Test
    void aSplitSession_withoutAWholeCookieBefore_isJustTheTwoHalves() {
        int room = 4096 - secure.setSession("", Duration.ofDays(7), Map.of()).orElseThrow().get(0).length();

        List<String> set = secure.setSession("a".repeat(room + 1), Duration.ofDays(7), Map.of("theme", "dark")).orElseThrow();

        assertEquals(2, set.size(), set.toString());
        assertTrue(set.get(0).startsWith("__Host-userinfo.0="));
        assertTrue(set.get(1).startsWith("__Host-userinfo.1="));
    }

    /**
     * An odd length puts the extra character in the first half: one over what the first half may hold
     * is too large even though the second half would fit.
     */
    @Test
    void aFirstHalfOneOverTheLimit_isTooLarge() {
        int room = 4096 - secure.setSession("", Duration.ofDays(7), Map.of()).orElseThrow().get(0).length();
        int halfRoom = room - 2; // ".0" and ".1" make each half's name two characters longer

        assertTrue(secure.setSession("a".repeat(2 * halfRoom), Duration.ofDays(7), Map.of()).isPresent());
        assertEquals(Optional.empty(), secure.setSession("a".repeat(2 * halfRoom + 1), Duration.ofDays(7), Map.of()));
    }

    @Test
    void whatTwoCookiesCannotHold_isTooLarge() {
        int room = 4096 - secure.setSession("", Duration.ofDays(7), Map.of()).orElseThrow().get(0).length();
        assertTrue(secure.setSession("a".repeat(2 * (room - 2)), Duration.ofDays(7), Map.of()).isPresent());
        assertEquals(Optional.empty(), secure.setSession("a".repeat(2 * room + 1), Duration.ofDays(7), Map.of()));
    }

    @Test
    void cookieHeader_isParsedStrictly_firstOfARepeatedNameWins_acrossHeaders() {
        Headers headers = Headers.of(null, Map.of("Cookie", List.of("theme=dark; __Host-userinfo=abc.def", "__Host-userinfo=later")));

        Map<String, String> cookies = SessionCookies.read(headers);

        assertEquals("abc.def", cookies.get("__Host-userinfo"));
        assertEquals("dark", cookies.get("theme"));
        assertEquals(Optional.of("abc.def"), secure.session(cookies));
        assertEquals(Optional.empty(), local.session(cookies), "the local scheme reads only its own names");
    }

    @Test
    void halves_countOnlyTogether_andAnEmptyValueIsNoCookie() {
        assertEquals(Optional.empty(), secure.session(Map.of("__Host-userinfo.0", "abc")));
        assertEquals(Optional.empty(), secure.session(Map.of("__Host-userinfo.1", "abc")));
        assertEquals(Optional.empty(), secure.session(Map.of("__Host-userinfo", "")));
        assertEquals(Optional.of("ab"), secure.session(Map.of("__Host-userinfo", "", "__Host-userinfo.0", "a", "__Host-userinfo.1", "b")));
        assertEquals(Optional.empty(), secure.session(Map.of("__Host-userinfo.0", "", "__Host-userinfo.1", "abc")));
        assertEquals(Optional.empty(), secure.session(Map.of("__Host-userinfo.0", "abc", "__Host-userinfo.1", "")));
        assertEquals(Optional.empty(), secure.login(Map.of("__Host-userinfo-login", "")));
        assertEquals(Optional.of("l"), secure.login(Map.of("__Host-userinfo-login", "l")));
    }

    @Test
    void malformedCookieHeaders_yieldNothing_neverThrow() {
        for (String header : List.of("", ";;;", "=", "=x", "a", "__Host-userinfo", "__Host-userinfo=a b", "__Host-userinfo=\"x",
                "\u0000=\u0001", "__Host-userinfo=" + "x".repeat(20_000))) {
            Map<String, String> cookies = SessionCookies.read(Headers.of(Map.of("Cookie", header)));
            assertTrue(cookies.values().stream().noneMatch(v -> v.contains(" ") || v.contains("\u0001")), header);
        }
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }
}
