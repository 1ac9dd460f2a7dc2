package dev.userinfo.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the module boundaries on the production classes of every module, and shows each rule
 * failing on a fixture built to break it, so no rule can pass because it matched nothing.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.userinfo";
    private static final String FIXTURE_ROOT = "dev.userinfo.archfixture";

    /** Production classes only: no test classes, from directories or from test-jars. */
    private static final ImportOption PRODUCTION_ONLY = location ->
            !location.contains("/test-classes/") && !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*"));

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(PRODUCTION_ONLY)
            .importPackages(ROOT);

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURE_ROOT);

    /** Which fixture class each rule must report. */
    private static final Map<String, String> FIXTURE_OFFENDERS = Map.ofEntries(
            Map.entry("domain depends only on the JDK", FIXTURE_ROOT + ".domain.DomainUsingJackson"),
            Map.entry("application depends only on domain, the JDK, Jackson and Netty's cookie codec",
                    FIXTURE_ROOT + ".application.ApplicationUsingAnAdapter"),
            Map.entry("only SessionCookies uses Netty's cookie codec", FIXTURE_ROOT + ".application.SecondCookieWriter"),
            Map.entry("the domain's core does not depend on its session room",
                    FIXTURE_ROOT + ".domain.CoreUsingTheSessionRoom"),
            Map.entry("only the OAuth adapter and the embedded sign-in server speak OAuth", FIXTURE_ROOT + ".bootstrap.wiring.WiringSpeakingOAuth"),
            Map.entry("only the cookie adapter and the embedded sign-in server encrypt with a direct key", FIXTURE_ROOT + ".bootstrap.lambda.LambdaEncryptingCookies"),
            Map.entry("only the local server picks the plain-http cookies",
                    FIXTURE_ROOT + ".bootstrap.lambda.LambdaServingPlainHttpCookies"),
            Map.entry("adapters do not depend on each other", FIXTURE_ROOT + ".adapter.http.HttpAdapterUsingCognito"),
            Map.entry("only bootstrap depends on adapters", FIXTURE_ROOT + ".application.ApplicationUsingAnAdapter"),
            Map.entry("bootstrap's config room depends on no other room",
                    FIXTURE_ROOT + ".bootstrap.config.ConfigUsingTheLambdaEntry"),
            Map.entry("the adapters' wiring depends on no entry point",
                    FIXTURE_ROOT + ".bootstrap.wiring.WiringUsingTheLocalServer"),
            Map.entry("the Lambda entry uses neither the local server, the embedded identity nor Javalin",
                    FIXTURE_ROOT + ".bootstrap.lambda.LambdaEntryUsingJavalin"),
            Map.entry("the embedded identity stands on config alone",
                    FIXTURE_ROOT + ".bootstrap.embedded.EmbeddedIdentityUsingTheLocalServer"),
            Map.entry("only the local server uses the embedded identity",
                    FIXTURE_ROOT + ".bootstrap.lambda.LambdaEntryMintingTokens"),
            Map.entry("the Lambda's code maps no JSON to objects",
                    FIXTURE_ROOT + ".bootstrap.config.ConfigMappingJsonToObjects"),
            Map.entry("no package cycles", FIXTURE_ROOT + ".cycle.a.CycleA"));

    static Stream<Arguments> rules() {
        return ArchitectureRules.all(ROOT).keySet().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void productionCode_keepsTheRule(String name) {
        ArchitectureRules.all(ROOT).get(name).check(PRODUCTION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void fixtureBuiltToBreakTheRule_isReported(String name) {
        ArchRule rule = ArchitectureRules.all(FIXTURE_ROOT).get(name);

        EvaluationResult result = rule.evaluate(FIXTURES);

        assertTrue(result.hasViolation(), name + " did not report its fixture");
        String offender = FIXTURE_OFFENDERS.get(name);
        assertTrue(result.getFailureReport().getDetails().stream().anyMatch(d -> d.contains(offender)),
                () -> name + " should name " + offender + " but said " + result.getFailureReport().getDetails());
    }

    @Test
    void everyRuleHasAFixture() {
        assertTrue(FIXTURE_OFFENDERS.keySet().containsAll(ArchitectureRules.all(ROOT).keySet()));
    }

    @Test
    void importedProductionCode_coversEveryModule_andNoTestCode() {
        for (String pkg : List.of("domain", "domain.session", "application", "adapter.cognito", "adapter.cognito.oauth",
                "adapter.cognito.cookie", "adapter.lambda", "adapter.http",
                "bootstrap.config", "bootstrap.wiring", "bootstrap.lambda", "bootstrap.local", "bootstrap.embedded")) {
            assertTrue(PRODUCTION.stream().anyMatch(c -> c.getPackageName().startsWith(ROOT + "." + pkg)),
                    "no production classes imported from " + pkg);
        }
        assertFalse(PRODUCTION.containPackage(FIXTURE_ROOT), "fixtures must not be imported as production code");
        assertFalse(PRODUCTION.contain("dev.userinfo.application.InMemoryTokenParser"), "test-jar classes were imported");
    }
}
