package dev.userinfo.application;

import java.util.List;

/** The JSON shapes this endpoint sends. The domain's types are never serialized directly. */
final class WireBodies {

    private WireBodies() {
    }

    /** The 200 body; every field is always present, {@code null} when unknown, in this order. */
    record UserInfoBody(String name, String email, String nickname, String sub, Boolean emailVerified, List<String> groups) {

        /** {@code {"name":…,"email":…,"nickname":…,"sub":…,"email_verified":…,"groups":[…]}}. */
        String json() {
            return JsonText.object(json -> {
                JsonText.stringOrNull(json, "name", name);
                JsonText.stringOrNull(json, "email", email);
                JsonText.stringOrNull(json, "nickname", nickname);
                JsonText.stringOrNull(json, "sub", sub);
                if (emailVerified == null) {
                    json.writeNullField("email_verified");
                } else {
                    json.writeBooleanField("email_verified", emailVerified);
                }
                if (groups == null) {
                    json.writeNullField("groups");
                } else {
                    json.writeArrayFieldStart("groups");
                    for (String group : groups) {
                        json.writeString(group);
                    }
                    json.writeEndArray();
                }
            });
        }
    }

    /** The answer to {@code POST /auth/logout}: where the browser ends the authorization server's own session. */
    record LogoutBody(String logoutUrl) {

        /** {@code {"logoutUrl":…}}. */
        String json() {
            return JsonText.object(json -> JsonText.stringOrNull(json, "logoutUrl", logoutUrl));
        }
    }

    /** Every error body: a stable machine-readable code, and the request id only for a 500. */
    record ErrorBody(String error, String requestId) {

        /** {@code {"error":…}}, with {@code "requestId":…} after it when there is one. */
        String json() {
            return JsonText.object(json -> {
                JsonText.stringOrNull(json, "error", error);
                if (requestId != null) {
                    json.writeStringField("requestId", requestId);
                }
            });
        }
    }
}
