package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does on the sign-in server's login page, over real HTTP: opens the authorization
 * URL, posts one of the page's forms as a browser would ({@code application/x-www-form-urlencoded}),
 * keeps the sign-in session cookie, and never follows a redirect, so the test sees every Location.
 */
final class LoginPageBrowser {

    private static final Pattern LOGIN_REQUEST = Pattern.compile("name=\"login_request\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String sessionCookie;

    HttpResponse<String> get(URI uri) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (sessionCookie != null) {
            request.header("Cookie", "cognito=" + sessionCookie);
        }
        return remember(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> post(URI uri, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (sessionCookie != null) {
            request.header("Cookie", "cognito=" + sessionCookie);
        }
        return remember(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Opens the authorization URL, expects the login page, and presses the button of this dev user. */
    URI signInAs(URI authorizationUrl, String username) throws Exception {
        HttpResponse<String> page = get(authorizationUrl);
        assertEquals(200, page.statusCode(), page.body());
        HttpResponse<String> answer = post(loginUri(authorizationUrl), Map.of("login_request", loginRequest(page.body()),
                "dev_user", username));
        assertEquals(302, answer.statusCode(), answer.body());
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    /** Opens the authorization URL and submits the username and password form. */
    HttpResponse<String> signInWithPassword(URI authorizationUrl, String username, String password) throws Exception {
        HttpResponse<String> page = get(authorizationUrl);
        assertEquals(200, page.statusCode(), page.body());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login_request", loginRequest(page.body()));
        form.put("username", username);
        form.put("password", password);
        return post(loginUri(authorizationUrl), form);
    }

    static URI loginUri(URI authorizationUrl) {
        return authorizationUrl.resolve("/login");
    }

    static String loginRequest(String html) {
        Matcher m = LOGIN_REQUEST.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no login form on the page:\n" + html);
        }
        return m.group(1);
    }

    Optional<String> sessionCookie() {
        return Optional.ofNullable(sessionCookie);
    }

    void forgetCookies() {
        sessionCookie = null;
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            if (setCookie.startsWith("cognito=")) {
                String value = setCookie.substring("cognito=".length(), setCookie.indexOf(';'));
                sessionCookie = value.isEmpty() || setCookie.contains("Max-Age=0") ? null : value;
            }
        }
        return response;
    }
}
