package dev.userinfo.application;

import dev.userinfo.domain.session.CompleteSignIn;
import dev.userinfo.domain.session.PendingSignIns;
import dev.userinfo.domain.session.ResumeSession;
import dev.userinfo.domain.session.Session;
import dev.userinfo.domain.session.SessionPolicy;
import dev.userinfo.domain.session.SessionResult;
import dev.userinfo.domain.session.SessionSealer;
import dev.userinfo.domain.session.SignInResult;
import dev.userinfo.domain.session.SignInStart;
import dev.userinfo.domain.session.SignOut;
import dev.userinfo.domain.session.StartSignIn;
import dev.userinfo.domain.session.Unsealed;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP shape of cookie sessions (BFF.md), once for every entry point: {@code GET /auth/login},
 * {@code GET /auth/callback}, {@code POST /auth/logout} (and its preflight), and cookie-authenticated
 * {@code GET /userinfo}; the redirects, the {@code Set-Cookie} values, the CSRF checks, and the one
 * place where each outcome of the session use cases becomes a status. Pattern: the backend for
 * frontend of draft-ietf-oauth-browser-based-apps, section 6.1: the browser holds an encrypted
 * {@code HttpOnly} cookie and never a token.
 */
public final class CookieSessions {

    public static final String LOGIN_PATH = "/auth/login";
    public static final String CALLBACK_PATH = "/auth/callback";
    public static final String LOGOUT_PATH = "/auth/logout";

    static final String LOGOUT_METHODS = "POST, OPTIONS";
    static final String NAVIGATION_METHODS = "GET";
    /** The query parameter a refused sign-in's {@code returnTo} gets: the server's error code. */
    static final String SIGNIN_ERROR = "signin_error";
    /** RFC 6749, section 4.1.2.1 error codes are ASCII words; anything else is not passed on. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    /**
     * Where the authorization server sends the browser back: this service's {@code /auth/callback} as
     * the browser reaches it. Fixed in a deployment; the local server may follow the request's host.
     */
    @FunctionalInterface
    public interface RedirectUris {
        /** The {@code redirect_uri} for a sign-in that {@code request} starts. */
        URI forRequest(HttpRequest request);

        /** Always {@code uri} ({@code SESSION_REDIRECT_URI}). */
        static RedirectUris fixed(URI uri) {
            Objects.requireNonNull(uri, "uri");
            return request -> uri;
        }
    }

    /**
     * Where the authorization server's {@code /logout} sends the browser after a sign-out
     * ({@code logout_uri}). Fixed in a deployment ({@code SESSION_LOGOUT_URI}); the local server may
     * follow the app that asked (its {@code Origin}).
     */
    @FunctionalInterface
    public interface LogoutRedirects {
        /** The {@code logout_uri} for a sign-out that {@code request} asks for (it passed the CSRF check). */
        URI forRequest(HttpRequest request);

        /** Always {@code uri}. */
        static LogoutRedirects fixed(URI uri) {
            Objects.requireNonNull(uri, "uri");
            return request -> uri;
        }
    }

    private final StartSignIn startSignIn;
    private final CompleteSignIn completeSignIn;
    private final ResumeSession resumeSession;
    private final SignOut signOut;
    private final SessionSealer sealer;
    private final Clock clock;
    private final SessionCookies cookies;
    private final RedirectUris redirectUris;
    private final LogoutRedirects logoutRedirects;

    /**
     * @param scheme         the cookies' names and {@code Secure}: {@link CookieScheme#HOST_PREFIXED} in
     *                       every deployment
     * @param redirectUris   the {@code redirect_uri} of each sign-in
     * @param logoutRedirect where the authorization server's {@code /logout} sends the browser
     */
    public CookieSessions(StartSignIn startSignIn, CompleteSignIn completeSignIn, ResumeSession resumeSession,
            SignOut signOut, SessionSealer sealer, Clock clock, CookieScheme scheme, RedirectUris redirectUris,
            URI logoutRedirect) {
        this(startSignIn, completeSignIn, resumeSession, signOut, sealer, clock, scheme, redirectUris,
                LogoutRedirects.fixed(logoutRedirect));
    }

    /**
     * @param scheme          the cookies' names and {@code Secure}: {@link CookieScheme#HOST_PREFIXED} in
     *                        every deployment
     * @param redirectUris    the {@code redirect_uri} of each sign-in
     * @param logoutRedirects the {@code logout_uri} of each sign-out
     */
    public CookieSessions(StartSignIn startSignIn, CompleteSignIn completeSignIn, ResumeSession resumeSession,
            SignOut signOut, SessionSealer sealer, Clock clock, CookieScheme scheme, RedirectUris redirectUris,
            LogoutRedirects logoutRedirects) {
        this.startSignIn = Objects.requireNonNull(startSignIn, "startSignIn");
        this.completeSignIn = Objects.requireNonNull(completeSignIn, "completeSignIn");
        this.resumeSession = Objects.requireNonNull(resumeSession, "resumeSession");
        this.signOut = Objects.requireNonNull(signOut, "signOut");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cookies = new SessionCookies(Objects.requireNonNull(scheme, "scheme"));
        this.redirectUris = Objects.requireNonNull(redirectUris, "redirectUris");
        this.logoutRedirects = Objects.requireNonNull(logoutRedirects, "logoutRedirects");
    }

    /** The route a path names among {@code /auth/*}, for the access log; empty for any other path. */
    Optional<String> route(String path) {
        return switch (path) {
            case LOGIN_PATH, CALLBACK_PATH, LOGOUT_PATH -> Optional.of(path);
            default -> Optional.empty();
        };
    }

    /** Answers a request on one of the {@code /auth/*} routes. */
    HttpResponse handle(HttpRequest request, Responses responses) {
        Optional<String> origin = responses.allowedOrigin(request);
        String method = request.method();
        switch (request.path()) {
            case LOGIN_PATH:
                return "GET".equals(method) ? login(request, responses, origin)
                        : notAllowed(responses, origin, NAVIGATION_METHODS);
            case CALLBACK_PATH:
                return "GET".equals(method) ? callback(request, responses, origin)
                        : notAllowed(responses, origin, NAVIGATION_METHODS);
            default:
                if ("POST".equals(method)) {
                    return logout(request, responses, origin);
                }
                return "OPTIONS".equals(method) ? responses.preflight(request, LOGOUT_METHODS)
                        : notAllowed(responses, origin, LOGOUT_METHODS);
        }
    }

    private static HttpResponse notAllowed(Responses responses, Optional<String> origin, String allow) {
        return responses.error(ErrorCode.METHOD_NOT_ALLOWED, origin, Map.of("Allow", allow), List.of(),
                RequestOutcome.of("method_not_allowed"));
    }

    private HttpResponse login(HttpRequest request, Responses responses, Optional<String> origin) {
        Map<String, String> present = SessionCookies.read(request.headers());
        String returnTo = ReturnTo.safe(request.query().first("returnTo").orElse(null), responses.cors());
        SignInStart started = startSignIn.start(pendingSignIns(present), returnTo, redirectUris.forRequest(request));
        return redirect(302, started.authorizationUri().toString(), responses, origin,
                List.of(cookies.setLogin(sealer.sealSignIns(started.pending()), SessionPolicy.SIGN_IN_LIFETIME)),
                RequestOutcome.of("signin_started"));
    }

    private PendingSignIns pendingSignIns(Map<String, String> present) {
        return cookies.login(present).map(sealer::openSignIns)
                .filter(u -> u instanceof Unsealed.Valid).map(u -> ((Unsealed.Valid<PendingSignIns>) u).value())
                .orElse(PendingSignIns.none());
    }

    /** The one place where each outcome of a callback becomes a status. */
    private HttpResponse callback(HttpRequest request, Responses responses, Optional<String> origin) {
        Map<String, String> present = SessionCookies.read(request.headers());
        SignInResult result = completeSignIn.complete(pendingSignIns(present),
                request.query().first("state").orElse(null), request.query().first("code").orElse(null),
                request.query().first("error").orElse(null));
        if (result instanceof SignInResult.SignedIn in) {
            Session session = in.session();
            Optional<List<String>> stored = cookies.setSession(sealer.sealSession(session),
                    Duration.between(clock.instant(), session.absoluteExpiry()), present);
            List<String> set = new ArrayList<>();
            if (stored.isEmpty()) {
                set.addAll(cookies.clearSession(present));
                set.add(loginCookie(in.remaining()));
                return responses.error(ErrorCode.SESSION_TOO_LARGE, origin, Map.of(), set,
                        new RequestOutcome("session_too_large", session.groups().size() + "_GROUPS", session.sub()));
            }
            set.addAll(stored.get());
            set.add(loginCookie(in.remaining()));
            return redirect(303, in.returnTo(), responses, origin, set, new RequestOutcome("signed_in", null, session.sub()));
        }
        if (result instanceof SignInResult.Refused refused) {
            String error = ERROR_CODE.matcher(refused.error()).matches() ? refused.error() : "unknown_error";
            return redirect(303, withQueryParameter(refused.returnTo(), SIGNIN_ERROR, error), responses, origin,
                    List.of(loginCookie(refused.remaining())), new RequestOutcome("signin_refused", error, null));
        }
        if (result instanceof SignInResult.Failed failed) {
            String reason = failed.failure().name() + (failed.detail() == null ? "" : ":" + failed.detail());
            return responses.error(ErrorCode.SIGNIN_FAILED, origin, Map.of(), List.of(loginCookie(failed.remaining())),
                    new RequestOutcome("signin_failed", reason, null));
        }
        if (result instanceof SignInResult.Unavailable unavailable) {
            // The pending sign-in stays: the browser may come back with the same callback.
            return responses.error(ErrorCode.TEMPORARILY_UNAVAILABLE, origin,
                    Map.of("Retry-After", Responses.RETRY_AFTER_SECONDS), List.of(),
                    new RequestOutcome("temporarily_unavailable", unavailable.dependency().name(), null));
        }
        throw new IllegalStateException("unmapped result " + result.getClass().getSimpleName());
    }

    private String loginCookie(PendingSignIns remaining) {
        return remaining.isEmpty() ? cookies.clearLogin()
                : cookies.setLogin(sealer.sealSignIns(remaining), SessionPolicy.SIGN_IN_LIFETIME);
    }

    private HttpResponse logout(HttpRequest request, Responses responses, Optional<String> origin) {
        Optional<String> csrf = CsrfCheck.failure(request, responses.cors());
        if (csrf.isPresent()) {
            return responses.error(ErrorCode.CSRF_REJECTED, origin, Map.of(), List.of(),
                    new RequestOutcome("csrf_rejected", csrf.get(), null));
        }
        Map<String, String> present = SessionCookies.read(request.headers());
        Optional<Session> session = cookies.session(present).map(sealer::openSession)
                .filter(u -> u instanceof Unsealed.Valid).map(u -> ((Unsealed.Valid<Session>) u).value());
        SignOut.SignedOut out = signOut.signOut(session, logoutRedirects.forRequest(request));
        List<String> set = new ArrayList<>(cookies.clearSession(present));
        set.add(cookies.clearLogin());
        return new HttpResponse(200, responses.baseHeaders(origin), set,
                new WireBodies.LogoutBody(out.logoutUri().toString()).json(),
                new RequestOutcome("signed_out", out.revoked() ? "REVOKED" : "NOT_REVOKED",
                        session.map(Session::sub).orElse(null)));
    }

    /**
     * Answers {@code GET /userinfo} by the session cookie; empty when the request has none (whole, or
     * both halves), and the bearer contract answers instead. The one place where each outcome of a
     * cookie-authenticated request becomes a status.
     */
    Optional<HttpResponse> userInfo(HttpRequest request, Responses responses) {
        Map<String, String> present = SessionCookies.read(request.headers());
        return cookies.session(present).map(sealed -> userInfo(request, responses, present, sealed));
    }

    private HttpResponse userInfo(HttpRequest request, Responses responses, Map<String, String> present, String sealed) {
        Optional<String> origin = responses.allowedOrigin(request);
        Optional<String> csrf = CsrfCheck.failure(request, responses.cors());
        if (csrf.isPresent()) {
            return responses.error(ErrorCode.CSRF_REJECTED, origin, Map.of(), List.of(),
                    new RequestOutcome("csrf_rejected", csrf.get(), null));
        }
        Unsealed<Session> opened = sealer.openSession(sealed);
        if (opened instanceof Unsealed.Invalid<Session> invalid) {
            return responses.error(ErrorCode.INVALID_SESSION, origin, Map.of("WWW-Authenticate", UserInfoEndpoint.REALM),
                    cookies.clearSession(present), new RequestOutcome("invalid_session", invalid.reason().name(), null));
        }
        Unsealed.Valid<Session> valid = (Unsealed.Valid<Session>) opened;
        SessionResult result = resumeSession.resume(valid.value(), valid.underOldKey());
        if (result instanceof SessionResult.Ended ended) {
            return responses.error(ErrorCode.SESSION_EXPIRED, origin, Map.of("WWW-Authenticate", UserInfoEndpoint.REALM),
                    cookies.clearSession(present), new RequestOutcome("session_expired", ended.reason().name(), ended.sub()));
        }
        Optional<Session> rewrite = rewriteOf(result);
        List<String> set = List.of();
        if (rewrite.isPresent()) {
            Optional<List<String>> stored = cookies.setSession(sealer.sealSession(rewrite.get()),
                    Duration.between(clock.instant(), rewrite.get().absoluteExpiry()), present);
            if (stored.isEmpty()) {
                return responses.error(ErrorCode.SESSION_TOO_LARGE, origin, Map.of(), cookies.clearSession(present),
                        new RequestOutcome("session_too_large", rewrite.get().groups().size() + "_GROUPS",
                                rewrite.get().sub()));
            }
            set = stored.get();
        }
        if (result instanceof SessionResult.Active active) {
            return UserInfoEndpoint.userInfo(responses, active.userInfo(), origin, set,
                    new RequestOutcome("ok", "SESSION", active.userInfo().sub()));
        }
        if (result instanceof SessionResult.Disabled disabled) {
            return responses.error(ErrorCode.USER_DISABLED, origin, Map.of(), set,
                    new RequestOutcome("user_disabled", "SESSION", disabled.sub()));
        }
        if (result instanceof SessionResult.Unavailable unavailable) {
            return responses.error(ErrorCode.TEMPORARILY_UNAVAILABLE, origin,
                    Map.of("Retry-After", Responses.RETRY_AFTER_SECONDS), set,
                    new RequestOutcome("temporarily_unavailable", unavailable.dependency().name(), unavailable.sub()));
        }
        throw new IllegalStateException("unmapped result " + result.getClass().getSimpleName());
    }

    private static Optional<Session> rewriteOf(SessionResult result) {
        if (result instanceof SessionResult.Active active) {
            return active.rewrite();
        }
        if (result instanceof SessionResult.Disabled disabled) {
            return disabled.rewrite();
        }
        if (result instanceof SessionResult.Unavailable unavailable) {
            return unavailable.rewrite();
        }
        return Optional.empty();
    }

    private HttpResponse redirect(int status, String location, Responses responses, Optional<String> origin,
            List<String> set, RequestOutcome outcome) {
        Map<String, String> headers = new LinkedHashMap<>(responses.baseHeaders(origin));
        headers.put("Location", location);
        return new HttpResponse(status, headers, set, "", outcome);
    }

    /** {@code target} with one more query parameter, before any fragment. */
    static String withQueryParameter(String target, String name, String value) {
        int hash = target.indexOf('#');
        String base = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? "" : target.substring(hash);
        String separator = base.contains("?") ? "&" : "?";
        return base + separator + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + fragment;
    }
}
