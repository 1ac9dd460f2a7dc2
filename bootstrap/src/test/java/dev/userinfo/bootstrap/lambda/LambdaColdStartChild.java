package dev.userinfo.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;

/**
 * One cold start, in a JVM whose classpath is the Lambda zip plus this class alone: build the REST
 * handler with its public no-arg constructor (as the Lambda runtime does), answer one event, print
 * the timings. Run by {@link LambdaColdStartBenchmark}; it must stay a single class file with no
 * nested or anonymous classes, since only this file is copied next to the zip's contents.
 */
public final class LambdaColdStartChild {

    static final String RESULT = "COLDSTART ";
    static final String BODY = "COLDSTART-BODY ";

    private LambdaColdStartChild() {
    }

    /** @param args the launch time (epoch ms) as the parent saw it, and the bearer token to send */
    public static void main(String[] args) {
        long launchedEpochMs = Long.parseLong(args[0]);
        long start = System.nanoTime();
        LambdaRestApiHandler handler = new LambdaRestApiHandler();
        long built = System.nanoTime();

        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("cold-start");
        context.setStage("prod");
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withResource("/userinfo")
                .withPath("/userinfo")
                .withHttpMethod("GET")
                .withHeaders(Map.of("Authorization", "Bearer " + args[1], "Origin", "https://app.example.com"))
                .withRequestContext(context);
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        long answered = System.nanoTime();
        long answeredEpochMs = System.currentTimeMillis();

        System.out.println(RESULT + "status=" + response.getStatusCode()
                + " launchToResponseMs=" + (answeredEpochMs - launchedEpochMs)
                + " mainToResponseMs=" + (answered - start) / 1_000_000.0
                + " initMs=" + (built - start) / 1_000_000.0
                + " requestMs=" + (answered - built) / 1_000_000.0);
        System.out.println(BODY + response.getBody());
    }
}
