package dev.userinfo.archfixture.cycle.a;

import dev.userinfo.archfixture.cycle.b.CycleB;

/** One half of a package cycle, on purpose. */
public class CycleA {
    public CycleB next() {
        return new CycleB();
    }
}
