package dev.userinfo.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;

/**
 * The baseline of the Lambda cold-start benchmark: the least a Java function behind an API Gateway
 * REST API can be — the same event and response types as the userinfo handler, a constant 200, no
 * dependencies but aws-lambda-java-core and aws-lambda-java-events (with the joda-time jar the
 * runtime's serialization of API Gateway events loads). Started by the same runtime
 * interface client in the same way as the zip, so what the zip takes above it is the zip's own
 * start-up and first request. A single class file: the benchmark copies only this file into the
 * baseline's task root.
 */
public final class TrivialLambdaHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** The body of every answer. */
    public static final String BODY = "{\"ok\":true}";

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(BODY);
    }
}
