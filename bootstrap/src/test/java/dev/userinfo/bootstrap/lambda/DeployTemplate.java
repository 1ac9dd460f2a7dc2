package dev.userinfo.bootstrap.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code deploy/template.yaml} read generically. CloudFormation's short tags ({@code !Ref},
 * {@code !Sub}, {@code !GetAtt}) are YAML tags; the YAML parser keeps the tagged value and drops the
 * tag, so {@code !Sub "arn:...${UserPoolId}"} reads as that string, which is all these checks need.
 */
final class DeployTemplate {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> FUNCTION_TYPES = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");

    private final JsonNode root;

    private DeployTemplate(JsonNode root) {
        this.root = root;
    }

    static DeployTemplate parse(String yaml) {
        try {
            return new DeployTemplate(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's template, found from the module directory the tests run in. */
    static DeployTemplate project() {
        try {
            return parse(Files.readString(projectFile("deploy/template.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path projectFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    JsonNode root() {
        return root;
    }

    JsonNode resource(String logicalId) {
        return root.path("Resources").path(logicalId);
    }

    /** Every Lambda function, by logical id. */
    Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if (FUNCTION_TYPES.contains(e.getValue().path("Type").asText())) {
                functions.put(e.getKey(), e.getValue());
            }
        });
        return functions;
    }

    /** {@code Handler} of every function ({@code pkg.Class::method}). */
    List<String> handlers() {
        return functions().values().stream().map(f -> f.path("Properties").path("Handler").asText(null)).toList();
    }

    /** The names of the environment variables every function sets. */
    List<String> environmentVariableNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode f : functions().values()) {
            f.path("Properties").path("Environment").path("Variables").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /**
     * What is wrong with the template's IAM for least privilege: a wildcard in an action or resource,
     * {@code NotAction}/{@code NotResource}, or a managed or templated policy where an inline
     * statement belongs. Empty when it is right.
     */
    List<String> iamViolations() {
        List<String> violations = new ArrayList<>();
        for (var f : functions().entrySet()) {
            JsonNode policies = f.getValue().path("Properties").path("Policies");
            for (JsonNode policy : policies.isArray() ? iterable(policies) : List.of(policies)) {
                for (JsonNode branch : branches(policy)) {
                    if (!branch.isMissingNode() && !branch.has("Statement")) {
                        violations.add(f.getKey() + ": policy is not an inline statement: " + branch);
                    }
                }
            }
        }
        for (JsonNode statement : statements(root, new ArrayList<>())) {
            for (String forbidden : List.of("NotAction", "NotResource", "NotPrincipal")) {
                if (statement.has(forbidden)) {
                    violations.add("statement uses " + forbidden + ": " + statement);
                }
            }
            for (String key : List.of("Action", "Resource")) {
                if (!statement.has(key)) {
                    violations.add("statement has no " + key + ": " + statement);
                }
                for (String value : texts(statement.path(key))) {
                    if (value.contains("*")) {
                        violations.add("wildcard " + key + " '" + value + "'");
                    }
                }
            }
        }
        return violations;
    }

    /**
     * A policy's possible values: itself, or for {@code !If [condition, then, else]} (which the YAML
     * reader sees as that three-element list) both branches, {@code AWS::NoValue} left out.
     */
    static List<JsonNode> branches(JsonNode policy) {
        if (policy.isArray() && policy.size() == 3 && policy.get(0).isTextual()) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode branch : List.of(policy.get(1), policy.get(2))) {
                if (!"AWS::NoValue".equals(branch.asText())) {
                    out.add(branch);
                }
            }
            return out;
        }
        return List.of(policy);
    }

    /** Every IAM statement anywhere in the template. */
    List<JsonNode> statements() {
        return statements(root, new ArrayList<>());
    }

    private static List<JsonNode> statements(JsonNode node, List<JsonNode> found) {
        if (node.isObject()) {
            JsonNode statement = node.get("Statement");
            if (statement != null) {
                found.addAll(statement.isArray() ? iterable(statement) : List.of(statement));
            }
            node.elements().forEachRemaining(child -> statements(child, found));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> statements(child, found));
        }
        return found;
    }

    static List<String> texts(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.elements().forEachRemaining(e -> values.add(e.asText()));
            return values;
        }
        return node.isMissingNode() || node.isNull() ? List.of() : List.of(node.asText());
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.elements().forEachRemaining(list::add);
        return list;
    }
}
