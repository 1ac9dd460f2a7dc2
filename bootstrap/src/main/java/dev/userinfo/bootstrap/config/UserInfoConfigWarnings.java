package dev.userinfo.bootstrap.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The environment variables a deployment sets that userinfo will not read although they are
 * plainly meant for it: a misspelling ({@code ALLOWED_ORIGIN} for {@code ALLOWED_ORIGINS}), or a
 * variable the mode or the entry point ignores (a pool id while {@code USERINFO_MODE} is embedded).
 * Such a variable changes nothing, so the service would quietly run with a setting other than the
 * one its operator wrote; these warnings say so at start-up. They name variables, never values.
 *
 * <p>The known names are {@link UserInfoConfig#VARIABLES}. A name "looks like ours" when it starts
 * with the prefix of a known name ({@code COGNITO_}, {@code ALLOWED_}, {@code USERINFO_}, …; never
 * {@code AWS_}, which belongs to the platform and the SDK), or is a short typing slip away from a
 * known name, so a normal shell or Lambda environment warns about nothing.
 */
public final class UserInfoConfigWarnings {

    /** The prefix of the platform's and the AWS SDK's own variables (AWS_PROFILE, AWS_LAMBDA_…). */
    private static final String PLATFORM_PREFIX = "AWS_";
    /** Known names at least this long also catch a misspelled prefix (COGNTIO_CLIENT_IDS). */
    private static final int FUZZY_MIN_LENGTH = 10;
    private static final int FUZZY_MAX_DISTANCE = 2;

    /** Read in embedded mode too, although its prefix says pool: it picks which minted tokens are accepted. */
    private static final Set<String> READ_IN_BOTH_MODES = Set.of(UserInfoConfig.COGNITO_TOKEN_USE);
    private static final Set<String> EMBEDDED_ONLY = Set.of(UserInfoConfig.USERINFO_DEV_USERS,
            UserInfoConfig.SIGN_IN_PORT, UserInfoConfig.SIGN_IN_CLIENT_ID, UserInfoConfig.SIGN_IN_CLIENT_SECRET,
            UserInfoConfig.SIGN_IN_REDIRECT_URIS, UserInfoConfig.SIGN_IN_LOGOUT_URIS);
    /**
     * Cookie-session variables embedded mode does not read: its sessions sign in with the sign-in
     * server's dev app client, follow the host the browser used, and seal with a key made at start-up.
     * ({@code COGNITO_DOMAIN} and {@code COGNITO_CLIENT_SECRET} are cognito-mode variables by their prefix.)
     */
    private static final Set<String> DERIVED_IN_EMBEDDED = Set.of(UserInfoConfig.SESSION_CLIENT_ID,
            UserInfoConfig.SESSION_REDIRECT_URI, UserInfoConfig.SESSION_KEYS);
    private static final Set<String> LOCAL_SERVER_ONLY = Set.of(
            UserInfoConfig.USERINFO_MODE, UserInfoConfig.PORT, UserInfoConfig.USERINFO_DEV_USERS,
            UserInfoConfig.SIGN_IN_PORT, UserInfoConfig.SIGN_IN_CLIENT_ID, UserInfoConfig.SIGN_IN_CLIENT_SECRET,
            UserInfoConfig.SIGN_IN_REDIRECT_URIS, UserInfoConfig.SIGN_IN_LOGOUT_URIS);
    private static final Set<String> LAMBDA_ONLY = Set.of(UserInfoConfig.TRUST_API_GATEWAY_AUTHORIZER,
            UserInfoConfig.SESSION_SECRET_ARN);

    /**
     * One warning.
     *
     * @param variables the variables it is about, sorted
     * @param message   one line for a human, naming those variables and what to do; never a value
     */
    public record Warning(List<String> variables, String message) {
        public Warning {
            variables = List.copyOf(variables);
            Objects.requireNonNull(message, "message");
        }
    }

    private UserInfoConfigWarnings() {
    }

    /**
     * The local server's warnings: misspellings, pool variables in embedded mode, the embedded
     * users file in cognito mode, and Lambda-only variables.
     *
     * @param env the environment, as {@link UserInfoConfig#forLocalServer} reads it
     * @return the warnings in a stable order (misspellings first, each group sorted by name); empty when all is well
     */
    public static List<Warning> forLocalServer(Map<String, String> env) {
        List<Warning> warnings = new ArrayList<>(unknown(env));
        Optional<UserInfoConfig.Mode> mode = localMode(env);
        if (mode.isPresent() && mode.get() == UserInfoConfig.Mode.EMBEDDED) {
            Set<String> cognitoOnly = set(env, UserInfoConfig.VARIABLES.stream()
                    .filter(UserInfoConfigWarnings::cognitoModeOnly).collect(Collectors.toSet()));
            if (!cognitoOnly.isEmpty()) {
                warnings.add(new Warning(List.copyOf(cognitoOnly), String.join(", ", cognitoOnly)
                        + (cognitoOnly.size() == 1 ? " is" : " are") + " read only in cognito mode and ignored in embedded mode;"
                        + " set " + UserInfoConfig.USERINFO_MODE + "=cognito to use a user pool"));
            }
            ignored(env, DERIVED_IN_EMBEDDED, "ignored in embedded mode, whose cookie sessions use the sign-in"
                    + " server's client, the host the browser used and a key made at start-up; set "
                    + UserInfoConfig.USERINFO_MODE + "=cognito to sign in with a user pool").ifPresent(warnings::add);
        }
        if (mode.isPresent() && mode.get() == UserInfoConfig.Mode.COGNITO) {
            ignored(env, EMBEDDED_ONLY, "read only in embedded mode (" + UserInfoConfig.USERINFO_MODE
                    + "=embedded) and ignored in cognito mode").ifPresent(warnings::add);
        }
        ignored(env, LAMBDA_ONLY, "read only by the Lambda function and ignored by the local server")
                .ifPresent(warnings::add);
        return List.copyOf(warnings);
    }

    /**
     * The Lambda's warnings: misspellings and the local server's own variables.
     *
     * @param env the environment, as {@link UserInfoConfig#forLambda} reads it
     * @return the warnings in a stable order; empty when all is well
     */
    public static List<Warning> forLambda(Map<String, String> env) {
        List<Warning> warnings = new ArrayList<>(unknown(env));
        ignored(env, LOCAL_SERVER_ONLY, "read only by the local server and ignored by the Lambda function")
                .ifPresent(warnings::add);
        return List.copyOf(warnings);
    }

    /** Whether only cognito mode reads a known variable: the pool's ({@code COGNITO_…}) and its users' ({@code ATTRIBUTE_…}). */
    static boolean cognitoModeOnly(String variable) {
        return (variable.startsWith("COGNITO_") || variable.startsWith("ATTRIBUTE_"))
                && !READ_IN_BOTH_MODES.contains(variable);
    }

    /** Set variables that look like ours but are not known, each with the closest known name when there is a close one. */
    private static List<Warning> unknown(Map<String, String> env) {
        Set<String> prefixes = UserInfoConfig.VARIABLES.stream()
                .filter(v -> v.indexOf('_') > 0)
                .map(v -> v.substring(0, v.indexOf('_') + 1))
                .filter(p -> !p.equals(PLATFORM_PREFIX))
                .collect(Collectors.toSet());
        List<Warning> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (UserInfoConfig.VARIABLES.contains(name) || isBlank(env.get(name))) {
                continue;
            }
            String upper = name.toUpperCase(Locale.ROOT);
            Optional<String> closest = closest(upper);
            boolean ours = prefixes.stream().anyMatch(upper::startsWith)
                    || closest.filter(known -> known.length() >= FUZZY_MIN_LENGTH
                            && distance(upper, known) <= FUZZY_MAX_DISTANCE).isPresent();
            if (!ours) {
                continue;
            }
            Optional<String> suggestion = closest.filter(known -> distance(upper, known) <= suggestionLimit(upper));
            warnings.add(new Warning(List.of(name), name + " is not a variable userinfo reads, so it has no effect"
                    + suggestion.map(known -> "; did you mean " + known + "?").orElse("")));
        }
        return warnings;
    }

    /**
     * The known name nearest to {@code name}; of equally near ones, one that holds {@code name} with
     * parts left out ({@code COGNITO_POOL_ID} in {@code COGNITO_USER_POOL_ID}, not {@code COGNITO_DOMAIN}),
     * then the first alphabetically, so the answer is stable.
     */
    private static Optional<String> closest(String name) {
        return UserInfoConfig.VARIABLES.stream()
                .min(Comparator.<String>comparingInt(known -> distance(name, known))
                        .thenComparing(known -> !isSubsequence(name, known))
                        .thenComparing(known -> known));
    }

    /** Whether {@code part} is {@code whole} with characters left out. */
    static boolean isSubsequence(String part, String whole) {
        int at = 0;
        for (int i = 0; i < whole.length() && at < part.length(); i++) {
            if (whole.charAt(i) == part.charAt(at)) {
                at++;
            }
        }
        return at == part.length();
    }

    /** How far a name may be from a known one for the known one to be offered: a third of its length, at least 2. */
    private static int suggestionLimit(String name) {
        return Math.max(FUZZY_MAX_DISTANCE, name.length() / 3);
    }

    private static Optional<Warning> ignored(Map<String, String> env, Set<String> variables, String why) {
        Set<String> set = set(env, variables);
        if (set.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Warning(List.copyOf(set),
                String.join(", ", set) + (set.size() == 1 ? " is " : " are ") + why));
    }

    /** Which of {@code variables} have a value (blank counts as unset, as in {@link UserInfoConfig}), sorted. */
    private static Set<String> set(Map<String, String> env, Set<String> variables) {
        return variables.stream().filter(v -> !isBlank(env.get(v))).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The local server's mode as {@link UserInfoConfig#forLocalServer} will read it; empty when it will refuse the value. */
    private static Optional<UserInfoConfig.Mode> localMode(Map<String, String> env) {
        String value = env.get(UserInfoConfig.USERINFO_MODE);
        if (isBlank(value)) {
            return Optional.of(UserInfoConfig.Mode.EMBEDDED);
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "embedded" -> Optional.of(UserInfoConfig.Mode.EMBEDDED);
            case "cognito" -> Optional.of(UserInfoConfig.Mode.COGNITO);
            default -> Optional.empty();
        };
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
     * neighbouring characters each cost one, so {@code COGNTIO_} is one slip from {@code COGNITO_}.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
