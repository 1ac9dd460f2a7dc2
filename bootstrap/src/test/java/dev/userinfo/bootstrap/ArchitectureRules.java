package dev.userinfo.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The module boundaries of DESIGN.md as ArchUnit rules over a root package, so the same rules can
 * be checked against the real code and against a fixture that breaks each of them.
 */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    static Map<String, ArchRule> all(String root) {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("domain depends only on the JDK", classes()
                .that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".domain..", "java.."));
        // Widened by exactly one package for cookie sessions: Netty's RFC 6265 codec (Set-Cookie, Cookie).
        rules.put("application depends only on domain, the JDK, Jackson and Netty's cookie codec", classes()
                .that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        root + ".application..", root + ".domain..", "java..", "com.fasterxml.jackson..",
                        "io.netty.handler.codec.http.cookie"));
        rules.put("only SessionCookies uses Netty's cookie codec", noClasses()
                .that().resideInAPackage(root + ".application..").and().doNotHaveSimpleName("SessionCookies")
                .should().dependOnClassesThat().resideInAPackage("io.netty.."));
        rules.put("the domain's core does not depend on its session room", noClasses()
                .that().resideInAPackage(root + ".domain")
                .should().dependOnClassesThat().resideInAPackage(root + ".domain.session.."));
        // The embedded sign-in server is the other side of the same protocol (it plays Cognito's
        // authorization server locally), so it may use the OAuth SDK's server-side types too.
        rules.put("only the OAuth adapter and the embedded sign-in server speak OAuth", noClasses()
                .that().resideOutsideOfPackages(root + ".adapter.cognito.oauth..", root + ".bootstrap.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage("com.nimbusds.oauth2..", "com.nimbusds.openid.."));
        // The embedded sign-in server seals its opaque refresh tokens the same way (dir + A256GCM).
        rules.put("only the cookie adapter and the embedded sign-in server encrypt with a direct key", noClasses()
                .that().resideOutsideOfPackages(root + ".adapter.cognito.cookie..", root + ".bootstrap.embedded..")
                .should().dependOnClassesThat().haveFullyQualifiedName("com.nimbusds.jose.crypto.DirectEncrypter")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.nimbusds.jose.crypto.DirectDecrypter"));
        rules.put("only the local server picks the plain-http cookies", noClasses()
                .that().resideOutsideOfPackages(root + ".bootstrap.local..", root + ".application..")
                .should().accessField(dev.userinfo.application.CookieScheme.class, "PLAIN_HTTP_LOCALHOST"));
        rules.put("adapters do not depend on each other", slices()
                .matching(root + ".adapter.(*)..")
                .should().notDependOnEachOther());
        rules.put("only bootstrap depends on adapters", noClasses()
                .that().resideOutsideOfPackages(root + ".adapter..", root + ".bootstrap..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter.."));
        // bootstrap's rooms (DESIGN.md): config, wiring, Lambda entry, local server, embedded identity.
        String bootstrap = root + ".bootstrap";
        rules.put("bootstrap's config room depends on no other room", noClasses()
                .that().resideInAPackage(bootstrap + ".config..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        bootstrap + ".wiring..", bootstrap + ".lambda..", bootstrap + ".local..", bootstrap + ".embedded.."));
        rules.put("the adapters' wiring depends on no entry point", noClasses()
                .that().resideInAPackage(bootstrap + ".wiring..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        bootstrap + ".lambda..", bootstrap + ".local..", bootstrap + ".embedded.."));
        rules.put("the Lambda entry uses neither the local server, the embedded identity nor Javalin", noClasses()
                .that().resideInAPackage(bootstrap + ".lambda..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        bootstrap + ".local..", bootstrap + ".embedded..", "io.javalin..", "org.eclipse.jetty.."));
        rules.put("the embedded identity stands on config alone", noClasses()
                .that().resideInAPackage(bootstrap + ".embedded..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        bootstrap + ".wiring..", bootstrap + ".lambda..", bootstrap + ".local.."));
        rules.put("only the local server uses the embedded identity", noClasses()
                .that().resideOutsideOfPackages(bootstrap + ".local..", bootstrap + ".embedded..")
                .should().dependOnClassesThat().resideInAPackage(bootstrap + ".embedded.."));
        // The Lambda zip leaves out jackson-databind and jackson-annotations (lambda-zip.xml): every
        // class it carries of ours must do without them.
        rules.put("the Lambda's code maps no JSON to objects", noClasses()
                .that().resideInAnyPackage(root + ".domain..", root + ".application..", root + ".adapter.cognito..",
                        root + ".adapter.lambda..", bootstrap + ".config..", bootstrap + ".wiring..", bootstrap + ".lambda..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.fasterxml.jackson.databind..", "com.fasterxml.jackson.annotation.."));
        rules.put("no package cycles", slices()
                .matching(root + ".(**)")
                .should().beFreeOfCycles());
        return rules;
    }
}
