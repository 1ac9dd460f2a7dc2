package dev.userinfo.archfixture.cycle.b;

import dev.userinfo.archfixture.cycle.a.CycleA;

/** The other half of a package cycle, on purpose. */
public class CycleB {
    public CycleA back() {
        return new CycleA();
    }
}
