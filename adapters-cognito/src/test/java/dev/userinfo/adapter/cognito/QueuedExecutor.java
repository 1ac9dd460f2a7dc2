package dev.userinfo.adapter.cognito;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** Background work that runs only when a test says so: a reload "in flight" is a task in the queue. */
final class QueuedExecutor implements Executor {

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean direct;

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (!direct) {
                tasks.add(task);
                return;
            }
        }
        task.run();
    }

    /** From now on, tasks run at once on the submitting thread. */
    synchronized void runDirectly() {
        direct = true;
    }

    synchronized int queued() {
        return tasks.size();
    }

    /** Runs what is queued now, and what that queues, on the caller's thread. */
    void runAll() {
        for (Runnable task = next(); task != null; task = next()) {
            task.run();
        }
    }

    private synchronized Runnable next() {
        return tasks.poll();
    }
}
