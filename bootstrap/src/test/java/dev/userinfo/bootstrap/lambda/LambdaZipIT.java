package dev.userinfo.bootstrap.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.wiring.CognitoAdapters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bootstrap/target/userinfo-lambda.zip}, as {@code mvn package} made it, opened and searched. */
class LambdaZipIT {

    /** Packages of the local server's web stack, which no Lambda code path needs. */
    private static final List<String> FORBIDDEN_PREFIXES = List.of("io/javalin/", "org/eclipse/jetty/", "kotlin/");

    private static final Path ZIP = Path.of("target", "userinfo-lambda.zip");
    private static final List<String> rootEntries = new ArrayList<>();
    /** Every entry of every jar under lib/, as {@code lib/x.jar!/path}. */
    private static final List<String> jarEntries = new ArrayList<>();
    private static final List<String> jars = new ArrayList<>();

    @BeforeAll
    static void openTheZip() throws IOException {
        assertTrue(Files.isRegularFile(ZIP), ZIP.toAbsolutePath() + " exists (mvn package makes it)");
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                rootEntries.add(entry.getName());
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    jars.add(entry.getName());
                    try (InputStream in = zip.getInputStream(entry); ZipInputStream jar = new ZipInputStream(in)) {
                        for (ZipEntry inner; (inner = jar.getNextEntry()) != null; ) {
                            jarEntries.add(entry.getName() + "!/" + inner.getName());
                        }
                    }
                }
            }
        }
    }

    @Test
    void holdsNoJavalinJettyOrKotlinClass_atTheRootOrInAnyJar() {
        List<String> offending = new ArrayList<>();
        for (String entry : rootEntries) {
            FORBIDDEN_PREFIXES.stream().filter(entry::startsWith).findAny().ifPresent(p -> offending.add(entry));
        }
        for (String entry : jarEntries) {
            String inner = entry.substring(entry.indexOf("!/") + 2);
            FORBIDDEN_PREFIXES.stream().filter(inner::startsWith).findAny().ifPresent(p -> offending.add(entry));
        }
        assertEquals(List.of(), offending);
        assertTrue(jarEntries.size() > 1000, "the jars were read: " + jarEntries.size() + " entries");
    }

    @Test
    void holdsNoJarOfTheLocalServer_orOfTheTests() {
        for (String jar : jars) {
            String name = jar.substring("lib/".length());
            for (String banned : List.of("javalin", "jetty", "kotlin", "adapters-http", "jakarta.servlet",
                    "junit", "aws-lambda-java-tests", "jackson-dataformat-yaml", "snakeyaml", "archunit",
                    "swagger", "jackson-databind", "jackson-annotations")) {
                assertFalse(name.startsWith(banned), jar);
            }
        }
    }

    /**
     * The deployment package's budget: cookie sessions brought it from 11.5 to 14.8 MiB; the native
     * crypto provider would add 2.8 MiB (left out); leaving out jackson-databind took 1.5 MiB off.
     */
    @Test
    void staysWithin16MiB() throws IOException {
        long size = Files.size(ZIP);
        assertTrue(size <= 16L * 1024 * 1024, size + " bytes");
    }

    /** Only Netty's cookie codec and what it needs ship; its buffers, channels and handlers do not. */
    @Test
    void holdsNettysCookieCodec_andNoMoreOfNetty() {
        List<String> netty = jars.stream().filter(j -> j.startsWith("lib/netty-")).map(j -> j.replaceAll("-[0-9].*", "")).sorted().toList();
        assertEquals(List.of("lib/netty-codec-base", "lib/netty-codec-http", "lib/netty-common"), netty);
    }

    @Test
    void holdsNoOpenApiDocument_whichOnlyTheLocalServerServes() {
        List<String> offending = new ArrayList<>();
        rootEntries.stream().filter(e -> e.contains("openapi")).forEach(offending::add);
        jarEntries.stream().filter(e -> e.substring(e.indexOf("!/") + 2).contains("openapi")).forEach(offending::add);

        assertEquals(List.of(), offending);
    }

    @Test
    void holdsNoneOfTheLocalServersOwnClasses_soNoTokenMintingCodeShips() {
        List<String> bootstrapEntries = rootEntries.stream()
                .filter(e -> e.startsWith("dev/userinfo/bootstrap/") && !e.endsWith("/"))
                .toList();

        for (String entry : bootstrapEntries) {
            String room = entry.substring("dev/userinfo/bootstrap/".length());
            assertTrue(room.startsWith("lambda/") || room.startsWith("config/") || room.startsWith("wiring/"),
                    entry + " is not the Lambda's");
        }
        assertTrue(bootstrapEntries.contains("dev/userinfo/bootstrap/lambda/LambdaRestApiHandler.class"));
        assertTrue(bootstrapEntries.contains("dev/userinfo/bootstrap/lambda/LambdaHttpApiHandler.class"));
        // The embedded identity (dev users, the signing key, token minting) never ships.
        assertTrue(rootEntries.stream().noneMatch(e -> e.startsWith("dev/userinfo/bootstrap/embedded/")));
        assertTrue(rootEntries.stream().noneMatch(e -> e.startsWith("dev/userinfo/bootstrap/local/")));
    }

    @Test
    void isLaidOutForTheJavaRuntime_classesAtTheRoot_jarsUnderLib() {
        assertTrue(rootEntries.contains("dev/userinfo/bootstrap/config/UserInfoConfig.class"));
        for (String module : List.of("domain", "application", "adapters-cognito", "adapters-lambda")) {
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("lib/" + module + "-")), module + " jar in lib/");
        }
        for (String library : List.of("aws-lambda-java-core", "aws-lambda-java-events", "crac", "nimbus-jose-jwt",
                "cognitoidentityprovider", "caffeine", "jackson-core")) {
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("lib/" + library + "-")), library + " jar in lib/");
        }
        assertTrue(rootEntries.stream().noneMatch(e -> e.startsWith("events/")), "no test fixture in the zip");
    }

    /**
     * The native crypto provider is the local server's: the zip carries none of it (no classes, no
     * native library for any architecture), so the Lambda starts on the JDK's provider.
     */
    @Test
    void carriesNoNativeCryptoProvider() {
        assertEquals(List.of(), rootEntries.stream().filter(e -> e.startsWith("com/amazon/corretto/") || e.endsWith(".so")).toList());
        assertEquals(List.of(), jarEntries.stream().filter(e -> e.contains("com/amazon/corretto/") || e.endsWith(".so")).toList());
        assertTrue(jars.stream().noneMatch(j -> j.contains("AmazonCorrettoCryptoProvider")), jars.toString());
    }

    @Test
    void bootsOnItsOwn_withTheRealWiring_andAnswersASignedToken(@TempDir Path dir) throws Exception {
        LambdaColdStartBenchmark.unzip(ZIP, dir);

        // A fresh JVM with only the zip's contents (and a one-class driver) on its classpath; the
        // run fails unless it answers 200 with the profile, after a real key fetch and AdminGetUser.
        List<LambdaColdStartBenchmark.Run> runs = LambdaColdStartBenchmark.run(dir, 1);

        assertEquals(200, runs.get(0).status());
        assertEquals(LambdaColdStartBenchmark.EXPECTED_BODY, runs.get(0).body());
    }

    /**
     * The zip alone runs cookie sessions: in a fresh JVM with only its jars (and a one-class driver),
     * the handler reads its keys from {@code SESSION_SECRET_ARN} through the SDK's Secrets Manager
     * client (pointed at a stand-in by {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}), answers
     * {@code GET /auth/login} with the 302 and the login cookie, and the callback, after the code
     * exchange with PKCE at a managed-login stand-in, with the session cookie: every class the OAuth
     * client and the cookie codec need is in {@code lib/}.
     */
    @Test
    void bootsWithCookieSessions_onItsOwn_signsInThroughTheManagedLogin(@TempDir Path dir) throws Exception {
        LambdaColdStartBenchmark.unzip(ZIP, dir);
        String key = "k1:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        try (ManagedLoginStandIn standIn = new ManagedLoginStandIn("{\"SESSION_KEYS\":\"" + key + "\"}")) {
            Path driver = dir.resolve("driver");
            String resource = LambdaCookieSessionChild.class.getName().replace('.', '/') + ".class";
            Files.createDirectories(driver.resolve(resource).getParent());
            try (InputStream in = LambdaCookieSessionChild.class.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, driver.resolve(resource));
            }
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", dir + java.io.File.pathSeparator + dir.resolve("lib") + "/*" + java.io.File.pathSeparator + driver,
                    LambdaCookieSessionChild.class.getName());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(java.util.Map.ofEntries(
                    java.util.Map.entry("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
                    java.util.Map.entry("AWS_REGION", "eu-west-1"),
                    java.util.Map.entry("AWS_ACCESS_KEY_ID", "cookie-boot"),
                    java.util.Map.entry("AWS_SECRET_ACCESS_KEY", "cookie-boot"),
                    java.util.Map.entry("AWS_EC2_METADATA_DISABLED", "true"),
                    java.util.Map.entry("AWS_ENDPOINT_URL_SECRETS_MANAGER", standIn.url()),
                    java.util.Map.entry(UserInfoConfig.COGNITO_USER_POOL_ID, ManagedLoginStandIn.POOL_ID),
                    java.util.Map.entry(UserInfoConfig.COGNITO_CLIENT_IDS, ManagedLoginStandIn.CLIENT_ID),
                    java.util.Map.entry(UserInfoConfig.COGNITO_ENDPOINT, standIn.url()),
                    java.util.Map.entry(UserInfoConfig.COGNITO_ISSUER, standIn.issuer()),
                    java.util.Map.entry(UserInfoConfig.ALLOWED_ORIGINS, "https://app.example.com"),
                    java.util.Map.entry(UserInfoConfig.COOKIE_SESSIONS, "true"),
                    java.util.Map.entry(UserInfoConfig.COGNITO_DOMAIN, standIn.url()),
                    java.util.Map.entry(UserInfoConfig.SESSION_REDIRECT_URI, "https://app.example.com/auth/callback"),
                    java.util.Map.entry(UserInfoConfig.SESSION_SECRET_ARN, ManagedLoginStandIn.SECRET_ARN)));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), output);
            assertEquals(0, process.exitValue(), output);

            List<String> lines = output.lines().toList();
            String login = lines.stream().filter(l -> l.startsWith(LambdaCookieSessionChild.LOGIN)).findFirst().orElseThrow(
                    () -> new AssertionError(output));
            assertTrue(login.startsWith(LambdaCookieSessionChild.LOGIN + "302 " + standIn.url() + "/oauth2/authorize?"), login);
            assertTrue(login.contains("client_id=" + ManagedLoginStandIn.CLIENT_ID), login);
            assertTrue(login.contains("code_challenge_method=S256"), login);
            String callback = lines.stream().filter(l -> l.startsWith(LambdaCookieSessionChild.CALLBACK)).findFirst()
                    .orElseThrow(() -> new AssertionError(output));
            assertEquals(LambdaCookieSessionChild.CALLBACK + "303 /app ", callback);
            List<String> cookies = lines.stream().filter(l -> l.startsWith(LambdaCookieSessionChild.SET_COOKIE))
                    .map(l -> l.substring(LambdaCookieSessionChild.SET_COOKIE.length())).toList();
            assertEquals(3, cookies.size(), output);
            assertTrue(cookies.get(0).matches("__Host-userinfo-login=[\\w.-]+; Max-Age=600; Expires=[^;]+; Path=/; Secure;"
                    + " HTTPOnly; SameSite=Lax"), cookies.get(0));
            assertTrue(cookies.get(1).matches("__Host-userinfo=[\\w.-]+; Max-Age=60[0-9]{4}; Expires=[^;]+; Path=/; Secure;"
                    + " HTTPOnly; SameSite=Strict"), cookies.get(1));
            assertTrue(cookies.get(2).matches("__Host-userinfo-login=; Max-Age=0; Expires=[^;]+; Path=/; Secure; HTTPOnly;"
                    + " SameSite=Lax"), cookies.get(2));
            assertEquals(List.of(ManagedLoginStandIn.SECRET_ARN), standIn.secretIds, "the secret, read once at start-up");
            assertEquals(List.of("authorization_code client_id=" + ManagedLoginStandIn.CLIENT_ID), standIn.tokenRequests);
            assertFalse(output.contains(key.substring(3)), "the key is never printed or logged");
        }
    }

    @Test
    void everyHandlerTheTemplateNames_isAClassInTheZip() {
        List<String> handlers = DeployTemplate.project().handlers();

        assertFalse(handlers.isEmpty());
        for (String handler : handlers) {
            String className = handler.substring(0, handler.indexOf("::"));
            assertTrue(rootEntries.contains(className.replace('.', '/') + ".class"), handler);
        }
    }
}
