package kz.qagida.facts.input;

/** How the border was crossed. */
public enum Transport {
    AIR, LAND, RAIL, SEA
}
