package dev.userinfo.benchmarks;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The floor of the load benchmark: a bare Javalin app (Javalin's defaults, but its banner) with one
 * route, {@code GET /userinfo}, that answers the recorded bytes of a real 200 of the local server —
 * status, headers, body — and does nothing else: none of this project's code (no contract, no
 * routing, no access log). What the local server answers above this is the cost of what it does.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.userinfo.benchmarks.BareJavalinFloor <answer-file>},
 * the file as {@link RecordedAnswer#write} leaves it; prints {@code listening on http://127.0.0.1:<port>}
 * and runs until stopped.
 */
public final class BareJavalinFloor {

    private BareJavalinFloor() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        RecordedAnswer answer = RecordedAnswer.read(Path.of(args[0]));
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/userinfo", ctx -> {
                ctx.status(answer.status());
                for (Map.Entry<String, String> header : answer.headers()) {
                    ctx.header(header.getKey(), header.getValue());
                }
                ctx.result(answer.body());
            });
        });
        app.start("127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "floor-shutdown"));
        System.out.println("listening on http://127.0.0.1:" + app.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
