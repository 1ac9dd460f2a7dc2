package dev.userinfo.bootstrap.local;

import dev.userinfo.application.CookieSessions;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.embedded.SignInServer;
import dev.userinfo.domain.TokenParser;
import dev.userinfo.domain.UserAttributeLookup;
import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where the local server's identities come from, wired for one mode: the two ports, any routes the
 * mode adds, and what the start-up banner says about it.
 *
 * @param mode        the configured mode
 * @param description one line for the banner: what this mode talks to
 * @param tokenParser verifies the presented tokens
 * @param lookup      reads the users' attributes
 * @param routes      extra routes (the embedded mode's {@code /dev} group), none in cognito mode
 * @param curlLines   given the server's URL, the banner's copy-paste lines: get a token, call {@code /userinfo}
 * @param notes       given the server's URL, further banner lines (users, hints)
 * @param signIn      embedded mode: where its sign-in server is and the app client it knows (what a
 *                    local OAuth client, such as cookie sessions, is configured with); empty in cognito mode
 * @param cookieSessions the {@code /auth/*} routes and cookie-authenticated {@code /userinfo}, when on
 *                    (embedded mode: by default; cognito mode: {@code COOKIE_SESSIONS=true})
 * @param onClose     releases what the mode holds (SDK client, key set fetcher)
 */
public record LocalIdentity(
        UserInfoConfig.Mode mode,
        String description,
        TokenParser tokenParser,
        UserAttributeLookup lookup,
        List<Consumer<JavalinConfig>> routes,
        Function<String, List<String>> curlLines,
        Function<String, List<String>> notes,
        Optional<SignInServer.Endpoints> signIn,
        Optional<CookieSessions> cookieSessions,
        Runnable onClose) {

    public LocalIdentity {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tokenParser, "tokenParser");
        Objects.requireNonNull(lookup, "lookup");
        routes = List.copyOf(routes);
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(cookieSessions, "cookieSessions");
    }
}
