package kz.qagida.facts;

/** How the border was crossed. */
public enum Transport {
    AIR, LAND, RAIL, SEA
}
