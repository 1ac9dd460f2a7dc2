package dev.userinfo.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * The id a request is logged and answered under: the Lambda request id, which is also on every line
 * CloudWatch writes for the invocation, else API Gateway's own.
 */
final class LambdaRequestIds {

    private LambdaRequestIds() {
    }

    static String of(Context context, String apiGatewayRequestId) {
        if (context != null && context.getAwsRequestId() != null && !context.getAwsRequestId().isBlank()) {
            return context.getAwsRequestId();
        }
        return apiGatewayRequestId;
    }
}
