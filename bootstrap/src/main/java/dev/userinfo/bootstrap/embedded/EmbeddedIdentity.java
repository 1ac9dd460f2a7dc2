package dev.userinfo.bootstrap.embedded;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded mode's identity provider, one per local server: its users, its token minting, the
 * sign-in server's codes, refresh tokens and sessions, and the dev switches. Its user actions are
 * those of Cognito's admin API and act on all of that at once: a deleted or globally signed-out
 * user's refresh tokens and sign-in sessions end with the action.
 */
public final class EmbeddedIdentity {

    private final DevUsers users;
    private final DevSettings settings;
    private final DevAppClient client;
    private final EmbeddedTokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final AuthorizationCodes codes;
    private final LoginSessions sessions;
    private final Clock clock;
    /** Refresh grants the token endpoint answered with tokens, per {@code sub}. */
    private final ConcurrentMap<String, AtomicLong> refreshes = new ConcurrentHashMap<>();

    /**
     * @param issuer the pool's issuer, {@link EmbeddedTokenIssuer#issuerFor(int)} of the sign-in port
     */
    public EmbeddedIdentity(DevUsers users, DevAppClient client, String issuer, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = new DevSettings();
        this.tokens = EmbeddedTokenIssuer.generate(issuer, client.clientId(), settings::tokenLifetime, clock);
        this.refreshTokens = new RefreshTokens(clock);
        this.codes = new AuthorizationCodes(clock, refreshTokens::revokeSignIn);
        this.sessions = new LoginSessions(clock);
    }

    public DevUsers users() {
        return users;
    }

    public DevSettings settings() {
        return settings;
    }

    public DevAppClient client() {
        return client;
    }

    public EmbeddedTokenIssuer tokens() {
        return tokens;
    }

    RefreshTokens refreshTokens() {
        return refreshTokens;
    }

    AuthorizationCodes codes() {
        return codes;
    }

    LoginSessions sessions() {
        return sessions;
    }

    Clock clock() {
        return clock;
    }

    /** AdminDisableUser: {@code /userinfo} answers 403, sign-in and refresh are refused; sessions end. */
    public Optional<DevUser> disable(String username) {
        Optional<DevUser> user = users.setEnabled(username, false);
        user.ifPresent(u -> sessions.endAllOf(u.sub()));
        return user;
    }

    /** AdminEnableUser. */
    public Optional<DevUser> enable(String username) {
        return users.setEnabled(username, true);
    }

    /** AdminDeleteUser: the user's tokens answer 401 at {@code /userinfo}; refresh tokens and sessions end. */
    public Optional<DevUser> delete(String username) {
        Optional<DevUser> user = users.delete(username);
        user.ifPresent(this::signOutEverywhere);
        return user;
    }

    /** AdminCreateUser for a deleted username: the same profile under a new {@code sub}. */
    public Optional<DevUser> recreate(String username) {
        return users.recreate(username);
    }

    /**
     * AdminUserGlobalSignOut: every refresh token of the user stops working and their sign-in
     * sessions end. Access and ID tokens already issued stay valid until they expire, as Cognito's do
     * for a resource server that verifies them itself.
     *
     * @return the user and how many refresh tokens were revoked; empty when there is no such user
     */
    public Optional<Integer> globalSignOut(String username) {
        return users.find(username).map(this::signOutEverywhere);
    }

    private int signOutEverywhere(DevUser user) {
        sessions.endAllOf(user.sub());
        return refreshTokens.revokeAllOf(user.sub());
    }

    /** How many live refresh tokens the user has, for the dev page. */
    public long refreshTokenCount(String username) {
        return users.find(username).map(u -> refreshTokens.countOf(u.sub())).orElse(0L);
    }

    /** Counts one refresh grant the token endpoint answered with tokens for {@code sub}. */
    void refreshed(String sub) {
        refreshes.computeIfAbsent(sub, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * How many times the token endpoint refreshed the user's tokens since start-up (its current
     * {@code sub}), for the dev page and for end-to-end tests that must see a refresh happen.
     */
    public long refreshCount(String username) {
        return users.find(username).map(u -> Optional.ofNullable(refreshes.get(u.sub())).map(AtomicLong::get).orElse(0L))
                .orElse(0L);
    }
}
