package dev.userinfo.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The JSON shapes this endpoint sends. The domain's types are never serialized directly. */
final class WireBodies {

    private WireBodies() {
    }

    /** The 200 body; every field is always present, {@code null} when unknown. */
    @JsonPropertyOrder({"name", "email", "nickname", "sub", "email_verified", "groups"})
    record UserInfoBody(
            @JsonProperty("name") String name,
            @JsonProperty("email") String email,
            @JsonProperty("nickname") String nickname,
            @JsonProperty("sub") String sub,
            @JsonProperty("email_verified") Boolean emailVerified,
            @JsonProperty("groups") List<String> groups) {
    }

    /** The answer to {@code POST /auth/logout}: where the browser ends the authorization server's own session. */
    record LogoutBody(@JsonProperty("logoutUrl") String logoutUrl) {
    }

    /** Every error body: a stable machine-readable code, and the request id only for a 500. */
    @JsonPropertyOrder({"error", "requestId"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorBody(@JsonProperty("error") String error, @JsonProperty("requestId") String requestId) {
    }
}
